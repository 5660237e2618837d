// Phase 2 for MetaMap: the scenario's steps fitted to the verification's flow, and what
// each due step does to the verification before its webhook is built.
import type { ProviderEvent } from '../../engine/runner.js';
import type { Scenario, ScenarioStep } from '../../engine/scenario-catalogue.js';
import type { TimelineEntry } from '../../engine/session.js';
import type { Simulator } from '../../simulator.js';
import type { Flow } from './flows.js';
import { pendingStep } from './initial-state.js';
import { stepCompleted, verificationResult } from './payloads.js';
import type { MetamapSession, StepState } from './session-data.js';
import { dataForError, personFor, stepData, watchlistMatch, withoutBirthDate, withScenarioData, type PersonFit } from './step-data.js';
import { facematchFails } from './re-facematch.js';
import { automaticStatus, FACEMATCH_FAILURE, impliedError, toStepError, type StepErrorSpec } from './step-errors.js';
import { DOCUMENT_STEPS, EVENTS, REVERIFICATION_STEP, type FinalStatus, type StepId } from './vocabulary.js';

const isDocumentStep = (id: string) => (DOCUMENT_STEPS as readonly string[]).includes(id);

/**
 * Scenario steps the flow does not run are dropped; a document step without `document`
 * runs for every document of the flow; flow steps the scenario does not mention complete
 * without error just before the verdict, so the resource always ends consistent (except a
 * re-verification's re-facematch, which comes first).
 */
export function fitTimeline(flow: Flow, scenario: Scenario): ScenarioStep[] {
  const covered = new Set<string>();
  const out: ScenarioStep[] = [];
  const withStep = (step: ScenarioStep, id: StepId, group: number | null): ScenarioStep => ({
    ...step,
    params: { ...step.params, step: id, ...(group === null ? {} : { document: group }) },
  });
  const remaining = (at: ScenarioStep['at']): ScenarioStep[] => [
    ...flow.steps.filter((id) => !covered.has(id)).map((id) => ({ event: EVENTS.stepCompleted, at, data: {}, params: { step: id } })),
    ...flow.documents.flatMap((doc, group) =>
      doc.steps.filter((id) => !covered.has(`${id}@${group}`)).map((id) => ({ event: EVENTS.stepCompleted, at, data: {}, params: { step: id, document: group } })),
    ),
  ];
  // A re-verification's re-facematch is its first step: unless the scenario places it, it runs with the scenario's first item.
  const first = scenario.timeline[0];
  if (first && flow.steps.includes(REVERIFICATION_STEP) && !scenario.timeline.some((s) => s.params.step === REVERIFICATION_STEP)) {
    covered.add(REVERIFICATION_STEP);
    out.push({ event: EVENTS.stepCompleted, at: first.at, data: {}, params: { step: REVERIFICATION_STEP } });
  }
  for (const step of scenario.timeline) {
    if (step.event === EVENTS.stepCompleted) {
      const id = step.params.step as StepId;
      if (isDocumentStep(id)) {
        const groups = step.params.document === undefined ? flow.documents.map((_d, g) => g) : [step.params.document as number];
        for (const group of groups) {
          if (!flow.documents[group]?.steps.includes(id) || covered.has(`${id}@${group}`)) continue;
          covered.add(`${id}@${group}`);
          out.push(withStep(step, id, group));
        }
      } else if (flow.steps.includes(id) && !covered.has(id)) {
        covered.add(id);
        out.push(withStep(step, id, null));
      }
      continue;
    }
    if (step.event === EVENTS.completed) {
      for (const filler of remaining(step.at)) {
        covered.add(filler.params.document === undefined ? String(filler.params.step) : `${filler.params.step}@${filler.params.document}`);
        out.push(filler);
      }
    }
    out.push(step);
  }
  return out;
}

/** The error codes a scenario names for step `id` (in document group `group`, when given). */
function namedCodes(scenario: Scenario | undefined, id: StepId, group?: number): string[] {
  return (scenario?.timeline ?? []).flatMap((s) => {
    const spec = s.params.error as StepErrorSpec | null | undefined;
    if (s.event !== EVENTS.stepCompleted || s.params.step !== id || !spec) return [];
    if (group !== undefined && s.params.document !== undefined && s.params.document !== group) return [];
    return [typeof spec === 'string' ? spec : spec.code];
  });
}

/** Who the scenario's customer is, as far as the steps' data depends on it. */
function customerFit(scenario: Scenario | undefined, flow: Flow): PersonFit {
  const age = (scenario?.extra.customer as { age?: number } | undefined)?.age;
  return { age, ageThreshold: flow.ageThreshold, underage: namedCodes(scenario, 'age-check').includes('underage.error') };
}

/**
 * A step's data and error, agreeing with each other: the generated data, what the named
 * error implies about it, then the scenario's `data`. Without a named error the error is
 * derived from that data (flow thresholds); `error: null` in the scenario forces a pass.
 */
function stepResult(sim: Simulator, session: MetamapSession, flow: Flow, step: ScenarioStep, scenario: Scenario | undefined, group: number | undefined) {
  const id = step.params.step as StepId;
  const person = session.data.person ?? personFor(sim, session, customerFit(scenario, flow));
  let named = step.params.error as StepErrorSpec | null | undefined;
  if (id === REVERIFICATION_STEP && named === undefined && facematchFails(scenario, flow)) named = FACEMATCH_FAILURE;
  let error = named ? toStepError(named, id) : null;
  const doc = group === undefined ? undefined : ensureDocument(session, group, flow);
  let data = stepData(sim, session, id, person, flow, doc);
  if (error && id === 'watchlists' && /[wW]atchlists\.match(es)?Found$/.test(error.code)) data = watchlistMatch(sim, person);
  if (error) data = dataForError(id, error.code, data, flow);
  // An age-check that cannot read the date of birth means the document did not show one.
  if (id === 'document-reading' && namedCodes(scenario, 'age-check', group).includes('underage.noDOB')) data = withoutBirthDate(data);
  data = withScenarioData(id, data, step.data, named !== undefined);
  if (named === undefined) error = impliedError(id, data, flow);
  return { data, error };
}

export function timelineEvent(sim: Simulator, session: MetamapSession, flow: Flow, step: ScenarioStep, scenario: Scenario | undefined, _entry: TimelineEntry): ProviderEvent {
  const d = session.data;
  if (step.event === EVENTS.stepCompleted) {
    const id = step.params.step as StepId;
    const group = step.params.document as number | undefined;
    const { data, error } = stepResult(sim, session, flow, step, scenario, group);
    const state: StepState = { status: 200, id, ...(data === undefined ? {} : { data }), error };
    let documentType: string | null = null;
    if (group !== undefined) {
      const doc = ensureDocument(session, group, flow);
      documentType = doc.type;
      doc.steps = doc.steps.map((s) => (s.id === id ? state : s));
      if (id === 'document-reading' && !error) doc.fields = data as typeof doc.fields;
    } else {
      d.steps = d.steps.map((s) => (s.id === id ? state : s));
    }
    return { eventName: EVENTS.stepCompleted, payload: stepCompleted(sim, session, state, documentType) };
  }
  if (step.event === EVENTS.completed) {
    const errors = [...d.steps, ...d.documents.flatMap((doc) => doc.steps)].flatMap((s) => (s.error ? [s.error] : []));
    const status = (step.params.status as FinalStatus | undefined) ?? automaticStatus(errors);
    d.automaticStatus = status;
    d.identityStatus = status;
    d.statusUpdatedAt = sim.clock.now();
    return { eventName: EVENTS.completed, payload: verificationResult(sim, session, EVENTS.completed) };
  }
  // verification_updated: a reviewer changed the status later.
  d.identityStatus = step.params.status as FinalStatus;
  d.statusUpdatedAt = sim.clock.now();
  return { eventName: EVENTS.updated, payload: verificationResult(sim, session, EVENTS.updated) };
}

/** The flow as a verification runs it: a re-verification starts with re-facematch. */
export function sessionFlow(session: MetamapSession, flow: Flow): Flow {
  return session.data.previousVerificationId === null ? flow : { ...flow, steps: [REVERIFICATION_STEP, ...flow.steps] };
}

/** Documents completed without uploads (admin complete) still need a type and a photo. */
export function ensureDocument(session: MetamapSession, group: number, flow: Flow) {
  let doc = session.data.documents.find((x) => x.group === group);
  if (!doc) {
    doc = {
      group,
      type: flow.documents[group]?.types[0] ?? 'national-id',
      country: session.data.person?.nationality ?? 'MX',
      region: '',
      pages: [],
      photos: [],
      fields: null,
      steps: (flow.documents[group]?.steps ?? []).map(pendingStep),
    };
    session.data.documents = [...session.data.documents, doc].sort((a, b) => a.group - b.group);
  }
  return doc;
}
