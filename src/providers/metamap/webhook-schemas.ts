// The webhooks MetaMap sends, as data: one JSON Schema per eventName kyc-sim emits
// (reference/metamap-api.md §5.2, §5.3) and their OpenAPI 3.1 `webhooks` entries with the
// x-signature header (§5.1). Every body shares the envelope resource … eventName, flowId,
// timestamp, metadata (only when the create call had metadata). The contract tests validate
// every body kyc-sim sends against these, so a payload change must change this file too.
import { SIGNATURE_HEADER } from './delivery.js';
import { EVENTS, FINAL_STATUSES } from './vocabulary.js';

const envelopeProperties = {
  resource: { type: 'string', format: 'uri', pattern: '/v2/verifications/[0-9a-f]{24}$', description: 'GET it (Bearer) for the verification' },
  eventName: { type: 'string' },
  flowId: { type: 'string', pattern: '^[0-9a-f]{24}$' },
  timestamp: { type: 'string', format: 'date-time', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$', description: 'ISO 8601 with milliseconds, Z' },
  metadata: { $ref: 'MetamapMetadata#' },
} as const;
const ENVELOPE_REQUIRED = ['resource', 'eventName', 'flowId', 'timestamp'];

/** One event's body: the envelope plus `middle`, nothing else. */
function eventSchema(id: string, eventName: string, description: string, middle: Record<string, object> = {}) {
  const { resource, ...rest } = envelopeProperties;
  return {
    $id: id,
    type: 'object',
    description,
    required: [...ENVELOPE_REQUIRED, ...Object.keys(middle)],
    // In the order of the body: resource, the event's own fields, then the rest of the envelope.
    properties: { resource, ...middle, ...rest, eventName: { type: 'string', const: eventName } },
    additionalProperties: false,
  } as const;
}

const finalStatus = { type: 'string', enum: [...FINAL_STATUSES] } as const;
const verdict = {
  deviceFingerprint: { $ref: 'MetamapDeviceFingerprint#' },
  identityStatus: { ...finalStatus, description: 'the status now' },
  details: { $ref: 'MetamapComputed#' },
  matiDashboardUrl: { type: 'string', format: 'uri', description: 'dashboard page of the identity' },
  status: { ...finalStatus, description: 'the automatic verdict; it never changes (verification_updated keeps it)' },
};

/** Keyed by eventName, in the order a verification produces them. */
export const metamapEventSchemas = {
  [EVENTS.started]: eventSchema('MetamapVerificationStarted', EVENTS.started, 'The verification was created (POST /v2/verifications or the legacy POST /v2/identities).'),
  [EVENTS.inputsCompleted]: eventSchema('MetamapVerificationInputsCompleted', EVENTS.inputsCompleted, 'Every required input has arrived; processing under way.'),
  [EVENTS.stepCompleted]: eventSchema('MetamapStepCompleted', EVENTS.stepCompleted, 'One step finished (in no guaranteed order); error null means it passed.', {
    step: { $ref: 'MetamapWebhookStep#' },
  }),
  [EVENTS.completed]: eventSchema('MetamapVerificationCompleted', EVENTS.completed, 'Processing done; the verdict is identityStatus/status.', verdict),
  [EVENTS.updated]: eventSchema(
    'MetamapVerificationUpdated',
    EVENTS.updated,
    'The status was changed after the verdict (PUT /v2/verifications/{id}/status, the dashboard page, a scenario’s reviewer).',
    verdict,
  ),
  [EVENTS.expired]: eventSchema('MetamapVerificationExpired', EVENTS.expired, 'Inputs not complete METAMAP_EXPIRY (30 minutes) after creation; the customer probably abandoned.'),
} as const;

/** Shared schemas (fastify addSchema) so the document lists them under components.schemas. */
export const metamapWebhookSchemas = Object.values(metamapEventSchemas);

/** OpenAPI 3.1 `webhooks` entries, keyed by eventName. */
export const metamapWebhooks = Object.fromEntries(
  Object.entries(metamapEventSchemas).map(([eventName, schema]) => [
    eventName,
    {
      post: {
        tags: ['MetaMap'],
        summary: `MetaMap: ${eventName}`,
        description: `${schema.description} POSTed to every endpoint of the flow as compact JSON in a stable key order.`,
        parameters: [
          {
            name: SIGNATURE_HEADER,
            in: 'header',
            required: true,
            description: 'lowercase hex HMAC-SHA256 of the exact body bytes, keyed with the webhook secret',
            schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          },
        ],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema.$id}` } } } },
        responses: {
          '2XX': { description: 'Delivered.' },
          default: { description: 'Anything else (or no answer within 30 s): retried 1, 3, 5, 7 and 10 minutes after the first failure, then dropped.' },
        },
      },
    },
  ]),
);
