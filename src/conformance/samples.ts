// Webhook bodies for the checker, produced by the simulator itself: an in-process
// simulator (manual clock, no endpoint registered, silent) runs real flows and the events
// it records are the exact compact bodies `serve` would send: same payload builders,
// key order and serialisation. Each sample is a fresh session, so its event ids,
// resources and timestamps are new.
import { loadConfig } from '../core/config.js';
import { newSession } from '../engine/session.js';
import { DEFAULT_FLOW } from '../providers/metamap/flows.js';
import { completeInputs, createVerification } from '../providers/metamap/lifecycle.js';
import { completeDataEntry } from '../providers/verifime/lifecycle.js';
import { NO_ASSESSMENT, type VerifimeSession } from '../providers/verifime/session-data.js';
import { createSimulator, type Simulator } from '../simulator.js';

/** One VerifiMe tracking reference's events (scenario "progressive"). */
export interface VerifimeSample {
  readonly pending: string;
  readonly preliminary: string;
  readonly assessed: string;
}

/** One MetaMap verification's events (scenario "verified"), and an abandoned one's expiry. */
export interface MetamapSample {
  readonly started: string;
  readonly inputsCompleted: string;
  /** step_completed bodies in the order the simulator sent them. */
  readonly steps: readonly string[];
  readonly completed: string;
  readonly expired: string;
}

export interface Samples<S> {
  readonly seed: string;
  readonly samples: readonly S[];
}

/** Simulated time before the events: every timestamp lands in the last two hours. */
const LOOKBACK_MS = 2 * 60 * 60_000;

async function record<S>(seed: string | undefined, count: number, run: (sim: Simulator, index: number) => Promise<() => S>): Promise<Samples<S>> {
  const config = loadConfig({
    CLOCK: 'manual',
    CLOCK_START: new Date(Date.now() - LOOKBACK_MS).toISOString(),
    LOG_LEVEL: 'silent',
    PHASE2_DELAY: '1m-3m',
    VERIFIME_INTERIM_EVENTS: 'true',
    ...(seed === undefined ? {} : { SEED: seed }),
  });
  const sim = await createSimulator(config);
  try {
    const collectors: (() => S)[] = [];
    for (let i = 0; i < count; i++) collectors.push(await run(sim, i));
    // Every session's whole timeline (and the 30-minute MetaMap expiry) is due within an hour.
    await sim.clock.advance(60 * 60_000);
    await sim.outbox.idle();
    return { seed: sim.seed, samples: collectors.map((collect) => collect()) };
  } finally {
    await sim.close();
  }
}

/** The bodies of one session's events with this name, in the order they were recorded. */
function bodies(sim: Simulator, sessionId: string, eventName: string): string[] {
  return sim.ledger
    .events(sessionId)
    .filter((e) => e.eventName === eventName)
    .map((e) => e.body);
}

function only(list: readonly string[], what: string): string {
  if (list.length !== 1) throw new Error(`kyc-sim check-webhook: the simulator produced ${list.length} ${what} events, expected 1`);
  return list[0];
}

export function verifimeSamples(count: number, seed?: string): Promise<Samples<VerifimeSample>> {
  return record(seed, count, async (sim, index) => {
    // What POST /v1/user/invite creates, with the portal submitted straight away.
    const trackingReference = sim.stream('verifime/tracking-reference').uuid();
    const session: VerifimeSession = sim.store.add(
      newSession({
        id: trackingReference,
        provider: 'verifime',
        scope: 'KYCSIM',
        createdAt: sim.clock.now(),
        data: {
          trackingReference,
          assessmentId: sim.stream('verifime/assessment-id').uuid(),
          invite: {
            email: `check-webhook-${index + 1}@example.com`,
            code: 'KYCSIM',
            referenceData: `kyc-sim-check-webhook-${index + 1}`,
            customerContext: null,
            sendInvitationEmail: false,
          },
          status: 'Active',
          assessment: NO_ASSESSMENT,
        },
      }),
    );
    completeDataEntry(sim, session, 'progressive');
    return () => {
      const events = sim.ledger.events(session.id).map((e) => e.body);
      const status = (wanted: string) => only(events.filter((b) => (JSON.parse(b) as { assessmentStatus: string }).assessmentStatus === wanted), wanted);
      return { pending: status('PENDING'), preliminary: status('PRELIMINARY'), assessed: status('ASSESSED') };
    };
  });
}

export function metamapSamples(count: number, seed?: string): Promise<Samples<MetamapSample>> {
  return record(seed, count, async (sim, index) => {
    const create = (metadata: Record<string, unknown>) =>
      createVerification(sim, { flow: DEFAULT_FLOW, metadata, ua: 'kyc-sim check-webhook', ip: '127.0.0.1' });
    const finished = create({ source: 'kyc-sim check-webhook', sample: index + 1 });
    await completeInputs(sim, finished, DEFAULT_FLOW, 'verified');
    const abandoned = create({ source: 'kyc-sim check-webhook', sample: index + 1, scenario: 'expired-abandoned' });
    return () => ({
      started: only(bodies(sim, finished.id, 'verification_started'), 'verification_started'),
      inputsCompleted: only(bodies(sim, finished.id, 'verification_inputs_completed'), 'verification_inputs_completed'),
      steps: bodies(sim, finished.id, 'step_completed'),
      completed: only(bodies(sim, finished.id, 'verification_completed'), 'verification_completed'),
      expired: only(bodies(sim, abandoned.id, 'verification_expired'), 'verification_expired'),
    });
  });
}
