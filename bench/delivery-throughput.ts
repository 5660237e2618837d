// Target 2: signed webhook deliveries per second from an in-process kyc-sim to a local
// receiver (its own process), with zero lost, against raw undici POSTs of the very same
// bytes and headers to the same receiver.
//
// Two clock modes are measured:
//  - manual: POST /__admin/clock/advance {by:'2m'}; every session is due at the same
//    simulated instant, and the manual clock runs tasks of one instant concurrently across
//    lanes (one lane per session) and awaits them together, so the outbox's per-endpoint
//    queue (DELIVERY_CONCURRENCY) bounds what is in flight, as in real mode. Compared with a
//    raw-undici baseline at the same concurrency.
//  - real:   PHASE2_DELAY '2s'; every session is completed in one synchronous loop so all
//    timelines are armed before any timer fires and all fall due within a few hundred ms;
//    the clock fires due tasks without awaiting them, so the outbox's per-endpoint queue
//    (DELIVERY_CONCURRENCY, default 16) and the simulator's CPU are the limits. Measured
//    from the first dueAt; compared with a raw-undici baseline at the same concurrency.
//
// Besides deliveries/s, the simulator's CPU time per delivery (process.cpuUsage over the
// window) is reported next to the raw sender's: it is far less sensitive than wall time to
// other load on the machine.
import type { RunningServer } from '../src/server.js';
import {
  completeAll,
  createInvites,
  fmt,
  ledgerDeliveredAt,
  loadWindow,
  log,
  measureAdvance,
  rawBaseline,
  SECRET,
  startSim,
  type RawRequest,
  type ReceiverHandle,
  type Row,
} from './lib.js';

export interface DeliveryOptions {
  readonly sessions: number;
  /** DELIVERY_CONCURRENCY of the simulator (both clock modes); the c=N baselines use the same. */
  readonly concurrency: number;
}

export const DELIVERY_DEFAULTS: DeliveryOptions = { sessions: 20_000, concurrency: 16 };
const TARGET_PER_SECOND = 3_000;

interface RunResult {
  readonly label: string;
  readonly sessions: number;
  readonly ms: number;
  readonly perSecond: number;
  readonly received: number;
  readonly valid: number;
  readonly invalid: number;
  readonly distinct: number;
  readonly ledgerDelivered: number;
  readonly ledgerTotal: number;
  readonly singleAttempt: boolean;
  readonly bodies: RawRequest[];
  /** CPU of the simulator's process per delivery over the measured window (µs). */
  readonly cpuPerDeliveryUs: number;
  readonly note: string;
}

export async function benchDeliveries(receiver: ReceiverHandle, options: DeliveryOptions = DELIVERY_DEFAULTS): Promise<Row[]> {
  const n = options.sessions;
  const manual = await runManual(receiver, n, options.concurrency);
  const real = await runReal(receiver, n, options.concurrency);

  // Baselines: the same bytes and headers the simulator sent, raw undici, same receiver.
  const forManual = await rawBaseline(receiver, manual.bodies, options.concurrency);
  const parallel = await rawBaseline(receiver, real.bodies, options.concurrency);

  const rows: Row[] = [];
  for (const [result, baseline] of [
    [manual, forManual],
    [real, parallel],
  ] as const) {
    const lost = result.sessions - result.received;
    const complete =
      lost === 0 &&
      result.valid === result.sessions &&
      result.invalid === 0 &&
      result.distinct === result.sessions &&
      result.ledgerDelivered === result.sessions &&
      result.ledgerTotal === result.sessions &&
      result.singleAttempt;
    rows.push({
      metric: `Deliveries/s, ${result.label}`,
      measured: fmt(result.perSecond),
      baseline: `${fmt(baseline.perSecond)} (${baseline.label})`,
      target: `ratio ${(result.perSecond / baseline.perSecond).toFixed(2)}; >= ${fmt(TARGET_PER_SECOND)}/s`,
      pass: result.perSecond >= TARGET_PER_SECOND,
    });
    rows.push({
      metric: `  sender CPU per delivery (µs)`,
      measured: fmt(result.cpuPerDeliveryUs),
      baseline: fmt(baseline.cpuPerDeliveryUs),
      target: `${(result.cpuPerDeliveryUs / baseline.cpuPerDeliveryUs).toFixed(1)}x baseline; info`,
      pass: null,
    });
    rows.push({
      metric: `  lost / bad sig / not delivered`,
      measured: `${fmt(lost)} / ${fmt(result.invalid)} / ${fmt(result.sessions - result.ledgerDelivered)}`,
      baseline: `${fmt(baseline.sessions - baseline.received)} / ${fmt(baseline.invalid)} / -`,
      target: `all 0 of ${fmt(result.sessions)}`,
      pass: complete,
    });
  }
  return rows;
}

async function prepare(env: Record<string, string>, receiver: ReceiverHandle, n: number): Promise<{ server: RunningServer; refs: string[] }> {
  const server = await startSim(env);
  server.sim.registerEndpoint({ provider: 'verifime', url: receiver.url, secret: SECRET });
  const started = performance.now();
  const refs = await createInvites(server, n);
  log(`deliveries: created ${fmt(n)} invites in ${fmt(performance.now() - started)} ms (fastify inject)`);
  return { server, refs };
}

async function collect(
  server: RunningServer,
  receiver: ReceiverHandle,
  label: string,
  n: number,
  ms: number,
  cpuMs: number,
  note: string,
): Promise<RunResult> {
  const stats = await receiver.stats();
  const deliveries = server.sim.ledger.deliveries();
  const result: RunResult = {
    label,
    sessions: n,
    ms,
    perSecond: (n / ms) * 1000,
    received: stats.count,
    valid: stats.valid,
    invalid: stats.invalid,
    distinct: stats.distinctRefs,
    ledgerDelivered: deliveries.filter((d) => d.state === 'delivered').length,
    ledgerTotal: deliveries.length,
    singleAttempt: deliveries.every((d) => d.attempts.length === 1),
    bodies: deliveries.map((d) => ({ body: d.body, headers: d.requestHeaders })),
    cpuPerDeliveryUs: (cpuMs / n) * 1000,
    note,
  };
  log(
    `deliveries: ${label}: ${fmt(n)} in ${fmt(ms)} ms = ${fmt(result.perSecond)}/s; receiver ${fmt(stats.count)} ` +
      `(valid ${fmt(stats.valid)}, invalid ${fmt(stats.invalid)}, distinct ${fmt(stats.distinctRefs)}); ledger ` +
      `${fmt(result.ledgerDelivered)}/${fmt(result.ledgerTotal)} delivered; ${fmt(result.cpuPerDeliveryUs)} µs sim CPU per delivery; ${note}`,
  );
  return result;
}

async function runManual(receiver: ReceiverHandle, n: number, concurrency: number): Promise<RunResult> {
  const { server, refs } = await prepare({ CLOCK: 'manual', PHASE2_DELAY: '1m', DELIVERY_CONCURRENCY: String(concurrency) }, receiver, n);
  try {
    await completeAll(server, refs);
    await receiver.reset();
    const { start, answeredAt, end, used, receiverCpuMs: rcpu } = await measureAdvance(server, receiver, { by: '2m', delivered: n, arrivals: n, timeoutMs: 120_000 });
    return collect(
      server,
      receiver,
      `manual clock (advance 2m), c=${concurrency}`,
      n,
      end - start,
      used.cpuMs,
      `advance answered after ${fmt(answeredAt - start)} ms; sim CPU ${fmt(used.cpuShare * 100)}% of a core, ` +
        `event loop ${fmt(used.eventLoopUtilisation * 100)}% busy; receiver CPU ${fmt((rcpu / used.wallMs) * 100)}%`,
    );
  } finally {
    await server.close();
  }
}

async function runReal(receiver: ReceiverHandle, n: number, concurrency: number): Promise<RunResult> {
  const { server, refs } = await prepare(
    { CLOCK: 'real', PHASE2_DELAY: '2s', DELIVERY_CONCURRENCY: String(concurrency) },
    receiver,
    n,
  );
  try {
    await receiver.reset();
    const done = ledgerDeliveredAt(server, n);
    const arrived = receiver.waitFor(n, 120_000);
    const loopMs = await completeAll(server, refs);
    const dues = refs.map((ref) => server.sim.store.get(ref)!.timeline[0].dueAt);
    const firstDue = dues.reduce((a, b) => Math.min(a, b));
    const lastDue = dues.reduce((a, b) => Math.max(a, b));
    // The clock's own timer may fire before any timer armed here, so the window starts now;
    // the wait until the first due time is idle and adds (almost) no CPU.
    const receiverCpu = await receiver.cpuMs();
    const load = loadWindow();
    const end = Math.max(await done, await arrived);
    const used = load.stop();
    const rcpu = (await receiver.cpuMs()) - receiverCpu;
    const busyMs = end - firstDue;
    return collect(
      server,
      receiver,
      `real clock, all due at once, c=${concurrency}`,
      n,
      end - firstDue,
      used.cpuMs,
      `completion loop ${fmt(loopMs)} ms, due window ${fmt(lastDue - firstDue)} ms; sim CPU ${fmt((used.cpuMs / busyMs) * 100)}% of a core; ` +
        `receiver CPU ${fmt((rcpu / busyMs) * 100)}%`,
    );
  } finally {
    await server.close();
  }
}
