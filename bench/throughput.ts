// One API route of an in-process kyc-sim against a bare fastify hello-world (GET / →
// {hello:'world'}) and, informational, a bare JSON POST /echo of the same body, all in the
// same process and driven by the same autocannon settings from a child process, so the load
// generator is not on the servers' event loop. The invite and MetaMap create benchmarks
// differ only in the route they measure.
//
// On a small shared machine throughput drifts by tens of percent from one minute to the next
// (bare POST vs hello-world went from 0.45 to 0.91 between adjacent rounds while measuring),
// so one long round per server compares different moments. Instead the servers run in short
// rounds of three back to back (hello, route, echo; the next round reversed), every round
// gives its own route/hello ratio, and the result is the median of those ratios, printed with
// their range and every round's figures.
import type { RunningServer } from '../src/server.js';
import { autocannon, combineRounds, fmt, log, logCannon, median, startBareFastify, type CannonResult, type Row } from './lib.js';

export interface ThroughputOptions {
  readonly connections: number;
  /** Seconds per server per round. */
  readonly seconds: number;
  /** Rounds of (hello, route, echo). */
  readonly rounds: number;
  readonly warmupSeconds: number;
}

export const THROUGHPUT_DEFAULTS: ThroughputOptions = { connections: 50, seconds: 3, rounds: 6, warmupSeconds: 1 };

export interface ThroughputSpec {
  /** Log prefix, e.g. 'invite'. */
  readonly tag: string;
  /** Row label, e.g. 'Invite' → "Invite throughput (req/s)". */
  readonly label: string;
  /** Informational row, e.g. '  invite vs bare POST /echo (req/s)'. */
  readonly echoLabel: string;
  /** What the measured requests create, for the log ('sessions', 'verifications'). */
  readonly created: string;
  readonly targetRatio: number;
  /** The route under test; `body` is also what /echo gets, with `echo.headers`. */
  readonly route: { readonly name: string; readonly path: string; readonly headers: Record<string, string>; readonly body: string };
  readonly echo: { readonly name: string; readonly headers: Record<string, string> };
}

/** Measures `spec.route` on `sim` (which the caller starts and closes) against the bare baselines. */
export async function benchThroughput(sim: RunningServer, spec: ThroughputSpec, options: ThroughputOptions): Promise<Row[]> {
  const bare = await startBareFastify();
  const targets = {
    hello: { url: `${bare.url}/`, name: 'hello-world GET /' },
    sim: { url: `${sim.url}${spec.route.path}`, name: spec.route.name, method: 'POST', headers: spec.route.headers, body: spec.route.body },
    echo: { url: `${bare.url}/echo`, name: spec.echo.name, method: 'POST', headers: spec.echo.headers, body: spec.route.body },
  };
  const cannon = (which: keyof typeof targets, seconds: number) => {
    const { name: _name, ...target } = targets[which];
    return autocannon({ connections: options.connections, seconds, ...target });
  };

  try {
    // Warm every target up the same way (JIT, connection set-up), then measure each the same way.
    log(`${spec.tag}: warm-up ${options.warmupSeconds} s each`);
    for (const which of ['hello', 'sim', 'echo'] as const) await cannon(which, options.warmupSeconds);

    const runs: Record<keyof typeof targets, CannonResult[]> = { hello: [], sim: [], echo: [] };
    const ratios: number[] = [];
    const echoRatios: number[] = [];
    const before = sim.sim.store.size();
    for (let round = 0; round < options.rounds; round += 1) {
      const order = round % 2 === 0 ? (['hello', 'sim', 'echo'] as const) : (['echo', 'sim', 'hello'] as const);
      log(`${spec.tag}: round ${round + 1}/${options.rounds}, ${options.seconds} s each, ${options.connections} connections`);
      const thisRound: Partial<Record<keyof typeof targets, CannonResult>> = {};
      for (const which of order) {
        const result = await cannon(which, options.seconds);
        logCannon(spec.tag, targets[which].name, result);
        runs[which].push(result);
        thisRound[which] = result;
      }
      ratios.push(thisRound.sim!.requestsPerSecond / thisRound.hello!.requestsPerSecond);
      echoRatios.push(thisRound.sim!.requestsPerSecond / thisRound.echo!.requestsPerSecond);
      log(`${spec.tag}: round ${round + 1} ratio ${ratios.at(-1)!.toFixed(2)} of hello-world, ${echoRatios.at(-1)!.toFixed(2)} of bare POST`);
    }
    const created = sim.sim.store.size() - before;
    const baseline = combineRounds(runs.hello);
    const measured = combineRounds(runs.sim);
    log(`${spec.tag}: ${spec.created} created during the measured runs: ${fmt(created)} (autocannon counted ${fmt(measured.total)} responses)`);

    const ratio = median(ratios);
    const medianRate = (which: keyof typeof targets) => fmt(median(runs[which].map((r) => r.requestsPerSecond)));
    const spread = (values: number[]) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;
    return [
      {
        metric: `${spec.label} throughput (req/s)`,
        measured: `${medianRate('sim')} (median round)`,
        baseline: `${medianRate('hello')} (hello-world)`,
        target: `median ratio ${ratio.toFixed(2)} (rounds ${spread(ratios)}; >= ${spec.targetRatio.toFixed(2)})`,
        pass: ratio >= spec.targetRatio,
      },
      {
        metric: `${spec.label} non-2xx / errors / timeouts`,
        measured: `${fmt(measured.non2xx)} / ${fmt(measured.errors)} / ${fmt(measured.timeouts)}`,
        baseline: `${fmt(baseline.non2xx)} / ${fmt(baseline.errors)} / ${fmt(baseline.timeouts)}`,
        target: 'all 0',
        pass: measured.non2xx + measured.errors + measured.timeouts === 0,
      },
      {
        metric: `${spec.label} latency p50 / p99 (ms, worst round)`,
        measured: `${measured.latencyP50} / ${measured.latencyP99}`,
        baseline: `${baseline.latencyP50} / ${baseline.latencyP99}`,
        target: 'info',
        pass: null,
      },
      {
        metric: spec.echoLabel,
        measured: `${medianRate('sim')} (median round)`,
        baseline: `${medianRate('echo')} (bare POST)`,
        target: `median ratio ${median(echoRatios).toFixed(2)} (rounds ${spread(echoRatios)}); info`,
        pass: null,
      },
    ];
  } finally {
    await bare.close();
  }
}
