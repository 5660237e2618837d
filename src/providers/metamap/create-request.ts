// POST /v2/verifications (and the legacy /v2/identities): what the request's metadata may
// be, and the create response.
import { flatJson, jsonString } from '../../core/json-text.js';
import type { Simulator } from '../../simulator.js';
import type { Flow } from './flows.js';
import { initialSteps, requiredInputs } from './initial-state.js';
import type { MetamapSession, StepState } from './session-data.js';
import { PROVIDER_ID } from './vocabulary.js';

const METADATA_MAX_BYTES = 4096;

/** A step as the create response shows it: status and id only. */
const createdStepView = (step: StepState) => ({ status: step.status, id: step.id });

/** The documented create response (reference §3). */
export function createResponse(session: MetamapSession, flow: Flow) {
  const d = session.data;
  return {
    documents: [],
    expired: false,
    flow: { id: flow.id, name: flow.name },
    identity: d.identityId,
    inputs: d.inputs,
    metadata: d.metadata ?? {},
    steps: d.steps.map(createdStepView),
    id: d.verificationId,
    deviceFingerprint: d.deviceFingerprint,
    hasProblem: false,
  };
}

/** What every fresh verification of one flow answers alike, as JSON text. */
interface FreshParts {
  /** Up to the identity's opening quote: documents, expired, flow. */
  readonly start: string;
  readonly inputsJson: string;
  readonly stepsJson: string;
}

/**
 * The create response as JSON text, equal to JSON.stringify(createResponse(session, flow)).
 *
 * Why: JSON.stringify of that object costs ~6 µs on the machines kyc-sim is measured on (a
 * third of an object per microsecond), about as much as the rest of creating the verification.
 * A verification just created without `identityId` still shares its flow's initial inputs
 * and steps (initial-state.ts; writers replace them), so their JSON is made once per flow;
 * test/providers/metamap-create-answer.test.ts holds this against
 * createVerification for every kind of flow. A re-verification, with its extra step, is
 * serialised whole. Identity and verification ids are ObjectIds kyc-sim made, hex digits
 * that JSON needs no escaping for; metadata and the device fingerprint are flat objects,
 * serialised without a JSON.stringify call each (flatJson).
 */
export function createResponseJsonMaker(): (justCreated: MetamapSession, flow: Flow) => string {
  const byFlow = new WeakMap<Flow, FreshParts>();
  const partsOf = (flow: Flow): FreshParts => {
    let parts = byFlow.get(flow);
    if (!parts) {
      const flowJson = JSON.stringify({ id: flow.id, name: flow.name });
      parts = {
        start: `{"documents":[],"expired":false,"flow":${flowJson},"identity":"`,
        inputsJson: JSON.stringify(requiredInputs(flow)),
        stepsJson: JSON.stringify(initialSteps(flow).map(createdStepView)),
      };
      byFlow.set(flow, parts);
    }
    return parts;
  };
  return (session, flow) => {
    const d = session.data;
    if (d.inputs !== requiredInputs(flow) || d.steps !== initialSteps(flow)) return JSON.stringify(createResponse(session, flow));
    const parts = partsOf(flow);
    return (
      `${parts.start}${d.identityId}","inputs":${parts.inputsJson},"metadata":${d.metadata ? flatJson(d.metadata) : '{}'},` +
      `"steps":${parts.stepsJson},"id":"${d.verificationId}","deviceFingerprint":${fingerprintJson(d.deviceFingerprint)},"hasProblem":false}`
    );
  };
}

const fingerprintJson = (f: MetamapSession['data']['deviceFingerprint']): string =>
  `{"ua":${jsonString(f.ua)},"ip":${jsonString(f.ip)},"vpnDetectionEnabled":${f.vpnDetectionEnabled}}`;

/** metadata must be a flat object of at most 4 KB (reference §3, E1). */
export function checkMetadata(metadata: Record<string, unknown> | undefined | null): Record<string, unknown> | null | string {
  if (metadata === undefined || metadata === null) return null;
  // Most metadata is a few short values: a bound proves it fits without serialising it.
  const bound = flatJsonBound(metadata);
  if (bound !== null && bound <= METADATA_MAX_BYTES) return metadata;
  if (Buffer.byteLength(JSON.stringify(metadata)) > METADATA_MAX_BYTES) return 'metadata must be at most 4 KB';
  if (Object.values(metadata).some((v) => typeof v === 'object' && v !== null)) return 'metadata must be one level deep';
  return metadata;
}

/**
 * An upper bound of the UTF-8 size of JSON.stringify(metadata) when every value is a scalar,
 * else null. Per UTF-16 unit of a key or string: at most 6 bytes (`\uXXXX`; a literal unit
 * is at most 3 bytes of UTF-8); a number, boolean or null: at most 24 characters
 * (`-1.7976931348623157e+308`); plus quotes, colon, comma and braces.
 */
function flatJsonBound(metadata: Record<string, unknown>): number | null {
  let bound = 2;
  for (const key of Object.keys(metadata)) {
    const value = metadata[key];
    bound += 6 * key.length + 4;
    if (typeof value === 'string') bound += 6 * value.length + 2;
    else if (value === null || typeof value === 'number' || typeof value === 'boolean') bound += 24;
    else return null;
  }
  return bound;
}

/** A `scenario` in metadata must name a MetaMap scenario, so a typo never falls back silently. */
export function unknownScenario(sim: Simulator, metadata: Record<string, unknown> | null): string | null {
  const name = metadata?.scenario;
  if (typeof name !== 'string' || sim.catalogue.has(PROVIDER_ID, name)) return null;
  return `kyc-sim: unknown scenario "${name}" in metadata; valid scenarios: ${sim.catalogue.names(PROVIDER_ID).join(', ')}`;
}
