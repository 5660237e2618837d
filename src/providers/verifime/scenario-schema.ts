// What a VerifiMe scenario's timeline item may say: one RISK_ASSESSMENT_UPDATED event with
// the values that matter. PENDING carries no risk level.
import { delaySchema, faultsSchema } from '../../engine/scenario-schema.js';
import { ASSESSMENT_STATUSES, RISK_ASSESSMENT_UPDATED, RISK_LEVELS } from './vocabulary.js';

export const verifimeScenarioItemSchema = {
  type: 'object',
  properties: {
    event: { enum: [RISK_ASSESSMENT_UPDATED] },
    at: delaySchema,
    faults: faultsSchema,
    data: {
      type: 'object',
      properties: {
        assessmentStatus: { enum: [...ASSESSMENT_STATUSES] },
        riskLevel: { enum: [...RISK_LEVELS, null] },
        customerName: { type: 'string', minLength: 1 },
      },
      required: ['assessmentStatus', 'riskLevel'],
      additionalProperties: false,
      if: { properties: { assessmentStatus: { const: 'PENDING' } } },
      then: { properties: { riskLevel: { const: null } } },
    },
  },
  required: ['event', 'data'],
  additionalProperties: false,
} as const;
