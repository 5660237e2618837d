// Webhook bodies in the documented key order (reference §5.3). Every event carries the
// envelope: resource, eventName, flowId, timestamp, and metadata when it was given.
import { flatJson, jsonString, JsonText } from '../../core/json-text.js';
import type { Simulator } from '../../simulator.js';
import { computed, dashboardUrl, resourceUrl, stepView } from './resource.js';
import type { MetamapSession, StepState } from './session-data.js';
import { EVENTS } from './vocabulary.js';

type Envelope = Record<string, unknown>;

function envelope(sim: Simulator, session: MetamapSession, eventName: string, middle?: Envelope): Envelope {
  const d = session.data;
  // Assigned in order rather than spread: V8 builds `{ a, ...b, c, d, e }` several times slower.
  const body: Envelope = { resource: resourceUrl(sim, d.verificationId) };
  if (middle) for (const key of Object.keys(middle)) body[key] = middle[key];
  body.eventName = eventName;
  body.flowId = d.flowId;
  body.timestamp = sim.clock.iso();
  if (d.metadata) body.metadata = d.metadata;
  return body;
}

/**
 * The bare envelope as JSON text, equal to JSON.stringify(envelope(sim, session, eventName)):
 * verification_started goes out with every create, where three JSON.stringify calls (this,
 * and the answer's metadata and fingerprint) were ~11% of its instructions.
 */
function bareEnvelope(sim: Simulator, session: MetamapSession, eventName: string): JsonText {
  const d = session.data;
  const metadata = d.metadata ? `,"metadata":${flatJson(d.metadata)}` : '';
  const resource = jsonString(resourceUrl(sim, d.verificationId));
  // Event names are ours and flow ids 24 hex digits (flows.ts): neither needs escaping.
  return new JsonText(`{"resource":${resource},"eventName":"${eventName}","flowId":"${d.flowId}","timestamp":"${sim.clock.iso()}"${metadata}}`);
}

export const verificationStarted = (sim: Simulator, s: MetamapSession) => bareEnvelope(sim, s, EVENTS.started);
export const inputsCompleted = (sim: Simulator, s: MetamapSession) => bareEnvelope(sim, s, EVENTS.inputsCompleted);
export const verificationExpired = (sim: Simulator, s: MetamapSession) => bareEnvelope(sim, s, EVENTS.expired);

export function stepCompleted(sim: Simulator, session: MetamapSession, step: StepState, documentType: string | null) {
  return envelope(sim, session, EVENTS.stepCompleted, {
    step: { ...stepView(step), ...(documentType ? { documentType } : {}) },
  });
}

/** verification_completed and verification_updated share this shape. */
export function verificationResult(sim: Simulator, session: MetamapSession, eventName: string) {
  const d = session.data;
  return envelope(sim, session, eventName, {
    deviceFingerprint: d.deviceFingerprint,
    identityStatus: d.identityStatus,
    details: computed(sim, session) ?? {},
    matiDashboardUrl: dashboardUrl(sim, d.identityId),
    status: d.automaticStatus ?? d.identityStatus,
  });
}
