// JSON Schemas of MetaMap's requests and responses for validation and the OpenAPI document.
import { STATUS_ENUM } from './vocabulary.js';

export const OBJECT_ID_PATTERN = '^[0-9a-fA-F]{24}$';

export const errorSchema = {
  type: 'object',
  properties: {
    code: { type: 'integer' },
    message: { type: 'string' },
    name: { type: 'string' },
    status: { type: 'integer' },
    statusCode: { type: 'integer' },
    type: { type: 'string' },
    data: { type: 'object' },
  },
} as const;

export const oauthResponseSchema = {
  type: 'object',
  required: ['access_token', 'expiresIn', 'payload'],
  properties: {
    access_token: { type: 'string' },
    expiresIn: { type: 'integer' },
    payload: { type: 'object', properties: { user: { type: 'object', properties: { _id: { type: 'string' } } } } },
  },
} as const;

export const createVerificationSchema = {
  type: 'object',
  required: ['flowId'],
  properties: {
    flowId: { type: 'string', pattern: OBJECT_ID_PATTERN },
    metadata: { type: 'object', description: 'at most 4 KB, one level deep; `scenario` selects a kyc-sim scenario' },
    identityId: { type: 'string', pattern: OBJECT_ID_PATTERN, description: 're-verification of an existing identity (accepted, not simulated)' },
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

export const statusBodySchema = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: [...STATUS_ENUM] } },
} as const;
