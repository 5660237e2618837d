// What every new verification starts with, shared rather than made per verification: its
// flow's required inputs (connection data received, the rest waiting) and steps (none done),
// and empty lists and records. A verification is kept for the simulator's life, and what it
// keeps costs the collector on every later request: keeping 20 small objects per request cost
// a bare fastify POST 7-18% of its throughput on the 2-core machine kyc-sim is measured on.
//
// All of it is frozen, so a write in place throws instead of changing every verification:
// session-data.ts types these fields read-only, and writers replace them (receiveInputs below,
// the timeline's step updates, the spreads where media, uploads and documents are added).
import type { Flow } from './flows.js';
import type { InputState, StepState } from './session-data.js';
import type { StepId } from './vocabulary.js';

export const NO_ITEMS: readonly never[] = Object.freeze([]);
export const NO_ENTRIES: Readonly<Record<string, never>> = Object.freeze({});

interface FlowStart {
  readonly inputs: readonly Readonly<InputState>[];
  readonly steps: readonly StepState[];
}

// Derived from a flow, which never changes, and frozen: a memo every simulator may share.
const byFlow = new WeakMap<Flow, FlowStart>();

function startOf(flow: Flow): FlowStart {
  let start = byFlow.get(flow);
  if (!start) {
    const inputs: InputState[] = [{ id: 'connection-data', status: 200, optional: false }];
    flow.documents.forEach((_doc, group) => inputs.push({ id: 'document-photo', status: 0, group }));
    if (flow.biometric !== 'none') inputs.push({ id: flow.biometric, status: 0 });
    start = {
      inputs: Object.freeze(inputs.map((input) => Object.freeze(input))),
      steps: Object.freeze(flow.steps.map((id) => Object.freeze(pendingStep(id)))),
    };
    byFlow.set(flow, start);
  }
  return start;
}

/** A step not done yet: how every step of a verification or document starts. */
export const pendingStep = (id: StepId): StepState => ({ status: 0, id, error: null });

/** The inputs a verification of `flow` needs, in MetaMap's order, as they stand at creation. */
export const requiredInputs = (flow: Flow): readonly Readonly<InputState>[] => startOf(flow).inputs;

/** The flow's verification steps, none done. */
export const initialSteps = (flow: Flow): readonly StepState[] => startOf(flow).steps;

/** `inputs` with those `received` says marked received (status 200); the same list when none changes. */
export function receiveInputs(inputs: readonly Readonly<InputState>[], received: (input: Readonly<InputState>) => boolean): readonly Readonly<InputState>[] {
  if (!inputs.some((input) => input.status !== 200 && received(input))) return inputs;
  return inputs.map((input) => (input.status !== 200 && received(input) ? { ...input, status: 200 } : input));
}
