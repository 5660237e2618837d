// The re-facematch step of a re-verification (reference §5.5, D-cam): the new selfie compared
// with the one of the identity's previous verification. Its score is a 0-1 fraction, unlike
// facematch's 0-100, and it fails with facematch.differentPerson.
import type { Scenario } from '../../engine/scenario-catalogue.js';
import type { Simulator } from '../../simulator.js';
import type { Flow } from './flows.js';
import { mediaUrl } from './media.js';
import type { MetamapData, MetamapSession, Person } from './session-data.js';
import { FACEMATCH_FAILURE, REFACEMATCH_THRESHOLD, type StepErrorSpec } from './step-errors.js';
import { EVENTS, type InputType } from './vocabulary.js';

type Data = Record<string, unknown>;

/** A selfie's URL, served by kyc-sim while its verification exists; null when none was uploaded. */
function selfieUrl(sim: Simulator, session: MetamapSession | undefined, input: InputType): string | null {
  const token = session?.data.uploads[input];
  return token ? mediaUrl(sim, token) : null;
}

/** §5.5's data, in its key order; a passing score sits in [threshold, 1). */
export function reFacematchData(sim: Simulator, session: MetamapSession, person: Person): Data {
  const previousId = session.data.previousVerificationId;
  const stored = previousId ? sim.store.get<MetamapData>(previousId) : undefined;
  const previous = stored && !stored.data.deleted ? (stored as MetamapSession) : undefined;
  return {
    currentSelfiePhotoUrl: selfieUrl(sim, session, 'selfie-photo'),
    currentSelfieVideoUrl: selfieUrl(sim, session, 'selfie-video'),
    facematchScore: Math.round(REFACEMATCH_THRESHOLD * 100 + (person.facematchScore % 5)) / 100,
    previousSelfiePhotoUrl: selfieUrl(sim, previous, 'selfie-photo'),
    previousSelfieVideoUrl: selfieUrl(sim, previous, 'selfie-video'),
    previousVerificationId: previousId,
  };
}

/** The score of a different person, like D-cam's 0.049: in [0.010, 0.099], varied by the generated one. */
export function differentPersonData(data: Data): Data {
  const score = data.facematchScore;
  if (typeof score === 'number' && score < REFACEMATCH_THRESHOLD) return {};
  const seed = Math.round((typeof score === 'number' ? score : 0) * 1000);
  return { facematchScore: (10 + (seed % 90)) / 1000 };
}

/**
 * Whether the scenario's customer is not the person on the document: it fails facematch by
 * name (differentPerson, legacy.error) or by a score under the flow's threshold. Then the
 * re-facematch of a re-verification fails too: the selfie is the same stranger's.
 */
export function facematchFails(scenario: Scenario | undefined, flow: Flow): boolean {
  return (scenario?.timeline ?? []).some((step) => {
    if (step.event !== EVENTS.stepCompleted || step.params.step !== 'facematch') return false;
    const spec = step.params.error as StepErrorSpec | null | undefined;
    if (spec === null) return false;
    if (spec !== undefined) return [FACEMATCH_FAILURE, 'legacy.error'].includes(typeof spec === 'string' ? spec : spec.code);
    const score = step.data.score;
    return typeof score === 'number' && score < flow.facematchThreshold;
  });
}
