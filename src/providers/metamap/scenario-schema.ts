// What a MetaMap scenario may say: step results in delivery order (with errors by code),
// the verdict, later manual reviews; plus who the customer is and whether they abandon.
import { delaySchema, faultsSchema } from '../../engine/scenario-schema.js';
import { EVENTS, FINAL_STATUSES, STEP_IDS } from './vocabulary.js';

const errorSchema = {
  oneOf: [
    { type: 'null' },
    { type: 'string', pattern: '^[a-zA-Z]+\\.[a-zA-Z]+$' },
    {
      type: 'object',
      required: ['code'],
      additionalProperties: false,
      properties: {
        code: { type: 'string', pattern: '^[a-zA-Z]+\\.[a-zA-Z]+$' },
        type: { enum: ['StepError', 'SystemError', 'LegacyError', 'ValidationError'] },
        message: { type: 'string' },
        reasonCode: { type: 'string' },
        details: { type: 'object', description: 'e.g. premiumAmlWatchlists.matchFound {matchStatus: name_exact | aka_exact | no_match | …}' },
      },
    },
  ],
} as const;

export const metamapScenarioItemSchema = {
  type: 'object',
  required: ['event'],
  additionalProperties: false,
  properties: {
    event: { enum: [EVENTS.stepCompleted, EVENTS.completed, EVENTS.updated] },
    at: delaySchema,
    faults: faultsSchema,
    step: { enum: [...STEP_IDS] },
    document: { type: 'integer', minimum: 0, description: 'document group of a document-scoped step (default: every group)' },
    error: {
      ...errorSchema,
      description: 'the step fails with this error; left out, it follows the data (facematch score under the flow threshold, underage); null: the step passes',
    },
    data: { type: 'object', description: 'merged over the generated step data' },
    status: { enum: [...FINAL_STATUSES], description: 'verification_completed: override the derived status; verification_updated: the new status' },
  },
  allOf: [
    { if: { properties: { event: { const: EVENTS.stepCompleted } } }, then: { required: ['step'] } },
    { if: { properties: { event: { const: EVENTS.updated } } }, then: { required: ['status'] } },
  ],
} as const;

export const metamapScenarioExtraSchema = {
  customer: {
    type: 'object',
    additionalProperties: false,
    properties: { age: { type: 'integer', minimum: 1, maximum: 120 } },
  },
  abandon: { type: 'boolean', description: 'the customer never finishes: inputs never complete, verification_expired follows' },
} as const;
