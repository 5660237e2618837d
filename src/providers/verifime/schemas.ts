// JSON Schemas of VerifiMe's requests, responses and webhook body. They drive fastify's
// validation, the OpenAPI document and (for generated values) json-schema-faker.
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
    dateOfBirth: nullableString({ format: 'date', description: 'ISO 8601 date, e.g. 1990-01-15' }),
    preferredContactNumber: nullableString({ pattern: '^[+0-9 ()-]*$', description: 'e.g. +61 412345678' }),
    address: nullableString({ description: 'free text, resolved by address lookup in the wizard' }),
    callbackUrl: nullableString({ format: 'uri', description: 'per-invite target of the "Return to [company]" button' }),
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

export const inviteResponseSchema = {
  type: 'object',
  required: ['trackingReference', 'inviteUrl', 'qrCodeUrl'],
  properties: {
    trackingReference: { type: 'string', format: 'uuid' },
    inviteUrl: { type: 'string', format: 'uri' },
    qrCodeUrl: { type: 'string', format: 'uri' },
  },
  additionalProperties: false,
} as const;

export const validationResultSchema = {
  type: 'object',
  required: ['path', 'name', 'resultType', 'resultName', 'resultScope', 'message'],
  properties: {
    path: { type: 'string' },
    name: { type: 'string' },
    resultType: { type: 'string', enum: ['Error', 'Warning'] },
    resultName: { type: 'string' },
    resultScope: { type: 'string' },
    message: { type: 'string' },
  },
  additionalProperties: false,
} as const;

export const errorEnvelopeSchema = {
  type: 'object',
  required: ['request', 'validationResults'],
  properties: {
    request: { type: ['object', 'null'], additionalProperties: true },
    validationResults: { type: 'array', items: validationResultSchema },
  },
  additionalProperties: false,
} as const;

export const trackingParamsSchema = {
  type: 'object',
  required: ['trackingReference'],
  properties: { trackingReference: { type: 'string', pattern: UUID_PATTERN } },
} as const;

export const trackingStatusSchema = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: [...TRACKING_STATUSES] } },
  additionalProperties: false,
} as const;

export const forceVerifyResponseSchema = {
  type: 'object',
  required: ['trackingReference', 'status', 'assessmentStatus', 'riskLevel'],
  properties: {
    trackingReference: { type: 'string' },
    status: { type: 'string', enum: [...TRACKING_STATUSES] },
    assessmentStatus: { type: ['string', 'null'], enum: [...ASSESSMENT_STATUSES, null] },
    riskLevel: { type: ['string', 'null'], enum: [...RISK_LEVELS, null] },
  },
  additionalProperties: false,
} as const;

export const riskAssessmentUpdatedSchema = {
  type: 'object',
  required: ['eventId', 'eventName', 'customerName', 'assessmentStatus', 'riskLevel', 'assessmentPortalUrl', 'eventTimestamp', 'metadata'],
  properties: {
    eventId: { type: 'string', format: 'uuid' },
    eventName: { const: 'RISK_ASSESSMENT_UPDATED' },
    customerName: { type: 'string' },
    assessmentStatus: { type: 'string', enum: [...ASSESSMENT_STATUSES] },
    riskLevel: { type: ['string', 'null'], enum: [...RISK_LEVELS, null] },
    assessmentPortalUrl: { type: 'string', format: 'uri' },
    eventTimestamp: { type: 'string', format: 'date-time' },
    metadata: { type: ['string', 'null'] },
  },
  additionalProperties: false,
} as const;

/** Generated customer names when the invite carried none (json-schema-faker + faker). */
export const generatedCustomerSchema = {
  type: 'object',
  required: ['customerName'],
  properties: { customerName: { type: 'string', faker: 'person.fullName' } },
} as const;
