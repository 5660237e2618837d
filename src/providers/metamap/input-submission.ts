// One path for inputs, whoever sends them: the API's send-input and the verification page
// both land here. Files are kept, the inputs counted, a lone front side waits 10 minutes for
// its back, and once every required input is in, verification_inputs_completed and Phase 2.
import type { Simulator } from '../../simulator.js';
import type { MetamapError } from './errors.js';
import type { Flow } from './flows.js';
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
    sim.runner.at(session, sim.clock.now() + BACK_SIDE_WAIT_MS, () => {
      const slot = session.data.inputs.find((i) => i.id === 'document-photo' && i.group === group);
      if (!slot || slot.status === 200 || session.phase !== 'started') return;
      slot.status = 200;
      if (allInputsIn(session)) return completeInputs(sim, session, flow, explicit);
    });
  }
  if (allInputsIn(session)) await completeInputs(sim, session, flow, explicit);
  return { results: outcome.results };
}
