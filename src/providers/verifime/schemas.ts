// JSON Schemas of VerifiMe's requests and responses (the webhook body is in webhook-schemas.ts).
// They drive fastify's validation, the OpenAPI document and (for generated values) json-schema-faker.
import { MESSAGES } from './errors.js';
import { ASSESSMENT_STATUSES, RISK_LEVELS, TRACKING_STATUSES } from './vocabulary.js';

/** Letters (any script), combining marks, spaces, apostrophes, hyphens and full stops. */
export const PERSON_NAME_PATTERN = "^[\\p{L}\\p{M}'’ .-]*$";
export const PERSON_NAME_CHAR = /[\p{L}\p{M}'’ .-]/u;
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

const nullableString = (extra: object = {}) => ({ type: ['string', 'null'], ...extra });
const personName = (description: string) => nullableString({ pattern: PERSON_NAME_PATTERN, description });

export const customerContextSchema = {
  type: ['object', 'null'],
  description: 'Pre-fill data for the wizard; every field is optional. Never included in webhooks.',
  properties: {
    fullName: personName('alternative to first/family name'),
    firstName: personName('given name'),
    familyName: personName('family name'),
    middleName: personName('in staging, "pep" / "sanction" here select the PEP / sanctions outcome'),
    // An empty string is a blank form field: the same as leaving the field out.
    dateOfBirth: nullableString({ anyOf: [{ format: 'date' }, { maxLength: 0 }], description: 'ISO 8601 date, e.g. 1990-01-15 ("" = not given)' }),
    preferredContactNumber: nullableString({ pattern: '^[+0-9 ()-]*$', description: 'e.g. +61 412345678' }),
    address: nullableString({ description: 'free text, resolved by address lookup in the wizard' }),
    callbackUrl: nullableString({ anyOf: [{ format: 'uri' }, { maxLength: 0 }], description: 'per-invite target of the "Return to [company]" button ("" = not given)' }),
  },
} as const;

export const inviteRequestSchema = {
  type: 'object',
  required: ['email', 'code'],
  properties: {
    email: nullableString({ format: 'email', description: "customer's email" }),
    code: nullableString({ description: 'organisation code' }),
    referenceData: nullableString({ description: 'opaque correlation string, echoed as webhook `metadata`; `scenario=<name>` selects a kyc-sim scenario' }),
    customerContext: customerContextSchema,
    sendInvitationEmail: { type: ['boolean', 'null'], description: 'email the customer a branded invitation (simulated: not sent)' },
  },
} as const;

// Response shapes are shared schemas (`$id`, referenced as `Name#`): the OpenAPI document
// lists them once under components.schemas and the contract tests validate every answer
// against them. They describe exactly what kyc-sim sends, so additionalProperties is false.
export const inviteResponseSchema = {
  $id: 'VerifimeInviteResponse',
  type: 'object',
  required: ['trackingReference', 'inviteUrl', 'qrCodeUrl'],
  properties: {
    trackingReference: { type: 'string', format: 'uuid', description: 'lowercase UUID' },
    inviteUrl: { type: 'string', format: 'uri', description: 'portal base + /sign-up/track-id/ + the reference' },
    qrCodeUrl: { type: 'string', format: 'uri', description: 'QR service + ?url= + the URL-encoded inviteUrl' },
  },
  additionalProperties: false,
} as const;

export const validationResultSchema = {
  $id: 'VerifimeValidationResult',
  type: 'object',
  required: ['path', 'name', 'resultType', 'resultName', 'resultScope', 'message'],
  properties: {
    path: { type: 'string', description: 'parent object path; "" is the top level' },
    name: { type: 'string', description: 'field name; "" for a problem with the request as a whole' },
    resultType: { type: 'string', enum: ['Error', 'Warning'] },
    resultName: { type: 'string', enum: Object.keys(MESSAGES) },
    resultScope: { type: 'string', enum: ['Field', 'Request'] },
    message: { type: 'string' },
  },
  additionalProperties: false,
} as const;

const nullableText = { type: ['string', 'null'] } as const;

/** The normalised invite echo: every known field present, absent ones null. */
export const inviteEchoSchema = {
  $id: 'VerifimeInviteEcho',
  type: 'object',
  required: ['email', 'code', 'referenceData', 'customerContext', 'sendInvitationEmail'],
  properties: {
    email: nullableText,
    code: nullableText,
    referenceData: nullableText,
    customerContext: {
      type: ['object', 'null'],
      required: ['fullName', 'firstName', 'familyName', 'middleName', 'dateOfBirth', 'preferredContactNumber', 'address'],
      properties: {
        fullName: nullableText,
        firstName: nullableText,
        familyName: nullableText,
        middleName: nullableText,
        dateOfBirth: nullableText,
        preferredContactNumber: nullableText,
        address: nullableText,
        callbackUrl: { ...nullableText, description: 'echoed only when the request had it' },
      },
      additionalProperties: false,
    },
    sendInvitationEmail: { type: 'boolean' },
  },
  additionalProperties: false,
} as const;

export const errorEnvelopeSchema = {
  $id: 'VerifimeErrorEnvelope',
  type: 'object',
  description: "VerifiMe's validation envelope: the request echo (null when there is nothing to echo) and one result per problem",
  required: ['request', 'validationResults'],
  properties: {
    request: {
      anyOf: [
        { $ref: 'VerifimeInviteEcho#' },
        { type: 'object', required: ['trackingReference'], properties: { trackingReference: { type: 'string' } }, additionalProperties: false },
        { type: 'null' },
      ],
    },
    validationResults: { type: 'array', minItems: 1, items: { $ref: 'VerifimeValidationResult#' } },
  },
  additionalProperties: false,
} as const;

export const trackingParamsSchema = {
  type: 'object',
  required: ['trackingReference'],
  properties: { trackingReference: { type: 'string', pattern: UUID_PATTERN } },
} as const;

export const trackingStatusSchema = {
  $id: 'VerifimeTrackingStatus',
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: [...TRACKING_STATUSES], description: 'forward only: Inactive → Active → Completed' } },
  additionalProperties: false,
} as const;

export const forceVerifyResponseSchema = {
  $id: 'VerifimeForceVerifyResponse',
  type: 'object',
  required: ['trackingReference', 'status', 'assessmentStatus', 'riskLevel'],
  properties: {
    trackingReference: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: [...TRACKING_STATUSES] },
    assessmentStatus: { type: ['string', 'null'], enum: [...ASSESSMENT_STATUSES, null] },
    riskLevel: { type: ['string', 'null'], enum: [...RISK_LEVELS, null] },
  },
  additionalProperties: false,
} as const;

/** Registered on the VerifiMe routes' instance (fastify addSchema) for `$ref: 'Name#'`. */
export const verifimeSharedSchemas = [
  inviteResponseSchema,
  validationResultSchema,
  inviteEchoSchema,
  errorEnvelopeSchema,
  trackingStatusSchema,
  forceVerifyResponseSchema,
] as const;

/** A response that is VerifiMe's error envelope; the description says when it is sent. */
export const envelope = (description: string) => ({ $ref: 'VerifimeErrorEnvelope#', description });

/** The error answers every VerifiMe API route can give, besides its own. */
export const commonErrorResponses = {
  413: envelope('RequestTooLarge: the body is over 1 MiB'),
  415: envelope('UnsupportedMediaType: the body is not application/json'),
} as const;

/** Generated customer names when the invite carried none (json-schema-faker + faker). */
/**
 * A generated customer (no name pre-filled or typed): given and family name only, since the
 * webhook's customerName is the person's name as entered, never faker's "Dr." or "DDS".
 */
export const generatedCustomerSchema = {
  type: 'object',
  required: ['firstName', 'lastName'],
  properties: { firstName: { type: 'string', faker: 'person.firstName' }, lastName: { type: 'string', faker: 'person.lastName' } },
} as const;
