// GET /v2/verifications/{id}: the whole verification as it stands on the timeline so far,
// consistent with the webhooks already sent (reference §6). Also the webhook `details`.
import type { Simulator } from '../../simulator.js';
import type { Flow } from './flows.js';
import { mediaUrl } from './media.js';
import type { DocumentState, MetamapSession, StepState } from './session-data.js';

export function stepView(step: StepState) {
  return step.status === 200
    ? { status: step.status, id: step.id, ...(step.data === undefined ? {} : { data: step.data }), error: step.error }
    : { status: step.status, id: step.id };
}

export function resourceUrl(sim: Simulator, verificationId: string): string {
  return `${sim.publicUrl}/v2/verifications/${verificationId}`;
}

export function dashboardUrl(sim: Simulator, identityId: string): string {
  return `${sim.publicUrl}/identities/${identityId}`;
}

function documentView(sim: Simulator, doc: DocumentState) {
  return {
    country: doc.country,
    region: doc.region,
    type: doc.type,
    photos: doc.photos.map((token) => mediaUrl(sim, token)),
    ...(doc.fields ? { fields: doc.fields } : {}),
    steps: doc.steps.map(stepView),
  };
}

/** `computed`: the age from the first document with a date of birth, and expiry per type. */
export function computed(sim: Simulator, session: MetamapSession) {
  const read = session.data.documents.filter((d) => d.fields);
  if (read.length === 0) return undefined;
  const now = new Date(sim.clock.now()).toISOString().slice(0, 10);
  const withBirth = read.find((d) => d.fields?.dateOfBirth?.value);
  const expired: Record<string, boolean | null> = {};
  for (const doc of read) {
    const expiry = doc.fields?.expirationDate?.value ?? null;
    expired[doc.type ?? 'unknown'] = expiry === null ? null : expiry < now;
  }
  return {
    ...(withBirth ? { age: { data: session.data.person?.age ?? null } } : {}),
    isDocumentExpired: { data: expired },
  };
}

export function hasProblem(session: MetamapSession): boolean {
  const steps = [...session.data.steps, ...session.data.documents.flatMap((d) => d.steps)];
  return steps.some((s) => s.error !== null);
}

export function verificationResource(sim: Simulator, session: MetamapSession, flow: Flow) {
  const d = session.data;
  const details = computed(sim, session);
  return {
    id: d.verificationId,
    expired: d.expired,
    hasProblem: hasProblem(session),
    identity: { status: d.identityStatus },
    flow: { id: flow.id, name: flow.name },
    metadata: d.metadata ?? {},
    deviceFingerprint: d.deviceFingerprint,
    steps: d.steps.map(stepView),
    documents: d.documents.map((doc) => documentView(sim, doc)),
    ...(details ? { computed: details } : {}),
    inputs: d.inputs,
  };
}
