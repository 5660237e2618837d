// Webhook bodies in the documented key order (reference §5.3). Every event carries the
// envelope: resource, eventName, flowId, timestamp, and metadata when it was given.
import { JsonText } from '../../core/json-text.js';
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
 * An event that is nothing but the envelope, as the JSON text JSON.stringify would make of
 * envelope(sim, session, eventName). verification_started goes out for every create, and
 * serialising the object was a sixth of the create route's own time. The event name is one
 * of ours, the flow id 24 hex digits (flows are validated at load) and the timestamp an ISO
 * date: none needs escaping.
 */
function bareEnvelope(sim: Simulator, session: MetamapSession, eventName: string): JsonText {
  const d = session.data;
  const metadata = d.metadata ? `,"metadata":${JSON.stringify(d.metadata)}` : '';
  return new JsonText(
    `{"resource":${JSON.stringify(resourceUrl(sim, d.verificationId))},"eventName":"${eventName}","flowId":"${d.flowId}","timestamp":"${sim.clock.iso()}"${metadata}}`,
  );
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
