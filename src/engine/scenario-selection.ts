// First match wins: explicit choice (admin API, portal picker), the provider's own
// sandbox convention, a `scenario` named in the consumer's correlation data, the default.
import type { ScenarioCatalogue } from './scenario-catalogue.js';
import type { ScenarioSource } from './session.js';

export interface ScenarioHints {
  readonly explicit?: string | null;
  readonly convention?: string | null;
  readonly metadata?: string | null;
}

export function selectScenario(
  catalogue: ScenarioCatalogue,
  provider: string,
  defaultName: string,
  hints: ScenarioHints,
): { name: string; source: ScenarioSource } {
  const ordered: [string | null | undefined, ScenarioSource][] = [
    [hints.explicit, 'explicit'],
    [hints.convention, 'convention'],
    [hints.metadata, 'metadata'],
  ];
  for (const [name, source] of ordered) {
    if (name) {
      catalogue.get(provider, name); // throws with the list of valid names
      return { name, source };
    }
  }
  catalogue.get(provider, defaultName);
  return { name: defaultName, source: 'default' };
}
