// Target 1: POST /v1/user/invite throughput of an in-process kyc-sim, against a bare
// fastify hello-world (GET / → {hello:'world'}) in the same process, both driven by the
// same autocannon settings (50 connections, 5 s per round after a 1 s warm-up) from a child
// process, so the load generator is not on the servers' event loop.
import { autocannon, combineRounds as combine, fmt, INVITE_BODY, log, logCannon, startBareFastify, startSim, type CannonResult, type Row } from './lib.js';

export interface InviteOptions {
  readonly connections: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
}

export const INVITE_DEFAULTS: InviteOptions = { connections: 50, seconds: 5, warmupSeconds: 1 };

export async function benchInvite(options: InviteOptions = INVITE_DEFAULTS): Promise<Row[]> {
  // The baseline server: a bare fastify with the hello-world, plus (informational)
  // a bare JSON POST route answering an invite-sized body (bench/lib.ts).
  const bare = await startBareFastify();
  const bareUrl = bare.url;

  const sim = await startSim({ CLOCK: 'manual' });
  const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(INVITE_BODY) };
  const targets = {
    hello: { url: `${bareUrl}/`, name: 'hello-world GET /' },
    sim: { url: `${sim.url}/v1/user/invite`, name: 'kyc-sim POST /v1/user/invite', ...post },
    echo: { url: `${bareUrl}/echo`, name: 'bare fastify POST /echo (invite-sized JSON)', ...post },
  };
  const cannon = (which: keyof typeof targets, seconds: number) => {
    const { name: _name, ...target } = targets[which];
    return autocannon({ connections: options.connections, seconds, ...target });
  };

  try {
    // Warm every target up the same way (JIT, connection set-up), then measure each the same way.
    log(`invite: warm-up ${options.warmupSeconds} s each`);
    for (const which of ['hello', 'sim', 'echo'] as const) await cannon(which, options.warmupSeconds);

    // Rounds in a mirrored order, so drift in the machine's load (other processes on the 2
    // cores) hits the servers alike; each figure is the total over its two rounds.
    const runs: Record<keyof typeof targets, CannonResult[]> = { hello: [], sim: [], echo: [] };
    const sessionsBefore = sim.sim.store.size();
    for (const which of ['hello', 'sim', 'echo', 'echo', 'sim', 'hello'] as const) {
      log(`invite: ${targets[which].name} for ${options.seconds} s, ${options.connections} connections`);
      const result = await cannon(which, options.seconds);
      logCannon('invite', targets[which].name, result);
      runs[which].push(result);
    }
    const created = sim.sim.store.size() - sessionsBefore;
    const baseline = combine(runs.hello);
    const measured = combine(runs.sim);
    const echo = combine(runs.echo);
    log(`invite: sessions created during the measured runs: ${fmt(created)} (autocannon counted ${fmt(measured.total)} responses)`);

    const ratio = measured.requestsPerSecond / baseline.requestsPerSecond;
    const failures = measured.non2xx + measured.errors + measured.timeouts;
    return [
      {
        metric: 'Invite throughput (req/s)',
        measured: fmt(measured.requestsPerSecond),
        baseline: `${fmt(baseline.requestsPerSecond)} (hello-world)`,
        target: `ratio ${ratio.toFixed(2)} (>= 0.50)`,
        pass: ratio >= 0.5,
      },
      {
        metric: 'Invite non-2xx / errors / timeouts',
        measured: `${fmt(measured.non2xx)} / ${fmt(measured.errors)} / ${fmt(measured.timeouts)}`,
        baseline: `${fmt(baseline.non2xx)} / ${fmt(baseline.errors)} / ${fmt(baseline.timeouts)}`,
        target: 'all 0',
        pass: failures === 0,
      },
      {
        metric: 'Invite latency p50 / p99 (ms, worst round)',
        measured: `${measured.latencyP50} / ${measured.latencyP99}`,
        baseline: `${baseline.latencyP50} / ${baseline.latencyP99}`,
        target: 'info',
        pass: null,
      },
      {
        metric: '  invite vs bare POST /echo (req/s)',
        measured: fmt(measured.requestsPerSecond),
        baseline: `${fmt(echo.requestsPerSecond)} (bare POST)`,
        target: `ratio ${(measured.requestsPerSecond / echo.requestsPerSecond).toFixed(2)}; info`,
        pass: null,
      },
    ];
  } finally {
    await sim.close();
    await bare.close();
  }
}
