// A verification's life: created (verification_started), inputs arrive, inputs complete
// (verification_inputs_completed, Phase 2 starts), or 30 minutes pass (verification_expired);
// later a reviewer may change the status (verification_updated) or the merchant deletes it.
import { selectScenario } from '../../engine/scenario-selection.js';
import { moveTo, newSession } from '../../engine/session.js';
import type { Simulator } from '../../simulator.js';
import type { Flow } from './flows.js';
import type { Random } from '../../core/random.js';
import { addReverification, newestLive } from './identities.js';
import { objectId, verificationIdFor } from './ids.js';
import { initialSteps, NO_ENTRIES, NO_ITEMS, pendingStep, receiveInputs, requiredInputs } from './initial-state.js';
import { placeholderMedia } from './media.js';
import { ensureDocument } from './timeline.js';
import { inputsCompleted, verificationExpired, verificationResult, verificationStarted } from './payloads.js';
import { metadataScenario, type MetamapSession } from './session-data.js';
import { EVENTS, PROVIDER_ID, REVERIFICATION_STEP, type FinalStatus } from './vocabulary.js';

export const DEFAULT_SCENARIO = 'verified';

export class LifecycleError extends Error {
  /** `statusCode` so fastify error handlers (provider or admin) answer with it. */
  constructor(readonly statusCode: number, message: string) {
    super(message);
    this.name = 'LifecycleError';
  }
}

export function chooseScenario(sim: Simulator, session: MetamapSession, explicit?: string | null) {
  return selectScenario(sim.catalogue, PROVIDER_ID, DEFAULT_SCENARIO, { explicit, metadata: metadataScenario(session.data.metadata) });
}

export interface CreateRequest {
  readonly flow: Flow;
  readonly metadata: Record<string, unknown> | null;
  readonly ua: string;
  readonly ip: string;
  readonly legacy?: boolean;
  /** A re-verification (E1 `identityId`): the identity's verifications so far, oldest first. */
  readonly earlier?: readonly MetamapSession[];
}

/**
 * A re-verification's id cannot be identity + 2 (the identity's first verification has it):
 * a new ObjectId from the same stream, drawn again in the unlikely case it is taken.
 */
function freshVerificationId(sim: Simulator, ids: Random, now: number): string {
  let id = objectId(ids, now);
  while (sim.store.get(id)) id = objectId(ids, now);
  return id;
}

export function createVerification(sim: Simulator, request: CreateRequest): MetamapSession {
  const now = sim.clock.now();
  const ids = sim.stream('metamap/ids');
  const earlier = request.earlier ?? [];
  const reverifying = earlier.length > 0;
  const identityId = reverifying ? earlier[0].data.identityId : objectId(ids, now);
  const verificationId = reverifying ? freshVerificationId(sim, ids, now) : verificationIdFor(identityId);
  const steps = initialSteps(request.flow);
  const session: MetamapSession = sim.store.add(newSession({
    id: verificationId,
    provider: PROVIDER_ID,
    scope: request.flow.id,
    createdAt: now,
    data: {
      identityId,
      verificationId,
      flowId: request.flow.id,
      metadata: request.metadata,
      deviceFingerprint: { ua: request.ua, ip: request.ip, vpnDetectionEnabled: false },
      identityStatus: 'pending',
      statusUpdatedAt: now,
      automaticStatus: null,
      expired: false,
      deleted: false,
      legacy: request.legacy ?? false,
      inputs: requiredInputs(request.flow),
      documents: NO_ITEMS,
      steps: reverifying ? [pendingStep(REVERIFICATION_STEP), ...steps] : steps,
      media: NO_ENTRIES,
      uploads: NO_ENTRIES,
      person: null,
      backSideWaits: NO_ITEMS,
      reverifications: NO_ITEMS,
      // What the new selfie is compared with: the latest earlier verification with its media.
      previousVerificationId: reverifying ? (newestLive(earlier)?.id ?? null) : null,
    },
  }));
  if (reverifying) addReverification(earlier[0], verificationId);
  const chosen = chooseScenario(sim, session);
  session.scenario = chosen.name;
  session.scenarioSource = chosen.source;
  // One expiry task per simulator, not a closure per verification kept for 30 minutes.
  sim.runner.at(session, now + sim.config.metamap.expiryMs, sim.shared('metamap/expire', () => (s: MetamapSession) => expire(sim, s)));
  background(sim, sim.runner.emit(session, { eventName: EVENTS.started, payload: verificationStarted(sim, session) }));
  return session;
}

/** True when the session's scenario is a customer who never finishes (inputs never complete). */
export function isAbandoned(sim: Simulator, session: MetamapSession, explicit?: string | null): boolean {
  return sim.catalogue.get(PROVIDER_ID, chooseScenario(sim, session, explicit).name).extra.abandon === true;
}

/**
 * Every required input has arrived (uploads) or the admin API says so: end of Phase 1, then
 * the scenario's timeline. The admin API may not complete an abandoning customer.
 */
export async function completeInputs(sim: Simulator, session: MetamapSession, flow: Flow, explicit?: string | null): Promise<void> {
  if (session.phase !== 'created' && session.phase !== 'started') {
    throw new LifecycleError(409, `verification ${session.id} is ${session.phase}; its inputs were already completed`);
  }
  const chosen = chooseScenario(sim, session, explicit);
  if (isAbandoned(sim, session, explicit)) {
    throw new LifecycleError(422, `scenario ${chosen.name} is a customer who never finishes; advance the clock past METAMAP_EXPIRY instead`);
  }
  session.data.inputs = receiveInputs(session.data.inputs, () => true);
  // Inputs declared complete without uploads (admin API) still show a document photo.
  flow.documents.forEach((_doc, group) => {
    const doc = ensureDocument(session, group, flow);
    if (doc.photos.length === 0) doc.photos.push(placeholderMedia(session, `document-${group}`));
  });
  session.scenario = chosen.name;
  session.scenarioSource = chosen.source;
  session.data.identityStatus = 'running';
  session.data.statusUpdatedAt = sim.clock.now();
  moveTo(session, 'inputs-complete', sim.clock.now());
  const emitted = sim.runner.emit(session, { eventName: EVENTS.inputsCompleted, payload: inputsCompleted(sim, session) });
  sim.runner.startPhase2(session);
  await emitted;
}

export async function expire(sim: Simulator, session: MetamapSession): Promise<void> {
  if (session.phase !== 'created' && session.phase !== 'started') return;
  if (session.data.deleted) return;
  moveTo(session, 'expired', sim.clock.now());
  session.data.expired = true;
  await sim.runner.emit(session, { eventName: EVENTS.expired, payload: verificationExpired(sim, session) });
}

/** PUT /status, the dashboard and scenario reviews: a final status, only once there is a verdict. */
export async function changeStatus(sim: Simulator, session: MetamapSession, status: string): Promise<void> {
  if (!(['verified', 'reviewNeeded', 'rejected'] as string[]).includes(status) || session.data.automaticStatus === null) {
    throw new LifecycleError(400, 'Invalid status movement');
  }
  session.data.identityStatus = status as FinalStatus;
  session.data.statusUpdatedAt = sim.clock.now();
  await sim.runner.emit(session, { eventName: EVENTS.updated, payload: verificationResult(sim, session, EVENTS.updated) });
}

export function deleteVerification(sim: Simulator, session: MetamapSession): void {
  session.data.deleted = true;
  session.data.identityStatus = 'deleted';
  session.data.statusUpdatedAt = sim.clock.now();
  sim.runner.cancel(session);
}

/** Events sent while answering a request: the answer does not wait for the receiver. */
export function background(sim: Simulator, work: Promise<unknown>): void {
  work.catch((error: unknown) => sim.logger.error({ err: error }, 'MetaMap event failed'));
}
