// The webhook VerifiMe sends, as data: the JSON Schema of the RISK_ASSESSMENT_UPDATED body
// (reference/verifime-api.md §6.3) and its OpenAPI 3.1 `webhooks` entry with the signature
// headers (§6.2) and what each receiver answer makes the sender do (§6.4). The contract tests
// validate every body kyc-sim sends against this, so a payload change must change this too.
import { SIGNATURE_HEADER, VERSION_HEADER } from './delivery.js';
import { ASSESSMENT_STATUSES, RISK_ASSESSMENT_UPDATED, RISK_LEVELS } from './vocabulary.js';

export const riskAssessmentUpdatedSchema = {
  $id: 'VerifimeRiskAssessmentUpdated',
  type: 'object',
  description: 'The only documented VerifiMe event. It carries no trackingReference: correlate through metadata (the invite’s referenceData).',
  required: ['eventId', 'eventName', 'customerName', 'assessmentStatus', 'riskLevel', 'assessmentPortalUrl', 'eventTimestamp', 'metadata'],
  properties: {
    eventId: { type: 'string', format: 'uuid', description: 'unique per event; the same event may arrive more than once (retries): deduplicate on it' },
    eventName: { type: 'string', const: RISK_ASSESSMENT_UPDATED },
    customerName: { type: 'string', minLength: 1, description: 'person’s full name, or the company/trust/partnership name' },
    assessmentStatus: { type: 'string', enum: [...ASSESSMENT_STATUSES], description: 'PENDING (queued), PRELIMINARY (partial), ASSESSED (complete)' },
    riskLevel: { type: ['string', 'null'], enum: [...RISK_LEVELS, null], description: 'null while PENDING' },
    assessmentPortalUrl: { type: 'string', format: 'uri' },
    eventTimestamp: { type: 'string', format: 'date-time', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$', description: 'UTC, whole seconds, Z' },
    metadata: { type: ['string', 'null'], description: 'the invite’s referenceData; null when it had none' },
  },
  additionalProperties: false,
  // PENDING carries no risk level; PRELIMINARY and ASSESSED always do.
  if: { properties: { assessmentStatus: { const: 'PENDING' } } },
  then: { properties: { riskLevel: { type: 'null' } } },
  else: { properties: { riskLevel: { type: 'string' } } },
} as const;

/** Shared schemas (fastify addSchema) so the document lists them under components.schemas. */
export const verifimeWebhookSchemas = [riskAssessmentUpdatedSchema] as const;

const header = (name: string, description: string, schema: object) => ({ name, in: 'header', required: true, description, schema });

/** OpenAPI 3.1 `webhooks` entries, keyed by eventName. */
export const verifimeWebhooks = {
  [RISK_ASSESSMENT_UPDATED]: {
    post: {
      tags: ['VerifiMe'],
      summary: 'VerifiMe: risk assessment status changed (PENDING, PRELIMINARY, ASSESSED)',
      description:
        'POSTed to every endpoint of the organisation code. The only signal that verification and assessment are finished. ' +
        'With VERIFIME_INTERIM_EVENTS=false only ASSESSED is sent (older docs).',
      parameters: [
        header(SIGNATURE_HEADER, 'lowercase hex HMAC-SHA256 of the exact body bytes, keyed with the endpoint’s secret; compare in constant time', {
          type: 'string',
          pattern: '^[0-9a-f]{64}$',
        }),
        header(VERSION_HEADER, 'webhook schema version', { type: 'string', const: '1' }),
      ],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/VerifimeRiskAssessmentUpdated' } } },
      },
      responses: {
        '2XX': { description: 'Delivered; no retry.' },
        '401': { description: 'Treated as an invalid signature: delivery of this event stops for good.' },
        '408': { description: 'Transient: retried after the backoff (15 minutes by default, 5 attempts in all, then dead-letter).' },
        '429': {
          description: 'With Retry-After: waits exactly that long (at most 12 h); without it: the normal backoff.',
          headers: { 'Retry-After': { description: 'integer seconds or an HTTP date', schema: { type: 'string' } } },
        },
        '4XX': { description: 'Any other 4xx: permanent failure, no retry.' },
        '503': {
          description: 'With Retry-After: waits exactly that long (at most 12 h); without it: the normal backoff.',
          headers: { 'Retry-After': { description: 'integer seconds or an HTTP date', schema: { type: 'string' } } },
        },
        '5XX': { description: 'Transient (as is no answer within 30 s): retried after the backoff.' },
      },
    },
  },
} as const;
