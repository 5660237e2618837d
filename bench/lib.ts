// Shared helpers for the benchmarks: a receiver in its own process, autocannon in its own
// process, the bare fastify and raw undici baselines, session creation against an
// in-process kyc-sim, statistics and the result rows.
import { randomUUID } from 'node:crypto';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance as nodePerformance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { Agent, request } from 'undici';
import type { RunningServer } from '../src/server.js';

export const SECRET = 'kyc-sim-bench-secret';
export const SIGNATURE_HEADER = 'X-VerifiMe-Signature';
/** MetaMap endpoints' secret (MetaMap's format: 16+ characters, upper, lower and a digit). */
export const METAMAP_SECRET = 'KycSimBenchMetamap1';
export const METAMAP_SIGNATURE_HEADER = 'x-signature';
export const INVITE_BODY = { email: 'jane.citizen@example.com', code: 'KYCSIM' } as const;

/** One line of the final table. */
export interface Row {
  readonly metric: string;
  readonly measured: string;
  readonly baseline: string;
  readonly target: string;
  /** null = informational (no target). */
  readonly pass: boolean | null;
}

/**
 * Wall-clock milliseconds, comparable across processes and with the simulator's real clock
 * (which is Date.now()): the receiver stamps arrivals with the same function.
 */
export const wallNow = (): number => Date.now();

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

export function fmt(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** The middle value; the mean of the two middle ones for an even count. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export interface Distribution {
  readonly count: number;
  readonly min: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    min: sorted[0] ?? Number.NaN,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

export function describeDistribution(d: Distribution, unit = 'ms'): string {
  return `p50 ${fmt(d.p50, 1)} ${unit}, p90 ${fmt(d.p90, 1)} ${unit}, p99 ${fmt(d.p99, 1)} ${unit}, max ${fmt(d.max, 1)} ${unit} (n=${d.count})`;
}

/** CPU and event-loop use of this process (the simulator's) over a measured window. */
export interface LoadWindow {
  stop(): { wallMs: number; cpuMs: number; cpuShare: number; eventLoopUtilisation: number };
}

export function loadWindow(): LoadWindow {
  const cpu = process.cpuUsage();
  const elu = nodePerformance.eventLoopUtilization();
  const started = performance.now();
  return {
    stop() {
      const wallMs = performance.now() - started;
      const used = process.cpuUsage(cpu);
      const cpuMs = (used.user + used.system) / 1000;
      return { wallMs, cpuMs, cpuShare: cpuMs / wallMs, eventLoopUtilisation: nodePerformance.eventLoopUtilization(elu).utilization };
    },
  };
}

// ---------------------------------------------------------------------------------------
// kyc-sim in-process

type ServerModule = typeof import('../src/server.js');
type ConfigModule = typeof import('../src/core/config.js');

/**
 * Which build of kyc-sim the benchmarks load: by default dist/ (what `npm start` runs;
 * `npm run bench` builds it first), or src/ through tsx with BENCH_SOURCE=src.
 */
export const SOURCE = process.env.BENCH_SOURCE === 'src' ? 'src' : 'dist';
let modules: Promise<[ServerModule, ConfigModule]> | undefined;

function kycSim(): Promise<[ServerModule, ConfigModule]> {
  modules ??= (async () => {
    const root = new URL(SOURCE === 'src' ? '../src/' : '../dist/', import.meta.url);
    const ext = SOURCE === 'src' ? '.ts' : '.js';
    const server = (await import(new URL(`server${ext}`, root).href)) as ServerModule;
    const config = (await import(new URL(`core/config${ext}`, root).href)) as ConfigModule;
    return [server, config];
  })();
  return modules;
}

export async function startSim(env: Record<string, string>): Promise<RunningServer> {
  const [{ startServer }, { loadConfig }] = await kycSim();
  return startServer(loadConfig({ PORT: '0', LOG_LEVEL: 'warn', SEED: '1', ...env }));
}

/**
 * Creates `count` VerifiMe sessions through the real invite route (fastify inject, no
 * sockets) and answers their tracking references in creation order.
 */
export async function createInvites(server: RunningServer, count: number, batch = 250): Promise<string[]> {
  const refs: string[] = [];
  const payload = JSON.stringify(INVITE_BODY);
  for (let done = 0; done < count; done += batch) {
    const size = Math.min(batch, count - done);
    const replies = await Promise.all(
      Array.from({ length: size }, () =>
        server.app.inject({ method: 'POST', url: '/v1/user/invite', headers: { 'content-type': 'application/json' }, payload }),
      ),
    );
    for (const reply of replies) {
      if (reply.statusCode !== 200) throw new Error(`invite answered ${reply.statusCode}: ${reply.body}`);
      refs.push((JSON.parse(reply.body) as { trackingReference: string }).trackingReference);
    }
  }
  return refs;
}

/**
 * Completes every session in one synchronous loop (the provider's complete() has no await
 * before startPhase2), so all Phase 2 timelines are on the clock before any timer can fire.
 * Answers the wall time the loop took.
 */
export async function completeAll(server: RunningServer, refs: readonly string[]): Promise<number> {
  const { sim } = server;
  const provider = sim.provider('verifime');
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (const ref of refs) {
    const session = sim.store.get(ref);
    if (!session) throw new Error(`session ${ref} not found`);
    pending.push(provider.complete(sim, session, { scenario: null }));
  }
  const took = performance.now() - started;
  await Promise.all(pending);
  return took;
}

/** Resolves with the wall time at which `n` more deliveries have been recorded delivered. */
export function ledgerDeliveredAt(server: RunningServer, n: number): Promise<number> {
  return new Promise((resolve) => {
    let delivered = 0;
    const stop = server.sim.ledger.subscribe((delivery) => {
      if (delivery.state === 'delivered') delivered += 1;
      if (delivered >= n) {
        stop();
        resolve(wallNow());
      }
    });
  });
}

/** POST /__admin/clock/advance over real HTTP, as a test would; answers the wall time it answered. */
export async function advanceOverHttp(server: RunningServer, by: string): Promise<number> {
  const response = await request(`${server.url}/__admin/clock/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ by }),
    headersTimeout: 180_000,
    bodyTimeout: 180_000,
  });
  const answer = await response.body.text();
  const answeredAt = wallNow();
  if (response.statusCode !== 200) throw new Error(`advance answered ${response.statusCode}: ${answer}`);
  return answeredAt;
}

export interface MeasuredAdvance {
  /** Wall times (wallNow()): the advance was sent, it answered, the last expected delivery landed. */
  readonly start: number;
  readonly answeredAt: number;
  readonly end: number;
  /** The simulator's process over [start, end]. */
  readonly used: ReturnType<LoadWindow['stop']>;
  readonly receiverCpuMs: number;
}

/**
 * One measured manual-clock advance over HTTP: the window ends when the ledger counts
 * `delivered` deliveries and the receiver `arrivals` requests (both counted from now).
 */
export async function measureAdvance(
  server: RunningServer,
  receiver: ReceiverHandle,
  options: { readonly by: string; readonly delivered: number; readonly arrivals: number; readonly timeoutMs: number },
): Promise<MeasuredAdvance> {
  const done = ledgerDeliveredAt(server, options.delivered);
  const arrived = receiver.waitFor(options.arrivals, options.timeoutMs);
  const receiverCpu = await receiver.cpuMs();
  const load = loadWindow();
  const start = wallNow();
  const answeredAt = await advanceOverHttp(server, options.by);
  const end = Math.max(await done, await arrived);
  const used = load.stop();
  return { start, answeredAt, end, used, receiverCpuMs: (await receiver.cpuMs()) - receiverCpu };
}

// ---------------------------------------------------------------------------------------
// Receiver in its own process (bench/receiver-process.ts)

export interface ReceiverStats {
  readonly count: number;
  readonly valid: number;
  readonly invalid: number;
  readonly unparsable: number;
  /** Distinct tracking references (VerifiMe) or `<verificationId> <eventName>[ <step>]` keys (MetaMap). */
  readonly distinctRefs: number;
  readonly firstAt: number | null;
  readonly lastAt: number | null;
}

export interface ReceiverHandle {
  readonly url: string;
  readonly pid: number;
  reset(): Promise<void>;
  stats(): Promise<ReceiverStats>;
  /** [ref, arrival wall ms] for every request since the last reset, in arrival order (ref as in ReceiverStats). */
  arrivals(): Promise<[string, number][]>;
  /** CPU milliseconds (user + system) the receiver process has used so far. */
  cpuMs(): Promise<number>;
  /** Resolves with the receiver's wall time of the count-th request (rejects after timeoutMs). */
  waitFor(count: number, timeoutMs: number): Promise<number>;
  close(): Promise<void>;
}

type ReceiverMessage =
  | { type: 'ready'; url: string }
  | { type: 'reply'; id: number; value: unknown }
  | { type: 'reached'; id: number; at: number };

export async function startReceiverProcess(): Promise<ReceiverHandle> {
  const script = fileURLToPath(new URL('./receiver-process.ts', import.meta.url));
  // The parent runs under `node --import tsx`; fork inherits execArgv, so the child does too.
  const child: ChildProcess = fork(script, [], {
    env: {
      ...process.env,
      BENCH_SECRET: SECRET,
      BENCH_SIGNATURE_HEADER: SIGNATURE_HEADER,
      BENCH_METAMAP_SECRET: METAMAP_SECRET,
      BENCH_METAMAP_SIGNATURE_HEADER: METAMAP_SIGNATURE_HEADER,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const waiting = new Map<number, (value: unknown) => void>();
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('receiver process did not start within 20 s')), 20_000);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`receiver process exited early with code ${code}`)));
    child.on('message', (raw) => {
      const message = raw as ReceiverMessage;
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message.url);
      } else if (message.type === 'reply') {
        waiting.get(message.id)?.(message.value);
        waiting.delete(message.id);
      } else if (message.type === 'reached') {
        waiting.get(message.id)?.(message.at);
        waiting.delete(message.id);
      }
    });
  });
  child.removeAllListeners('exit');
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const call = <T>(command: string, extra: Record<string, unknown> = {}): Promise<T> =>
    new Promise((resolve, reject) => {
      if (exited) return reject(new Error('receiver process is gone'));
      const id = nextId++;
      waiting.set(id, resolve as (value: unknown) => void);
      child.send({ command, id, ...extra });
    });
  return {
    url,
    pid: child.pid!,
    reset: () => call<void>('reset'),
    stats: () => call<ReceiverStats>('stats'),
    arrivals: () => call<[string, number][]>('arrivals'),
    cpuMs: () => call<number>('cpu'),
    waitFor(count, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(async () => {
          const stats = await call<ReceiverStats>('stats').catch(() => undefined);
          reject(new Error(`receiver got ${stats?.count ?? '?'} of ${count} requests within ${timeoutMs} ms`));
        }, timeoutMs);
        call<number>('waitFor', { count }).then((at) => {
          clearTimeout(timer);
          resolve(at);
        }, reject);
      });
    },
    async close() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await Promise.race([gone, sleep(2_000)]);
    },
  };
}

// ---------------------------------------------------------------------------------------
// Raw undici POSTs: the baseline for deliveries.

export interface RawRequest {
  readonly body: string;
  readonly headers: Record<string, string>;
}

/** An Agent configured like src/webhooks/dispatcher.ts's. */
export function dispatcherLikeAgent(): Agent {
  return new Agent({ connections: 64, pipelining: 1, keepAliveTimeout: 10_000 });
}

export async function rawPost(agent: Agent, url: string, item: RawRequest): Promise<number> {
  const response = await request(url, { method: 'POST', headers: item.headers, body: item.body, dispatcher: agent });
  await response.body.text();
  return response.statusCode;
}

/** POSTs every item with at most `concurrency` in flight; answers the non-2xx count. */
export async function rawPostAll(agent: Agent, url: string, items: readonly RawRequest[], concurrency: number): Promise<number> {
  let next = 0;
  let failures = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++];
      const status = await rawPost(agent, url, item);
      if (status < 200 || status > 299) failures += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return failures;
}

export interface BaselineResult {
  readonly label: string;
  readonly sessions: number;
  readonly perSecond: number;
  readonly received: number;
  readonly invalid: number;
  readonly cpuPerDeliveryUs: number;
}

/**
 * Sends `bodies` (the bytes and headers the simulator sent) with raw undici to the
 * receiver at `concurrency` in flight: the deliveries benchmarks' baseline.
 */
export async function rawBaseline(
  receiver: ReceiverHandle,
  bodies: readonly RawRequest[],
  concurrency: number,
  tag = 'deliveries',
): Promise<BaselineResult> {
  const agent = dispatcherLikeAgent();
  try {
    // Open the connections first so neither side pays connection set-up in the window.
    await rawPostAll(agent, receiver.url, bodies.slice(0, concurrency), concurrency);
    await receiver.reset();
    const receiverCpu = await receiver.cpuMs();
    const arrived = receiver.waitFor(bodies.length, 120_000);
    const load = loadWindow();
    const start = wallNow();
    const failures = await rawPostAll(agent, receiver.url, bodies, concurrency);
    const end = Math.max(wallNow(), await arrived);
    const used = load.stop();
    const rcpu = (await receiver.cpuMs()) - receiverCpu;
    const stats = await receiver.stats();
    const perSecond = (bodies.length / (end - start)) * 1000;
    const label = `raw undici, ${concurrency} in flight`;
    log(
      `${tag}: baseline ${label}: ${fmt(bodies.length)} in ${fmt(end - start)} ms = ${fmt(perSecond)}/s; ` +
        `receiver ${fmt(stats.count)} (invalid ${fmt(stats.invalid)}), non-2xx ${failures}; ` +
        `sender CPU ${fmt(used.cpuShare * 100)}% (${fmt((used.cpuMs / bodies.length) * 1000)} µs per POST), receiver CPU ${fmt((rcpu / used.wallMs) * 100)}%`,
    );
    return { label, sessions: bodies.length, perSecond, received: stats.count, invalid: stats.invalid, cpuPerDeliveryUs: (used.cpuMs / bodies.length) * 1000 };
  } finally {
    await agent.close();
  }
}

// ---------------------------------------------------------------------------------------
// The bare fastify baseline: the hello-world (GET / → {hello:'world'}), plus
// (informational) a bare JSON POST route answering an invite-sized body, which separates
// "POST with a JSON body and a ~300-byte answer" from what kyc-sim itself does per request.

export interface BareServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startBareFastify(): Promise<BareServer> {
  const bare = Fastify({ logger: false });
  bare.get('/', async () => ({ hello: 'world' }));
  bare.post('/echo', async (request) => {
    const id = randomUUID();
    const body = request.body as { email?: string };
    const inviteUrl = `http://localhost:4010/sign-up/track-id/${id}`;
    return { trackingReference: id, inviteUrl, qrCodeUrl: `http://localhost:4010/qr?url=${encodeURIComponent(inviteUrl)}`, email: body.email };
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const address = bare.server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, close: () => bare.close() };
}

// ---------------------------------------------------------------------------------------
// autocannon in its own process

export interface CannonResult {
  readonly requestsPerSecond: number;
  readonly total: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly latencyP50: number;
  readonly latencyP99: number;
}

export interface CannonOptions {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  readonly method?: string;
  readonly body?: string;
  readonly headers?: Record<string, string>;
}

const require = createRequire(import.meta.url);

export async function autocannon(options: CannonOptions): Promise<CannonResult> {
  const bin = require.resolve('autocannon/autocannon.js');
  const args = [bin, '-j', '-n', '-c', String(options.connections), '-d', String(options.seconds)];
  if (options.method) args.push('-m', options.method);
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push('-H', `${name}=${value}`);
  if (options.body !== undefined) args.push('-b', options.body);
  args.push(options.url);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`autocannon exited with ${code}: ${stderr.trim()}`);
  const result = JSON.parse(stdout) as {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
    timeouts: number;
    duration: number;
  };
  return {
    requestsPerSecond: result.requests.total / result.duration,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
  };
}

/** Several rounds against one target as one figure: total requests over total time. */
export function combineRounds(results: readonly CannonResult[]): CannonResult {
  const sum = (pick: (r: CannonResult) => number) => results.reduce((a, r) => a + pick(r), 0);
  const seconds = sum((r) => r.total / r.requestsPerSecond);
  return {
    requestsPerSecond: sum((r) => r.total) / seconds,
    total: sum((r) => r.total),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    latencyP50: Math.max(...results.map((r) => r.latencyP50)),
    latencyP99: Math.max(...results.map((r) => r.latencyP99)),
  };
}

export function logCannon(tag: string, name: string, r: CannonResult): void {
  log(
    `${tag}: ${name}: ${fmt(r.requestsPerSecond)} req/s, ${fmt(r.total)} requests, ` +
      `latency p50 ${r.latencyP50} ms p99 ${r.latencyP99} ms, non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}`,
  );
}
