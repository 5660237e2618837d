// One path for inputs, whoever sends them: the API's send-input and the verification page
// both land here. Files are kept, the inputs counted, a lone front side waits 10 minutes for
// its back (or until E7 skips the wait), and once every required input is in,
// verification_inputs_completed and Phase 2.
import type { Simulator } from '../../simulator.js';
import type { MetamapError } from './errors.js';
import type { Flow } from './flows.js';
import { receiveInputs } from './initial-state.js';
import { completeInputs, isAbandoned } from './lifecycle.js';
import { acceptInputs, allInputsIn, parseInputs, type InputResult, type UploadedFile } from './send-input.js';
import type { MetamapSession } from './session-data.js';

const BACK_SIDE_WAIT_MS = 10 * 60_000;

export type Submission = { readonly results: InputResult[] } | { readonly error: MetamapError };

/**
 * `explicit`: a scenario picked by the customer-facing page's outcome picker; it decides
 * whether the customer abandons and which scenario Phase 2 runs.
 */
export async function submitInputs(
  sim: Simulator,
  session: MetamapSession,
  flow: Flow,
  rawInputs: string | undefined,
  files: UploadedFile[],
  explicit: string | null = null,
): Promise<Submission> {
  const inputs = parseInputs(rawInputs, flow);
  if (!Array.isArray(inputs)) return { error: inputs };
  if (session.phase !== 'created' && session.phase !== 'started') {
    return { error: { code: 400, message: `Verification is ${session.data.expired ? 'expired' : 'already processing'}; inputs are closed`, name: 'MoleculerError' } };
  }
  const abandoning = isAbandoned(sim, session, explicit);
  if (explicit && abandoning) {
    session.scenario = explicit;
    session.scenarioSource = 'explicit';
  }
  const outcome = acceptInputs(sim, session, flow, inputs, files, !abandoning);
  if (session.phase === 'created') session.phase = 'started';
  for (const group of outcome.awaitingBack) {
    session.data.backSideWaits = [...session.data.backSideWaits, { group, explicit }];
    sim.runner.at(session, sim.clock.now() + BACK_SIDE_WAIT_MS, () => endBackSideWait(sim, session, flow, group));
  }
  if (allInputsIn(session)) await completeInputs(sim, session, flow, explicit);
  return { results: outcome.results };
}

/**
 * The wait for group `group`'s back side is over (10 minutes passed, or E7 skipped it): the
 * front alone completes the document input, and the last input to complete starts Phase 2.
 * A back that arrived meanwhile, or a verification no longer taking inputs, ends nothing.
 */
async function endBackSideWait(sim: Simulator, session: MetamapSession, flow: Flow, group: number): Promise<void> {
  const d = session.data;
  const wait = d.backSideWaits.find((w) => w.group === group);
  d.backSideWaits = d.backSideWaits.filter((w) => w.group !== group);
  const slot = d.inputs.find((i) => i.id === 'document-photo' && i.group === group);
  if (!slot || slot.status === 200 || session.phase !== 'started') return;
  d.inputs = receiveInputs(d.inputs, (input) => input === slot);
  if (allInputsIn(session)) await completeInputs(sim, session, flow, wait?.explicit ?? null);
}

/** E7: end every back-side wait of the verification now (endBackSideWait skips what no longer waits). */
export async function skipBackSideWait(sim: Simulator, session: MetamapSession, flow: Flow): Promise<void> {
  for (const { group } of [...session.data.backSideWaits]) await endBackSideWait(sim, session, flow, group);
}
