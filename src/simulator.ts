// The composition root: everything stateful is created here, once per simulator, so two
// simulators in one process never share anything.
import { pino, type Logger } from 'pino';
import { createClock, type Clock } from './core/clock.js';
import type { Config } from './core/config.js';
import { createRandom, randomSeed, type Random } from './core/random.js';
import { createFakeData, type FakeData } from './engine/fake-data.js';
import { createRunner, type Runner } from './engine/runner.js';
import { createScenarioCatalogue, type ScenarioCatalogue } from './engine/scenario-catalogue.js';
import { loadScenarios } from './engine/scenario-loader.js';
import { createSessionStore, type SessionStore } from './engine/store.js';
import type { Provider } from './providers/provider.js';
import { createProviders } from './providers/registry.js';
import { createDispatcher } from './webhooks/dispatcher.js';
import { createEndpointRegistry, type Endpoint, type EndpointRegistry } from './webhooks/endpoints.js';
import { createLedger, type Ledger } from './webhooks/ledger.js';
import { createOutbox, type Outbox } from './webhooks/outbox.js';

export interface Simulator {
  readonly config: Config;
  readonly seed: string;
  /** Base of every URL handed out: PUBLIC_URL, else http://localhost:<bound port>. */
  readonly publicUrl: string;
  /** Called once the server listens, so a port-0 server hands out its real port. */
  bindPort(port: number): void;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly random: Random;
  readonly fake: FakeData;
  readonly store: SessionStore;
  readonly catalogue: ScenarioCatalogue;
  readonly endpoints: EndpointRegistry;
  readonly ledger: Ledger;
  readonly outbox: Outbox;
  readonly runner: Runner;
  readonly providers: readonly Provider[];
  provider(id: string): Provider;
  /** A named random stream that restarts on reset (sequential ids such as tracking references). */
  stream(name: string): Random;
  /** One value per simulator and key, made on first use (e.g. a task shared by every session). */
  shared<T>(key: string, make: () => T): T;
  /** Registers a webhook endpoint; a missing secret is generated in the provider's format. */
  registerEndpoint(input: { provider: string; url: string; secret?: string; scope?: string | null }, source?: Endpoint['source']): Endpoint;
  /** Reloads scenario files from SCENARIOS_DIR; on error the old set stays and the error is thrown. */
  reloadScenarios(): Promise<number>;
  /** Back to the start-up state: no sessions, no deliveries, configured endpoints, clock at start. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface SimulatorOptions {
  readonly logger?: Logger;
}

export async function createSimulator(config: Config, options: SimulatorOptions = {}): Promise<Simulator> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const seed = config.seed ?? randomSeed();
  const providers = createProviders(config);
  const byId = new Map(providers.map((p) => [p.id, p]));
  const provider = (id: string): Provider => {
    const found = byId.get(id);
    if (!found) throw new Error(`unknown provider "${id}"; valid providers: ${[...byId.keys()].join(', ')}`);
    return found;
  };

  const clock = createClock({
    mode: config.clock.mode,
    scale: config.clock.scale,
    start: config.clock.start,
    onTaskError: (error) => logger.error({ err: error }, 'scheduled task failed'),
  });
  let random = createRandom(seed);
  const streams = new Map<string, Random>();
  const sharedValues = new Map<string, unknown>();
  const catalogue = createScenarioCatalogue(await loadScenarios(config.scenariosDir, providers));
  const store = createSessionStore();
  const endpoints = createEndpointRegistry();
  const ledger = createLedger();
  const dispatcher = createDispatcher();
  const randomRef = { fork: (key: string) => random.fork(key) } as Random;
  const outbox = createOutbox({
    clock,
    random: randomRef,
    ledger,
    endpoints,
    dispatcher,
    dialect: (id) => provider(id).delivery,
    concurrency: config.deliveryConcurrency,
    timeoutOverrideMs: config.webhookTimeoutMs,
    logger,
  });
  const runner = createRunner({
    clock,
    random: randomRef,
    catalogue,
    outbox,
    phase2Delay: config.phase2Delay,
    dialect: (id) => ({
      timelineFor: (session, scenario) => provider(id).timelineFor(sim, session, scenario),
      eventFor: (session, step, entry) => provider(id).eventFor(sim, session, step, entry),
    }),
  });

  const fake = createFakeData(randomRef);
  let publicUrl = config.publicUrl ?? `http://localhost:${config.port}`;
  const sim: Simulator = {
    config,
    seed,
    get publicUrl() {
      return publicUrl;
    },
    bindPort(port) {
      if (config.publicUrl === null) publicUrl = `http://localhost:${port}`;
    },
    logger,
    clock,
    get random() {
      return random;
    },
    fake,
    store,
    catalogue,
    endpoints,
    ledger,
    outbox,
    runner,
    providers,
    provider,
    stream(name) {
      let found = streams.get(name);
      if (!found) {
        found = random.fork(name);
        streams.set(name, found);
      }
      return found;
    },
    shared<T>(key: string, make: () => T): T {
      if (!sharedValues.has(key)) sharedValues.set(key, make());
      return sharedValues.get(key) as T;
    },
    registerEndpoint(input, source = 'api') {
      const owner = provider(input.provider);
      const ids = random.fork(`endpoint/${endpoints.list().length}/${input.url}`);
      return endpoints.add({
        id: ids.uuid(),
        provider: owner.id,
        url: input.url,
        secret: input.secret ?? owner.generateSecret(ids),
        scope: input.scope ?? null,
        createdAt: clock.iso(),
        source,
      });
    },
    async reloadScenarios() {
      const scenarios = await loadScenarios(config.scenariosDir, providers);
      catalogue.replace(scenarios);
      return scenarios.length;
    },
    async reset() {
      runner.reset();
      outbox.reset();
      // Before waiting for the outbox: no task scheduled before the reset may run after it.
      clock.reset();
      await outbox.idle();
      clock.reset();
      store.clear();
      ledger.clear();
      fake.clear();
      endpoints.clear();
      random = createRandom(seed);
      streams.clear();
      registerConfigured();
    },
    async close() {
      runner.reset();
      outbox.reset();
      clock.close();
      await clock.idle();
      await dispatcher.close();
    },
  };

  const registerConfigured = (): void => {
    for (const p of providers) for (const e of p.configuredEndpoints()) sim.registerEndpoint({ provider: p.id, ...e }, 'config');
  };
  registerConfigured();
  return sim;
}
