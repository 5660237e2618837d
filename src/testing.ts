// The in-process test kit: `import { startSimulator } from 'kyc-sim/testing'` starts a whole
// simulator (real HTTP server on a free port, manual clock by default) inside a consumer's
// test process and hands back a typed handle, so tests drive time and wait for webhooks
// instead of sleeping. Each call builds its own simulator: two in one process share nothing.
import { loadConfig } from './core/config.js';
import { parseDuration } from './core/duration.js';
import { advanceClock, completeSession, findSession } from './http/admin/actions.js';
import { deliveryView, sessionDetail, sessionSummary } from './http/admin/views.js';
import type { MetamapProvider } from './providers/metamap/index.js';
import { startServer } from './server.js';
import type { Simulator } from './simulator.js';
import { findDeliveries, waitForDeliveries, type DeliveryQuery } from './webhooks/delivery-waiter.js';

export type ProviderId = 'verifime' | 'metamap';
export type DeliveryView = ReturnType<typeof deliveryView>;
export type SessionView = ReturnType<typeof sessionDetail>;
export type SessionSummaryView = ReturnType<typeof sessionSummary>;
export type { DeliveryQuery } from './webhooks/delivery-waiter.js';

export interface StartSimulatorOptions {
  /**
   * Settings by their environment names (see the README table), e.g. { PHASE2_DELAY: '90s' }.
   * process.env is not read, so a test is not changed by the shell it runs in.
   */
  readonly env?: Readonly<Record<string, string>>;
  /** Default 'manual': time moves only through advance(). */
  readonly clock?: 'manual' | 'real' | 'scaled';
  /** Default 1, so ids, names and payload bytes repeat from run to run. */
  readonly seed?: string | number;
  /** A folder with verifime/ and metamap/ scenario files; default the bundled ones. */
  readonly scenariosDir?: string;
  /** Endpoints registered at start (and again after reset()). */
  readonly webhooks?: readonly WebhookRegistration[];
}

export interface WebhookRegistration {
  readonly provider: ProviderId;
  readonly url: string;
  /** Generated in the provider's format when omitted; read it back from the answer. */
  readonly secret?: string;
  /** VerifiMe organisation code or MetaMap flow id; omit for every event of the provider. */
  readonly scope?: string;
}

export interface WaitOptions extends DeliveryQuery {
  /** Real time to wait before failing (ms or "5s"); default 10 s. */
  readonly timeout?: number | string;
}

export interface SimulatorHandle {
  /** Base URL of both providers' APIs, the pages and /__admin (http://127.0.0.1:<port>). */
  readonly url: string;
  /** The HTTPS listener's base URL when `HTTPS_PORT` is in `env` (e.g. "0" for a free port). */
  readonly httpsUrl: string | undefined;
  readonly seed: string;
  /** What a VerifiMe client needs: base URL and an active organisation code. */
  readonly verifime: { readonly baseUrl: string; readonly organisationCode: string };
  /** What a MetaMap client needs: API host, OAuth credentials and the default flow id. */
  readonly metamap: { readonly baseUrl: string; readonly clientId: string; readonly clientSecret: string; readonly flowId: string };
  /** The simulator itself (clock, store, ledger), for what the handle does not cover. */
  readonly simulator: Simulator;
  registerWebhook(registration: WebhookRegistration): { id: string; secret: string; url: string };
  unregisterWebhook(id: string): boolean;
  /** Manual clock: moves time on ("15m" or ms) and resolves after the delivery attempts that fell due. */
  advance(by: string | number): Promise<void>;
  /** Current simulated time, ISO 8601. */
  now(): string;
  /** The customer finishes data entry; optionally forces the scenario. */
  complete(sessionId: string, options?: { scenario?: string }): Promise<SessionView>;
  session(sessionId: string): SessionView;
  sessions(provider?: ProviderId): SessionSummaryView[];
  /** Deliveries already recorded that match (every one when no query is given). */
  deliveries(query?: DeliveryQuery): DeliveryView[];
  /** The first matching delivery; rejects after the timeout with what was recorded instead. */
  waitForDelivery(options: WaitOptions): Promise<DeliveryView>;
  /** `count` matching deliveries (default 1). */
  waitForDeliveries(options: WaitOptions): Promise<DeliveryView[]>;
  /** Back to the start-up state: no sessions or deliveries, clock at its start, start-up webhooks only. */
  reset(): Promise<void>;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const DEFAULT_WAIT_MS = 10_000;

export async function startSimulator(options: StartSimulatorOptions = {}): Promise<SimulatorHandle> {
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    CLOCK: options.clock ?? 'manual',
    SEED: String(options.seed ?? 1),
    ...(options.scenariosDir === undefined ? {} : { SCENARIOS_DIR: options.scenariosDir }),
    ...options.env,
  };
  const server = await startServer(loadConfig(env));
  const { sim } = server;
  const registerStartWebhooks = () => {
    for (const webhook of options.webhooks ?? []) sim.registerEndpoint({ ...webhook, scope: webhook.scope ?? null });
  };
  registerStartWebhooks();

  const wait = async (query: WaitOptions): Promise<DeliveryView[]> => {
    const timeoutMs = typeof query.timeout === 'string' ? parseDuration(query.timeout) : (query.timeout ?? DEFAULT_WAIT_MS);
    if (timeoutMs === undefined) throw new TypeError(`timeout "${query.timeout}" is not a duration such as 500 or "5s"`);
    const found = await waitForDeliveries(sim.ledger, query, AbortSignal.timeout(timeoutMs));
    if (found) return found.map(deliveryView);
    const { timeout: _timeout, ...rest } = query;
    const seen = sim.ledger.deliveries({ sessionId: query.sessionId }).map((d) => `${d.eventName}→${d.state}${d.attempts.length ? ` (${d.attempts.at(-1)?.status ?? d.attempts.at(-1)?.error})` : ''}`);
    throw new Error(
      `no delivery matching ${JSON.stringify(rest)} within ${timeoutMs} ms; recorded${query.sessionId ? ' for that session' : ''}: ${seen.length ? seen.join(', ') : 'none'}`,
    );
  };

  const metamap = sim.config.metamap;
  const handle: SimulatorHandle = {
    url: server.url,
    httpsUrl: server.httpsUrl,
    seed: sim.seed,
    verifime: {
      baseUrl: server.url,
      organisationCode: sim.config.verifime.orgCodes.find((o) => o.status === 'Active')?.code ?? '',
    },
    metamap: { baseUrl: server.url, clientId: metamap.clientId, clientSecret: metamap.clientSecret, flowId: (sim.provider('metamap') as MetamapProvider).flows[0].id },
    simulator: sim,
    registerWebhook(registration) {
      const endpoint = sim.registerEndpoint({ ...registration, scope: registration.scope ?? null });
      return { id: endpoint.id, secret: endpoint.secret, url: endpoint.url };
    },
    unregisterWebhook: (id) => sim.endpoints.remove(id),
    async advance(by) {
      await advanceClock(sim, by);
    },
    now: () => sim.clock.iso(),
    async complete(sessionId, completeOptions = {}) {
      return sessionDetail(sim, await completeSession(sim, sessionId, completeOptions.scenario ?? null));
    },
    session: (sessionId) => sessionDetail(sim, findSession(sim, sessionId)),
    sessions: (provider) => sim.store.list({ provider }).map((s) => sessionSummary(sim, s)),
    deliveries: (query = {}) => findDeliveries(sim.ledger, { status: 'any', ...query }).map(deliveryView),
    async waitForDelivery(query) {
      const [first] = await wait({ ...query, count: 1 });
      return first;
    },
    waitForDeliveries: wait,
    async reset() {
      await sim.reset();
      registerStartWebhooks();
    },
    close: () => server.close(),
    [Symbol.asyncDispose]: () => server.close(),
  };
  return handle;
}
