// The provider-neutral envelope of a scenario file. Each provider contributes the schema of
// one timeline item (its events and the payload values that matter).
// A duration is a number of ms or unit parts ("90s", "2m30s"); a delay is "phase2", a
// duration, or a range of two durations ("1m-3m", "1m..3m").
const DURATION = '(?:(?:\\d+(?:\\.\\d+)?\\s*(?:ms|s|m|h|d)\\s*)+|\\d+(?:\\.\\d+)?)';
export const DELAY_PATTERN = `^\\s*(?:phase2|${DURATION}(?:\\s*(?:-|\\.\\.)\\s*${DURATION})?)\\s*$`;

export const delaySchema = {
  description: 'when, after the customer finished data entry: "phase2" (PHASE2_DELAY), "30s", or a range "1m-3m"',
  oneOf: [
    { type: 'string', pattern: DELAY_PATTERN },
    {
      type: 'object',
      properties: { min: { type: 'string', pattern: DELAY_PATTERN }, max: { type: 'string', pattern: DELAY_PATTERN } },
      required: ['min', 'max'],
      additionalProperties: false,
    },
  ],
} as const;

const faultValue = {
  description: 'true, false, or a probability from 0 to 1 drawn per event from the seeded random',
  oneOf: [{ type: 'boolean' }, { type: 'number', minimum: 0, maximum: 1 }],
} as const;

/** Delivery faults for testing a consumer's webhook endpoint; a scenario-level value applies to every timeline event. */
export const faultsSchema = {
  type: 'object',
  description: 'delivery faults: duplicate, reorder, dropFirstAttempt, badSignature',
  properties: {
    duplicate: { ...faultValue, description: 'the event is delivered a second time: same bytes, same event id, its own retries' },
    reorder: { ...faultValue, description: 'the event is held back and delivered right after the next event of the session' },
    dropFirstAttempt: { ...faultValue, description: 'the first attempt is not sent; recorded as a connection failure and retried by the policy' },
    badSignature: { ...faultValue, description: 'a forged copy signed with a wrong secret is sent first (once, never retried); the genuine one follows' },
  },
  additionalProperties: false,
} as const;

export function scenarioFileSchema(provider: string, timelineItem: object, extraProperties: Record<string, object> = {}): object {
  return {
    $id: `kyc-sim/scenario/${provider}`,
    type: 'object',
    properties: {
      version: { const: 1 },
      provider: { const: provider },
      description: { type: 'string', minLength: 1 },
      timeline: { type: 'array', items: timelineItem },
      faults: faultsSchema,
      ...extraProperties,
    },
    required: ['version', 'description', 'timeline'],
    additionalProperties: false,
  };
}
