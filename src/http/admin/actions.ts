// The admin operations that both the HTTP admin API and the in-process test kit perform,
// so the two never disagree on what "complete" or "advance" means.
import { parseDuration } from '../../core/duration.js';
import type { Session } from '../../engine/session.js';
import type { Simulator } from '../../simulator.js';
import { ProblemError } from '../problem.js';

/** A session by id; VerifiMe tracking references are matched case-insensitively. */
export function findSession(sim: Simulator, id: string): Session {
  const session = sim.store.get(id) ?? sim.store.get(id.toLowerCase());
  if (!session) throw new ProblemError(404, 'session-not-found', `no session with id ${id}`);
  return session;
}

/** The customer finishes data entry (end of Phase 1); Phase 2 starts on the clock. */
export async function completeSession(sim: Simulator, id: string, scenario: string | null = null): Promise<Session> {
  const session = findSession(sim, id);
  if (session.phase !== 'created' && session.phase !== 'started') {
    throw new ProblemError(409, 'already-complete', `session ${session.id} is ${session.phase}; data entry was already completed`);
  }
  await sim.provider(session.provider).complete(sim, session, { scenario });
  return session;
}

/** Manual clock: moves time on by `by` (ms or "15m"), firing every due event; resolves after their delivery attempts. */
export async function advanceClock(sim: Simulator, by: string | number): Promise<number> {
  if (sim.clock.mode !== 'manual') {
    throw new ProblemError(409, 'clock-not-manual', `the clock is in ${sim.clock.mode} mode; start kyc-sim with CLOCK=manual to advance it`);
  }
  const ms = typeof by === 'number' ? by : parseDuration(by);
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
    throw new ProblemError(400, 'invalid-duration', `"${by}" is not a duration; use e.g. 30s, 15m or 2h`);
  }
  await sim.clock.advance(ms);
  await sim.clock.idle();
  return ms;
}
