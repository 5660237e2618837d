// Tracking status moves Inactive → Active → Completed, never back. Completing ends
// Phase 1 and puts the scenario's timeline on the clock.
import { selectScenario } from '../../engine/scenario-selection.js';
import { moveTo } from '../../engine/session.js';
import type { Simulator } from '../../simulator.js';
import { conventionScenario, referenceDataScenario, type VerifimeSession } from './session-data.js';
import { PROVIDER_ID } from './vocabulary.js';

export const DEFAULT_SCENARIO = 'low';

export function chooseScenario(sim: Simulator, session: VerifimeSession, explicit?: string | null) {
  const { invite } = session.data;
  return selectScenario(sim.catalogue, PROVIDER_ID, DEFAULT_SCENARIO, {
    explicit,
    convention: conventionScenario(invite.customerContext),
    metadata: referenceDataScenario(invite.referenceData),
  });
}

/** The customer opened the invite: Inactive → Active. */
export function markActive(sim: Simulator, session: VerifimeSession): void {
  if (session.data.status !== 'Inactive') return;
  session.data.status = 'Active';
  moveTo(session, 'started', sim.clock.now());
}

export class AlreadyCompletedError extends Error {
  constructor(readonly sessionId: string) {
    super(`tracking reference ${sessionId} is already Completed; Phase 2 is running or done`);
    this.name = 'AlreadyCompletedError';
  }
}

/** The customer submitted the wizard: Completed, then Phase 2 on the clock. */
export function completeDataEntry(sim: Simulator, session: VerifimeSession, explicit?: string | null): void {
  if (session.data.status === 'Completed') throw new AlreadyCompletedError(session.id);
  const chosen = chooseScenario(sim, session, explicit);
  session.data.status = 'Completed';
  moveTo(session, 'inputs-complete', sim.clock.now());
  session.scenario = chosen.name;
  session.scenarioSource = chosen.source;
  sim.runner.startPhase2(session);
}
