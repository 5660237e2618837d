// Phase 2 for MetaMap: the scenario's steps fitted to the verification's flow, and what
// each due step does to the verification before its webhook is built.
import type { ProviderEvent } from '../../engine/runner.js';
import type { Scenario, ScenarioStep } from '../../engine/scenario-catalogue.js';
import type { TimelineEntry } from '../../engine/session.js';
import type { Simulator } from '../../simulator.js';
import type { Flow } from './flows.js';
import { stepCompleted, verificationResult } from './payloads.js';
import type { MetamapSession, StepState } from './session-data.js';
import { personFor, stepData, watchlistMatch } from './step-data.js';
import { automaticStatus, toStepError } from './step-errors.js';
import { DOCUMENT_STEPS, EVENTS, type FinalStatus, type StepId } from './vocabulary.js';

const isDocumentStep = (id: string) => (DOCUMENT_STEPS as readonly string[]).includes(id);

/**
 * Scenario steps the flow does not run are dropped; a document step without `document`
 * runs for every document of the flow; flow steps the scenario does not mention complete
 * without error just before the verdict, so the resource always ends consistent.
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

export function timelineEvent(sim: Simulator, session: MetamapSession, flow: Flow, step: ScenarioStep, scenario: Scenario | undefined, _entry: TimelineEntry): ProviderEvent {
  const d = session.data;
  if (step.event === EVENTS.stepCompleted) {
    const id = step.params.step as StepId;
    const group = step.params.document as number | undefined;
    const age = (scenario?.extra.customer as { age?: number } | undefined)?.age;
    const person = personFor(sim, session, age);
    const error = step.params.error ? toStepError(step.params.error as string) : null;
    let data = stepData(sim, session, id, person, flow.ageThreshold);
    if (error && /[wW]atchlists\.matchFound$/.test(error.code)) data = watchlistMatch(sim, person);
    if (Object.keys(step.data).length > 0) data = { ...(data as object | undefined), ...step.data };
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
    return { eventName: EVENTS.completed, payload: verificationResult(sim, session, EVENTS.completed) };
  }
  // verification_updated: a reviewer changed the status later.
  d.identityStatus = step.params.status as FinalStatus;
  return { eventName: EVENTS.updated, payload: verificationResult(sim, session, EVENTS.updated) };
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
      steps: (flow.documents[group]?.steps ?? []).map((id) => ({ status: 0, id, error: null })),
    };
    session.data.documents.push(doc);
    session.data.documents.sort((a, b) => a.group - b.group);
  }
  return doc;
}
