// JSON Schemas of what the MetaMap API answers about verifications (reference §3, §6): the
// create response, the resource (GET /v2/verifications/{id}, the webhooks' `resource`), its
// documents (steps: step-schemas.ts) and `computed`, the legacy identity, send-input results.
// Shared schemas (`$id`): the webhook bodies (webhook-schemas.ts) reuse the step and computed
// shapes, so the API and the webhooks cannot describe the same thing two ways.
import { DOCUMENT_TYPES, INPUT_TYPES, STATUS_ENUM } from './vocabulary.js';

const objectId = { type: 'string', pattern: '^[0-9a-f]{24}$' } as const;
const url = { type: 'string', format: 'uri' } as const;

/** Flat: at most 4 KB, values are not objects (reference §3, E1). */
export const metadataSchema = {
  $id: 'MetamapMetadata',
  type: 'object',
  description: 'echo of the create call’s metadata: one level deep, at most 4 KB',
  additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
} as const;

export const deviceFingerprintSchema = {
  $id: 'MetamapDeviceFingerprint',
  type: 'object',
  required: ['ua', 'ip'],
  properties: {
    ua: { type: 'string' },
    ip: { type: 'string' },
    vpnDetectionEnabled: { type: 'boolean' },
    browser: { type: 'object' },
    engine: { type: 'object' },
    os: { type: 'object' },
    cpu: { type: 'object' },
    device: { type: 'object' },
    app: { type: 'object' },
  },
  additionalProperties: false,
} as const;

export const inputSchema = {
  $id: 'MetamapInput',
  type: 'object',
  required: ['id', 'status'],
  properties: {
    id: { type: 'string', description: 'connection-data, document-photo, selfie-video, selfie-photo, …' },
    status: { type: 'integer', enum: [0, 200] },
    group: { type: 'integer', minimum: 0 },
    optional: { type: 'boolean' },
  },
  additionalProperties: false,
} as const;

const anyStep = { anyOf: [{ $ref: 'MetamapPendingStep#' }, { $ref: 'MetamapCompletedStep#' }] } as const;

export const documentSchema = {
  $id: 'MetamapDocument',
  type: 'object',
  required: ['country', 'region', 'type', 'photos', 'steps'],
  properties: {
    country: { type: ['string', 'null'] },
    region: { type: 'string', description: 'US state code, else ""' },
    type: { type: ['string', 'null'], enum: [...DOCUMENT_TYPES, null] },
    photos: { type: 'array', items: url },
    fields: { type: 'object', description: 'the document-reading data', additionalProperties: { $ref: 'MetamapDocumentField#' } },
    steps: { type: 'array', items: anyStep },
  },
  additionalProperties: false,
} as const;

/** `computed` of the resource, and `details` of verification_completed/_updated. */
export const computedSchema = {
  $id: 'MetamapComputed',
  type: 'object',
  properties: {
    age: { type: 'object', required: ['data'], properties: { data: { type: ['integer', 'null'] } }, additionalProperties: false },
    isDocumentExpired: {
      type: 'object',
      required: ['data'],
      properties: { data: { type: 'object', description: 'per document type: true, false, or null when no expiry date was read', additionalProperties: { type: ['boolean', 'null'] } } },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const;

const flow = { type: 'object', required: ['id', 'name'], properties: { id: objectId, name: { type: 'string' } }, additionalProperties: false } as const;

export const createdVerificationSchema = {
  $id: 'MetamapVerificationCreated',
  type: 'object',
  description: 'The create response; `identity` is the identity id (send-input), `id` the verification id',
  required: ['documents', 'expired', 'flow', 'identity', 'inputs', 'metadata', 'steps', 'id', 'deviceFingerprint', 'hasProblem'],
  properties: {
    documents: { type: 'array', maxItems: 0 },
    expired: { type: 'boolean' },
    flow,
    identity: objectId,
    inputs: { type: 'array', items: { $ref: 'MetamapInput#' } },
    metadata: { $ref: 'MetamapMetadata#' },
    steps: { type: 'array', items: { $ref: 'MetamapPendingStep#' } },
    id: objectId,
    deviceFingerprint: { $ref: 'MetamapDeviceFingerprint#' },
    hasProblem: { type: 'boolean' },
  },
  additionalProperties: false,
} as const;

export const verificationSchema = {
  $id: 'MetamapVerification',
  type: 'object',
  description: 'The verification as it stands on the timeline (webhook `resource`); `identity` is an object here',
  required: ['id', 'expired', 'hasProblem', 'identity', 'flow', 'metadata', 'deviceFingerprint', 'steps', 'documents', 'inputs'],
  properties: {
    id: objectId,
    expired: { type: 'boolean' },
    hasProblem: { type: 'boolean', description: 'some step has an error' },
    identity: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: [...STATUS_ENUM] } }, additionalProperties: false },
    flow,
    metadata: { $ref: 'MetamapMetadata#' },
    deviceFingerprint: { $ref: 'MetamapDeviceFingerprint#' },
    steps: { type: 'array', items: anyStep },
    documents: { type: 'array', items: { $ref: 'MetamapDocument#' } },
    computed: { $ref: 'MetamapComputed#' },
    inputs: { type: 'array', items: { $ref: 'MetamapInput#' } },
  },
  additionalProperties: false,
} as const;

export const legacyIdentityResponseSchema = {
  $id: 'MetamapLegacyIdentity',
  type: 'object',
  required: ['_id', 'alive', 'dateCreated', 'dateUpdated', 'metadata', 'status', 'user'],
  properties: {
    _id: objectId,
    alive: { type: 'null' },
    dateCreated: { type: 'string', format: 'date-time' },
    dateUpdated: { type: 'string', format: 'date-time' },
    metadata: { $ref: 'MetamapMetadata#' },
    status: { type: 'string', enum: [...STATUS_ENUM] },
    user: objectId,
  },
  additionalProperties: false,
} as const;

const inputEcho = {
  type: 'object',
  description: 'the input’s data, echoed with its inputType',
  required: ['inputType', 'filename'],
  properties: { inputType: { type: 'string', enum: [...INPUT_TYPES] }, filename: { type: 'string' } },
} as const;

export const inputResultSchema = {
  $id: 'MetamapInputResult',
  description: 'one per input, in input order: `result: true`, or a per-input ValidationError',
  oneOf: [
    { type: 'object', required: ['data', 'result'], properties: { data: inputEcho, result: { const: true } }, additionalProperties: false },
    {
      type: 'object',
      required: ['data', 'error'],
      properties: {
        data: inputEcho,
        error: {
          type: 'object',
          required: ['type', 'code', 'message'],
          properties: { type: { const: 'ValidationError' }, code: { type: 'string', pattern: '^[a-zA-Z]+\\.[a-zA-Z]+$' }, message: { type: 'string' } },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
  ],
} as const;

export const emptyObjectSchema = { $id: 'MetamapEmpty', type: 'object', description: '{}', additionalProperties: false } as const;
