// Scenario delivery faults, decided once per timeline event. A probability is drawn from
// the session's seeded random stream, one draw per fault kind in a fixed order, so a
// seeded run faults the same events every time.
import type { Random } from '../core/random.js';
import type { FaultSettings } from './scenario-catalogue.js';

export const FAULT_KINDS = ['duplicate', 'reorder', 'dropFirstAttempt', 'badSignature'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The faults that apply to one event. */
export type EventFaults = Readonly<Record<FaultKind, boolean>>;

export const NO_FAULTS: EventFaults = { duplicate: false, reorder: false, dropFirstAttempt: false, badSignature: false };

/** The step's own setting wins over the scenario's; `true`/`false` are certain, numbers are drawn. */
export function decideFaults(scenario: FaultSettings, step: FaultSettings | undefined, random: Random): EventFaults {
  const decided = { ...NO_FAULTS };
  for (const kind of FAULT_KINDS) {
    const setting = step?.[kind] ?? scenario[kind] ?? false;
    const draw = random.next();
    decided[kind] = typeof setting === 'number' ? draw < setting : setting;
  }
  return decided;
}
