// JSON Schemas of MetaMap's requests, errors and token for validation and the OpenAPI document
// (verification shapes: resource-schemas.ts; webhook bodies: webhook-schemas.ts). Response
// shapes are shared schemas (`$id`, referenced as `Name#`), listed once under
// components.schemas; the contract tests validate every answer against them, so where
// kyc-sim's shape is fixed additionalProperties is false.
import {
  computedSchema,
  createdVerificationSchema,
  deviceFingerprintSchema,
  documentSchema,
  emptyObjectSchema,
  inputResultSchema,
  inputSchema,
  legacyIdentityResponseSchema,
  metadataSchema,
  verificationSchema,
} from './resource-schemas.js';
import { completedStepSchema, documentFieldSchema, pendingStepSchema, stepErrorSchema, webhookStepSchema } from './step-schemas.js';
import { STATUS_ENUM } from './vocabulary.js';

export const OBJECT_ID_PATTERN = '^[0-9a-fA-F]{24}$';
const objectId = { type: 'string', pattern: '^[0-9a-f]{24}$' } as const;

export const errorSchema = {
  $id: 'MetamapError',
  type: 'object',
  description: 'MetaMap’s error body (Moleculer style): invalid_client, MoleculerError, NotFoundError, MEDIA_API_ERROR',
  required: ['code', 'message'],
  properties: {
    code: { type: 'integer', minimum: 400, maximum: 599 },
    message: { type: 'string' },
    name: { type: 'string' },
    status: { type: 'integer' },
    statusCode: { type: 'integer' },
    type: { type: 'string' },
    data: { type: 'object' },
  },
  additionalProperties: false,
} as const;

export const oauthResponseSchema = {
  $id: 'MetamapOAuthToken',
  type: 'object',
  required: ['access_token', 'expiresIn', 'payload'],
  properties: {
    access_token: { type: 'string', description: 'JWT; send it as `Authorization: Bearer …`' },
    expiresIn: { type: 'integer', description: 'seconds (3600 by default)' },
    payload: {
      type: 'object',
      required: ['user'],
      properties: { user: { type: 'object', required: ['_id'], properties: { _id: objectId }, additionalProperties: false } },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const;

export const oauthScopedResponseSchema = {
  $id: 'MetamapOAuthScopedToken',
  type: 'object',
  description: 'POST /oauth/token (reference §2.2): OAuth 2 field names, unlike POST /oauth',
  required: ['access_token', 'expires_in', 'scope', 'token_type'],
  properties: {
    access_token: { type: 'string', description: 'JWT; send it as `Authorization: Bearer …`' },
    expires_in: { type: 'integer', description: 'seconds (3600 by default)' },
    scope: { type: 'string', description: 'the requested scope (default verification_flow)' },
    token_type: { type: 'string', const: 'bearer' },
  },
  additionalProperties: false,
} as const;

/** Registered on the MetaMap routes' instance (fastify addSchema) for `$ref: 'Name#'`. */
export const metamapSharedSchemas = [
  errorSchema,
  oauthResponseSchema,
  oauthScopedResponseSchema,
  metadataSchema,
  deviceFingerprintSchema,
  inputSchema,
  stepErrorSchema,
  documentFieldSchema,
  completedStepSchema,
  webhookStepSchema,
  pendingStepSchema,
  documentSchema,
  computedSchema,
  createdVerificationSchema,
  verificationSchema,
  legacyIdentityResponseSchema,
  inputResultSchema,
  emptyObjectSchema,
] as const;

/** A response that is MetaMap's error body; the description says when it is sent. */
export const metamapError = (description: string) => ({ $ref: 'MetamapError#', description });

/** Every Bearer route: a missing, malformed or expired token. */
export const unauthorized = metamapError('invalid_client: missing, malformed or expired Bearer token');
/** Every route that reads a body. */
export const bodyErrors = {
  413: metamapError('The body is over 1 MiB (multipart: a file over 50 MB, or more than 20 files)'),
  415: metamapError('A content type the route does not take'),
} as const;

export const createVerificationSchema = {
  type: 'object',
  required: ['flowId'],
  properties: {
    flowId: { type: 'string', pattern: OBJECT_ID_PATTERN },
    metadata: { type: 'object', description: 'at most 4 KB, one level deep; `scenario` selects a kyc-sim scenario' },
    identityId: { type: 'string', pattern: OBJECT_ID_PATTERN, description: 're-verification of an identity kyc-sim issued: same identity, new verification id, a re-facematch step first' },
  },
} as const;

// Form fields (or JSON). No `type`: an empty body (the python SDK's Content-Length: 0 form)
// arrives as undefined and must pass; the handler reads only an object's fields.
const formField = (description: string) => ({ type: 'string', description }) as const;
export const oauthBodySchema = {
  properties: { grant_type: formField('client_credentials (the default when left out)') },
} as const;
export const oauthTokenBodySchema = {
  properties: {
    grant_type: formField('client_credentials (the default when left out)'),
    application_key: formField('the client_id, instead of HTTP Basic (reference §2.2)'),
    scope: formField('echoed in the answer; default verification_flow'),
    flow_id: formField('accepted, not checked'),
  },
} as const;

export const legacyIdentitySchema = {
  type: ['object', 'null'],
  properties: { metadata: { type: 'object' }, flowId: { type: 'string', pattern: OBJECT_ID_PATTERN } },
} as const;

export const verificationParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string' } },
} as const;

export const identityParamsSchema = {
  type: 'object',
  required: ['identity'],
  properties: { identity: { type: 'string' } },
} as const;

export const statusBodySchema = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: [...STATUS_ENUM] } },
} as const;
