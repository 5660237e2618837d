// JSON Schemas of a step as MetaMap shows it (reference §5.4, §5.5): pending `{status: 0, id}`
// or completed `{status: 200, id, data?, error}` with the documented data of each step id, in
// the resource and (with documentType) in step_completed webhooks.
import { DOCUMENT_TYPES, STEP_IDS } from './vocabulary.js';

export const stepErrorSchema = {
  $id: 'MetamapStepError',
  type: 'object',
  required: ['type', 'code', 'message'],
  properties: {
    type: { type: 'string', enum: ['StepError', 'SystemError', 'LegacyError', 'ValidationError'] },
    code: { type: 'string', pattern: '^[a-zA-Z]+\\.[a-zA-Z]+$', description: 'namespace.camelCase, e.g. alterationDetection.fraudAttempt' },
    message: { type: 'string' },
    reasonCode: { type: 'string' },
    details: { type: 'object' },
  },
  additionalProperties: false,
} as const;

export const documentFieldSchema = {
  $id: 'MetamapDocumentField',
  type: 'object',
  required: ['value', 'label'],
  properties: {
    value: { type: ['string', 'null'] },
    label: { type: 'string' },
    format: { type: 'string', const: 'date' },
    required: { type: 'boolean' },
    sensitive: { type: 'boolean' },
  },
  additionalProperties: false,
} as const;

const url = { type: 'string', format: 'uri' } as const;
const urlOrNull = { anyOf: [url, { type: 'null' }] } as const;
const open = (properties: Record<string, object>, required: string[]) => ({ type: 'object', required, properties });

// Step data as documented per step (reference §5.5). A scenario's `data` is merged over it,
// so these objects stay open; the documented fields must keep their types.
const STEP_DATA: Record<string, object> = {
  'document-reading': { type: 'object', additionalProperties: { $ref: 'MetamapDocumentField#' } },
  facematch: open({ score: { type: 'number', minimum: 0, maximum: 100 } }, ['score']),
  'age-check': open({ age: { type: ['integer', 'null'] }, ageThreshold: { type: 'integer' }, underage: { type: ['boolean', 'null'] } }, ['age', 'ageThreshold', 'underage']),
  'ip-validation': open(
    {
      country: { type: 'string' },
      countryCode: { type: 'string' },
      region: { type: 'string' },
      regionCode: { type: 'string' },
      city: { type: 'string' },
      zip: { type: ['string', 'number'] },
      latitude: { type: 'number' },
      longitude: { type: 'number' },
      safe: { type: 'boolean' },
    },
    ['country', 'safe'],
  ),
  liveness: open({ videoUrl: url, spriteUrl: url, selfieUrl: open({ media: url, isUrl: { type: 'boolean' } }, ['media', 'isUrl']) }, ['videoUrl']),
  selfie: open({ selfiePhotoUrl: url }, ['selfiePhotoUrl']),
  're-facematch': open(
    {
      currentSelfiePhotoUrl: urlOrNull,
      currentSelfieVideoUrl: urlOrNull,
      facematchScore: { type: 'number', minimum: 0, maximum: 1, description: 'a 0-1 fraction, unlike facematch’s score' },
      previousSelfiePhotoUrl: urlOrNull,
      previousSelfieVideoUrl: urlOrNull,
      previousVerificationId: { anyOf: [{ type: 'string', pattern: '^[0-9a-f]{24}$' }, { type: 'null' }] },
    },
    ['facematchScore', 'previousVerificationId'],
  ),
  voice: open({ text: { type: 'string' }, videoUrl: url }, ['text']),
  watchlists: {
    type: 'array',
    items: open({ watchlist: open({ id: { type: 'integer' }, name: { type: 'string' } }, ['id', 'name']), searchedAt: { type: 'string', format: 'date-time' }, searchParams: { type: ['object', 'null'] }, searchResult: { type: ['object', 'null'] } }, ['watchlist', 'searchResult']),
  },
  'premium-aml-watchlists-search-validation': open(
    { isMonitoringAvailable: { type: 'boolean' }, nameSearched: { type: 'string' }, searchId: { type: ['integer', 'string'] }, searchedOn: { type: 'string', format: 'date-time' } },
    ['isMonitoringAvailable', 'nameSearched', 'searchId', 'searchedOn'],
  ),
};

const completedStepProperties = {
  status: { type: 'integer', const: 200, description: 'progress, not pass/fail: 200 = complete; pass/fail is error == null' },
  id: { type: 'string', enum: [...STEP_IDS] },
  data: { description: 'per step; see the step id' },
  error: { anyOf: [{ $ref: 'MetamapStepError#' }, { type: 'null' }] },
} as const;
const stepDataByStep = Object.entries(STEP_DATA).map(([id, data]) => ({
  if: { properties: { id: { const: id } }, required: ['id', 'data'] },
  then: { properties: { data } },
}));

/** A step that has run: in the resource and (with documentType) in step_completed. */
export const completedStepSchema = {
  $id: 'MetamapCompletedStep',
  type: 'object',
  required: ['status', 'id', 'error'],
  properties: completedStepProperties,
  additionalProperties: false,
  allOf: stepDataByStep,
} as const;

/** The step of a step_completed webhook: a completed step plus documentType on document steps. */
export const webhookStepSchema = {
  $id: 'MetamapWebhookStep',
  type: 'object',
  required: ['status', 'id', 'error'],
  properties: { ...completedStepProperties, documentType: { type: 'string', enum: [...DOCUMENT_TYPES] } },
  additionalProperties: false,
  allOf: stepDataByStep,
} as const;

export const pendingStepSchema = {
  $id: 'MetamapPendingStep',
  type: 'object',
  required: ['status', 'id'],
  properties: { status: { type: 'integer', const: 0 }, id: { type: 'string', enum: [...STEP_IDS] } },
  additionalProperties: false,
} as const;
