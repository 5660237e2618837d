// What a provider module supplies to the simulator. Everything provider-specific (paths,
// payloads, signature headers, retry rules, scenario vocabulary) lives behind this.
import type { FastifyPluginAsync } from 'fastify';
import type { Random } from '../core/random.js';
import type { ProviderEvent } from '../engine/runner.js';
import type { Scenario, ScenarioStep } from '../engine/scenario-catalogue.js';
import type { ScenarioDialect } from '../engine/scenario-loader.js';
import type { Session, TimelineEntry } from '../engine/session.js';
import type { DeliveryDialect } from '../webhooks/outbox.js';
import type { Simulator } from '../simulator.js';

export interface CompleteOptions {
  /** Scenario chosen explicitly (admin API, outcome picker). */
  readonly scenario?: string | null;
}

export interface Provider extends ScenarioDialect {
  readonly id: string;
  readonly title: string;
  readonly defaultScenario: string;
  readonly delivery: DeliveryDialect;
  /** A secret for an endpoint registered without one, in the provider's format. */
  generateSecret(random: Random): string;
  /** Endpoints registered from configuration at start-up and after a reset. */
  configuredEndpoints(): { url: string; secret: string; scope: string | null }[];
  /** The steps a session runs for a scenario; most providers return scenario.timeline. */
  timelineFor(sim: Simulator, session: Session, scenario: Scenario): readonly ScenarioStep[];
  /** The event a due timeline step produces, or why it is suppressed. */
  eventFor(sim: Simulator, session: Session, step: ScenarioStep, entry: TimelineEntry): ProviderEvent | { suppressed: string };
  /** The customer finished data entry: end of Phase 1, start of Phase 2. */
  complete(sim: Simulator, session: Session, options: CompleteOptions): Promise<void>;
  /** Provider-facing view of a session for the admin API. */
  describe(sim: Simulator, session: Session): Record<string, unknown>;
  /** Fastify plugin with the provider's API and pages. */
  readonly routes: (sim: Simulator) => FastifyPluginAsync;
}
