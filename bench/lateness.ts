// Target 3: how late scheduled deliveries arrive while 10,000 sessions are pending at once.
// Real clock, PHASE2_DELAY spread (default 2s-6s); every session completed in one
// synchronous loop so all 10,000 timelines are on the clock together. Lateness is the
// receiver's arrival wall time minus the step's dueAt (both Date.now() based). Each run
// first sends a warm-up of 2,000 sessions through the same simulator (BENCH_LATENESS_WARMUP),
// because the first deliveries after start compile the delivery path and open connections,
// which held the loop for a few hundred ms; that warm-up's lateness is reported too.
//
// Baseline, same run: the same bodies, due at the same offsets, sent by a plain
// setTimeout per delivery plus a raw undici POST (no clock, no queue, no ledger).
// A second run with a wider spread (default 2s-16s, a lower arrival rate) shows how late
// deliveries are when throughput is not the limit (informational).
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import type { VerifimeSession } from '../src/providers/verifime/session-data.js';
import type { RunningServer } from '../src/server.js';
import {
  completeAll,
  createInvites,
  describeDistribution,
  dispatcherLikeAgent,
  distribution,
  fmt,
  type Distribution,
  loadWindow,
  log,
  rawPost,
  SECRET,
  sleep,
  startSim,
  type RawRequest,
  type ReceiverHandle,
  type Row,
} from './lib.js';

export interface LatenessOptions {
  readonly sessions: number;
  readonly phase2Delay: string;
  /** A second, informational run with a wider spread (a lower arrival rate); '' skips it. */
  readonly relaxedDelay: string;
  /** Sessions delivered through the same simulator before each measured run; 0 skips. */
  readonly warmup: number;
}

export const LATENESS_DEFAULTS: LatenessOptions = { sessions: 10_000, phase2Delay: '2s-6s', relaxedDelay: '2s-16s', warmup: 2_000 };
const TARGET_P99_MS = 50;

interface SimRun {
  readonly measured: Distribution;
  readonly fired: Distribution;
  readonly pendingAtOnce: number;
  readonly delivered: number;
  /** Each delivery's request and its session's assessment id (the receiver's key). */
  readonly bodies: (RawRequest & { ref: string })[];
  /** dueAt − completedAt per assessment id. */
  readonly offsets: Map<string, number>;
  readonly ratePerSecond: number;
  /** Lateness of the warm-up deliveries right after start, when there was a warm-up. */
  readonly cold: Distribution | null;
}

/** The ledger records an attempt after the receiver answered: lets the last ones land (≤ 2 s). */
async function ledgerSettled(server: RunningServer): Promise<void> {
  for (let i = 0; i < 100 && server.sim.ledger.pendingCount() > 0; i += 1) await sleep(20);
}

/** Lateness of the first timeline step of each of `refs`, keyed by assessment id. */
async function latenessOf(server: RunningServer, receiver: ReceiverHandle, refs: readonly string[]) {
  // The receiver keys a VerifiMe webhook by the assessment id in its assessmentPortalUrl
  // (the body carries no tracking reference), so everything here is keyed by that id.
  const arrivals = new Map(await receiver.arrivals());
  const late: number[] = [];
  const timer: number[] = [];
  const transit: number[] = [];
  const offsets = new Map<string, number>();
  const assessmentOf = new Map<string, string>();
  for (const ref of refs) {
    const session = server.sim.store.get(ref) as VerifimeSession;
    const key = session.data.assessmentId;
    assessmentOf.set(ref, key);
    const entry = session.timeline[0];
    const at = arrivals.get(key);
    offsets.set(key, entry.dueAt - session.completedAt!);
    if (at === undefined) continue;
    late.push(at - entry.dueAt);
    if (entry.firedAt !== null) {
      timer.push(entry.firedAt - entry.dueAt);
      transit.push(at - entry.firedAt);
    }
  }
  return { late: distribution(late), timer: distribution(timer), transit: distribution(transit), offsets, assessmentOf };
}

/**
 * The first deliveries after start pay one-off costs (compiling the delivery path, undici's
 * HTTP parser, opening the receiver connections) that block the event loop for a few hundred
 * ms; the measured run comes after `warmup` sessions went through the same path, as the
 * throughput benchmarks warm up before measuring. The warm-up's own lateness is reported.
 */
async function warmUp(server: RunningServer, receiver: ReceiverHandle, warmup: number, phase2Delay: string): Promise<Distribution> {
  const refs = await createInvites(server, warmup);
  await receiver.reset();
  const arrived = receiver.waitFor(warmup, 90_000);
  await completeAll(server, refs);
  await arrived;
  const { late } = await latenessOf(server, receiver, refs);
  log(`lateness [${phase2Delay}]: warm-up, ${fmt(warmup)} sessions right after start: ${describeDistribution(late)}`);
  await ledgerSettled(server);
  return late;
}

async function runSim(receiver: ReceiverHandle, n: number, phase2Delay: string, warmup: number): Promise<SimRun> {
  const server = await startSim({ CLOCK: 'real', PHASE2_DELAY: phase2Delay });
  try {
    server.sim.registerEndpoint({ provider: 'verifime', url: receiver.url, secret: SECRET });
    const cold = warmup > 0 ? await warmUp(server, receiver, warmup, phase2Delay) : null;
    const refs = await createInvites(server, n);
    await receiver.reset();
    const arrived = receiver.waitFor(n, 90_000);
    // Diagnostics: how long the event loop was blocked, and by garbage collection.
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    const gcPauses: number[] = [];
    let longestGc = { ms: 0, kind: '' };
    const gcObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        gcPauses.push(entry.duration);
        if (entry.duration > longestGc.ms) longestGc = { ms: entry.duration, kind: gcKind((entry as { detail?: { kind?: number } }).detail?.kind) };
      }
    });
    gcObserver.observe({ entryTypes: ['gc'] });
    const loopMs = await completeAll(server, refs);
    loopDelay.enable();
    const load = loadWindow();
    const receiverCpu = await receiver.cpuMs();
    const pendingAtOnce = server.sim.clock.pending();
    const dues = refs.map((ref) => server.sim.store.get(ref)!.timeline[0].dueAt);
    const span = dues.reduce((a, b) => Math.max(a, b)) - dues.reduce((a, b) => Math.min(a, b));
    const ratePerSecond = (n / Math.max(1, span)) * 1000;
    log(
      `lateness [${phase2Delay}]: ${fmt(n)} sessions completed in ${fmt(loopMs)} ms; ${fmt(pendingAtOnce)} tasks pending on the clock; ` +
        `due over ${fmt(span)} ms (${fmt(ratePerSecond)}/s on average)`,
    );
    await arrived;
    const used = load.stop();
    const rcpu = (await receiver.cpuMs()) - receiverCpu;
    loopDelay.disable();
    gcObserver.disconnect();
    log(
      `lateness [${phase2Delay}]: from completion to the last arrival: sim CPU ${fmt((used.cpuMs / n) * 1000)} µs per delivery, ` +
        `${fmt(used.cpuShare * 100)}% of a core, event loop ${fmt(used.eventLoopUtilisation * 100)}% busy; receiver CPU ${fmt((rcpu / used.wallMs) * 100)}%`,
    );
    log(
      `lateness [${phase2Delay}]: event-loop delay while delivering p50 ${fmt(loopDelay.percentile(50) / 1e6, 1)} ms, ` +
        `p99 ${fmt(loopDelay.percentile(99) / 1e6, 1)} ms, max ${fmt(loopDelay.max / 1e6, 1)} ms; GC pauses ${gcPauses.length}, ` +
        `total ${fmt(gcPauses.reduce((a, b) => a + b, 0))} ms, longest ${fmt(longestGc.ms, 1)} ms${longestGc.kind ? ` (${longestGc.kind})` : ''}`,
    );
    await ledgerSettled(server);

    // The receiver keys a VerifiMe webhook by the assessment id in its assessmentPortalUrl
    // (the body carries no tracking reference), so everything here is keyed by that id.
    const { late: measured, timer: fired, transit, offsets, assessmentOf } = await latenessOf(server, receiver, refs);
    // The measured sessions' deliveries (the ledger also holds the warm-up's).
    const deliveries = server.sim.ledger.deliveries().filter((d) => assessmentOf.has(d.sessionId));
    const delivered = deliveries.filter((d) => d.state === 'delivered').length;
    const stats = await receiver.stats();
    log(`lateness [${phase2Delay}]: kyc-sim arrival − dueAt: ${describeDistribution(measured)}`);
    log(`lateness [${phase2Delay}]:   of which firedAt − dueAt (clock timer): ${describeDistribution(fired)}`);
    log(`lateness [${phase2Delay}]:   of which arrival − firedAt (outbox + HTTP): ${describeDistribution(transit)}`);
    log(
      `lateness [${phase2Delay}]:   receiver ${fmt(stats.count)} (valid ${fmt(stats.valid)}, distinct ${fmt(stats.distinctRefs)}); ` +
        `ledger ${fmt(delivered)}/${fmt(deliveries.length)} delivered`,
    );
    return {
      measured,
      fired,
      pendingAtOnce,
      delivered,
      bodies: deliveries.map((d) => ({ body: d.body, headers: d.requestHeaders, ref: assessmentOf.get(d.sessionId)! })),
      offsets,
      ratePerSecond,
      cold,
    };
  } finally {
    await server.close();
  }
}

/** perf_hooks GC kinds (NODE_PERFORMANCE_GC_*). */
function gcKind(kind: number | undefined): string {
  const kinds: Record<number, string> = { 1: 'minor', 4: 'major', 8: 'incremental marking', 16: 'weak callbacks' };
  return kind === undefined ? '' : (kinds[kind] ?? `kind ${kind}`);
}

export async function benchLateness(receiver: ReceiverHandle, options: LatenessOptions = LATENESS_DEFAULTS): Promise<Row[]> {
  const n = options.sessions;
  const run = await runSim(receiver, n, options.phase2Delay, options.warmup);
  const baseline = await runBaseline(receiver, run.bodies, run.offsets);
  log(`lateness [${options.phase2Delay}]: baseline setTimeout + raw undici arrival − due: ${describeDistribution(baseline)}`);
  const { measured, fired } = run;
  const rows: Row[] = [
    {
      metric: `Lateness p50 (ms), ${fmt(n)} pending, ${options.phase2Delay} (~${fmt(run.ratePerSecond)}/s)`,
      measured: fmt(measured.p50, 1),
      baseline: `${fmt(baseline.p50, 1)} (setTimeout+undici)`,
      target: 'info',
      pass: null,
    },
    {
      metric: 'Lateness p99 (ms)',
      measured: fmt(measured.p99, 1),
      baseline: `${fmt(baseline.p99, 1)} (setTimeout+undici)`,
      target: `<= ${TARGET_P99_MS} ms`,
      pass: measured.p99 <= TARGET_P99_MS && measured.count === n,
    },
    {
      metric: 'Lateness max (ms)',
      measured: fmt(measured.max, 1),
      baseline: `${fmt(baseline.max, 1)} (setTimeout+undici)`,
      target: 'info',
      pass: null,
    },
    {
      metric: '  timer part p99: firedAt − dueAt (ms)',
      measured: fmt(fired.p99, 1),
      baseline: '-',
      target: 'info',
      pass: null,
    },
    {
      metric: `  right after start: warm-up of ${fmt(options.warmup)}, p99 / max (ms)`,
      measured: run.cold ? `${fmt(run.cold.p99, 1)} / ${fmt(run.cold.max, 1)}` : '-',
      baseline: '-',
      target: 'info (one-off start-up costs)',
      pass: null,
    },
    {
      metric: '  lost / not delivered',
      measured: `${fmt(n - measured.count)} / ${fmt(n - run.delivered)}`,
      baseline: `${fmt(n - baseline.count)} / -`,
      target: `all 0 of ${fmt(n)}; ${fmt(run.pendingAtOnce)} pending at once`,
      pass: measured.count === n && run.delivered === n && run.pendingAtOnce === n,
    },
  ];
  if (options.relaxedDelay) {
    const relaxed = await runSim(receiver, n, options.relaxedDelay, options.warmup);
    rows.push({
      metric: `Lateness p50 / p99 / max (ms), ${options.relaxedDelay} (~${fmt(relaxed.ratePerSecond)}/s)`,
      measured: `${fmt(relaxed.measured.p50, 1)} / ${fmt(relaxed.measured.p99, 1)} / ${fmt(relaxed.measured.max, 1)}`,
      baseline: '-',
      target: `info (lower rate); timer p99 ${fmt(relaxed.fired.p99, 1)}`,
      pass: null,
    });
  }
  return rows;
}
async function runBaseline(
  receiver: ReceiverHandle,
  bodies: readonly (RawRequest & { ref: string })[],
  offsets: ReadonlyMap<string, number>,
) {
  const agent = dispatcherLikeAgent();
  try {
    await receiver.reset();
    const arrived = receiver.waitFor(bodies.length, 60_000);
    const t0 = Date.now();
    const due = new Map<string, number>();
    for (const item of bodies) {
      const at = t0 + offsets.get(item.ref)!;
      due.set(item.ref, at);
      setTimeout(() => void rawPost(agent, receiver.url, item), Math.max(0, at - Date.now()));
    }
    await arrived;
    const arrivals = await receiver.arrivals();
    return distribution(arrivals.map(([ref, at]) => at - due.get(ref)!));
  } finally {
    await agent.close();
  }
}
