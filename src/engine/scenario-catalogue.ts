// The loaded scenarios of every provider, looked up by name. Unknown names produce an
// error that lists the valid ones.
import type { DelayRange } from '../core/duration.js';

export type ScenarioDelay = DelayRange | 'phase2';

/** Delivery faults as a scenario file gives them: on, off, or a per-event probability. */
export interface FaultSettings {
  readonly duplicate?: boolean | number;
  readonly reorder?: boolean | number;
  readonly dropFirstAttempt?: boolean | number;
  readonly badSignature?: boolean | number;
}

export interface ScenarioStep {
  readonly event: string;
  readonly at: ScenarioDelay;
  /** The item's `data` section (payload values that matter). */
  readonly data: Readonly<Record<string, unknown>>;
  /** Every other key of the item, as the provider's schema allows (e.g. MetaMap `step`, `error`). */
  readonly params: Readonly<Record<string, unknown>>;
  /** The item's own faults; they override the scenario's. */
  readonly faults?: FaultSettings;
}

export interface Scenario {
  readonly name: string;
  readonly provider: string;
  readonly description: string;
  readonly file: string;
  readonly timeline: readonly ScenarioStep[];
  /** Faults for every timeline event of the scenario. */
  readonly faults: FaultSettings;
  /** Provider-specific top-level sections, validated by the provider's schema. */
  readonly extra: Readonly<Record<string, unknown>>;
}

export class UnknownScenarioError extends Error {
  constructor(readonly provider: string, readonly scenario: string, readonly valid: readonly string[]) {
    super(`unknown ${provider} scenario "${scenario}"; valid scenarios: ${valid.join(', ')}`);
    this.name = 'UnknownScenarioError';
  }
}

export interface ScenarioCatalogue {
  get(provider: string, name: string): Scenario;
  has(provider: string, name: string): boolean;
  list(provider?: string): Scenario[];
  names(provider: string): string[];
  replace(scenarios: readonly Scenario[]): void;
}

export function createScenarioCatalogue(initial: readonly Scenario[]): ScenarioCatalogue {
  let byKey = new Map<string, Scenario>();
  // Lookups by provider, then name: every new session asks for its scenario, and a joined
  // `provider/name` key would be a fresh string to flatten and hash on each ask.
  let byProvider = new Map<string, Map<string, Scenario>>();
  const key = (provider: string, name: string) => `${provider}/${name}`;
  const find = (provider: string, name: string) => byProvider.get(provider)?.get(name);
  const catalogue: ScenarioCatalogue = {
    get(provider, name) {
      const found = find(provider, name);
      if (!found) throw new UnknownScenarioError(provider, name, catalogue.names(provider));
      return found;
    },
    has: (provider, name) => find(provider, name) !== undefined,
    list: (provider) => [...byKey.values()].filter((s) => provider === undefined || s.provider === provider),
    names: (provider) => catalogue.list(provider).map((s) => s.name),
    replace(scenarios) {
      byKey = new Map(scenarios.map((s) => [key(s.provider, s.name), s]));
      byProvider = new Map();
      for (const scenario of byKey.values()) {
        let named = byProvider.get(scenario.provider);
        if (!named) byProvider.set(scenario.provider, (named = new Map()));
        named.set(scenario.name, scenario);
      }
    },
  };
  catalogue.replace(initial);
  return catalogue;
}
