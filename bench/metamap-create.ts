// MetaMap create-verification throughput: POST /v2/verifications (Bearer token from one
// POST /oauth, small metadata) of an in-process kyc-sim, against the bare fastify
// hello-world of the invite benchmark (and, informational, its bare POST /echo), measured in
// the same run with the same autocannon settings from a child process.
//
// No webhook endpoint is registered: each create still records verification_started in the
// ledger, but nothing is sent, so this measures the API (token check, validation, session,
// event) and not the receiver; metamap-deliveries measures the webhooks. LOG_LEVEL is
// 'error' because kyc-sim logs a warning for every event recorded without an endpoint,
// which would otherwise print a line per request.
import { request } from 'undici';
import { autocannon, combineRounds, fmt, log, logCannon, startBareFastify, startSim, type CannonResult, type Row } from './lib.js';

export interface MetamapCreateOptions {
  readonly connections: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
}

export const METAMAP_CREATE_DEFAULTS: MetamapCreateOptions = { connections: 50, seconds: 5, warmupSeconds: 1 };
export const METAMAP_FLOW_ID = '60b8fd58a87c30001b14dedd';
export const METAMAP_CREATE_BODY = { flowId: METAMAP_FLOW_ID, metadata: { userId: 'bench-user-42', plan: 'pro' } } as const;
const TARGET_RATIO = 0.4;

/** One access token through the real route, as a client SDK gets it. */
export async function metamapToken(baseUrl: string): Promise<string> {
  const response = await request(`${baseUrl}/oauth`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('kyc-sim-client:kyc-sim-client-secret').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`POST /oauth answered ${response.statusCode}: ${text}`);
  return (JSON.parse(text) as { access_token: string }).access_token;
}

export async function benchMetamapCreate(options: MetamapCreateOptions = METAMAP_CREATE_DEFAULTS): Promise<Row[]> {
  const bare = await startBareFastify();
  const sim = await startSim({ CLOCK: 'manual', LOG_LEVEL: 'error' });
  const token = await metamapToken(sim.url);
  const json = { 'content-type': 'application/json' };
  const body = JSON.stringify(METAMAP_CREATE_BODY);
  const targets = {
    hello: { url: `${bare.url}/`, name: 'hello-world GET /' },
    sim: { url: `${sim.url}/v2/verifications`, name: 'kyc-sim POST /v2/verifications', method: 'POST', headers: { ...json, authorization: `Bearer ${token}` }, body },
    echo: { url: `${bare.url}/echo`, name: 'bare fastify POST /echo (same body)', method: 'POST', headers: json, body },
  };
  const cannon = (which: keyof typeof targets, seconds: number) => {
    const { name: _name, ...target } = targets[which];
    return autocannon({ connections: options.connections, seconds, ...target });
  };

  try {
    log(`metamap-create: warm-up ${options.warmupSeconds} s each`);
    for (const which of ['hello', 'sim', 'echo'] as const) await cannon(which, options.warmupSeconds);

    // Mirrored order, so drift in the machine's load hits every target alike.
    const runs: Record<keyof typeof targets, CannonResult[]> = { hello: [], sim: [], echo: [] };
    const before = sim.sim.store.size();
    for (const which of ['hello', 'sim', 'echo', 'echo', 'sim', 'hello'] as const) {
      log(`metamap-create: ${targets[which].name} for ${options.seconds} s, ${options.connections} connections`);
      const result = await cannon(which, options.seconds);
      logCannon('metamap-create', targets[which].name, result);
      runs[which].push(result);
    }
    const created = sim.sim.store.size() - before;
    const baseline = combineRounds(runs.hello);
    const measured = combineRounds(runs.sim);
    const echo = combineRounds(runs.echo);
    log(`metamap-create: verifications created during the measured runs: ${fmt(created)} (autocannon counted ${fmt(measured.total)} responses)`);

    const ratio = measured.requestsPerSecond / baseline.requestsPerSecond;
    return [
      {
        metric: 'MetaMap create throughput (req/s)',
        measured: fmt(measured.requestsPerSecond),
        baseline: `${fmt(baseline.requestsPerSecond)} (hello-world)`,
        target: `ratio ${ratio.toFixed(2)} (>= ${TARGET_RATIO.toFixed(2)})`,
        pass: ratio >= TARGET_RATIO,
      },
      {
        metric: 'MetaMap create non-2xx / errors / timeouts',
        measured: `${fmt(measured.non2xx)} / ${fmt(measured.errors)} / ${fmt(measured.timeouts)}`,
        baseline: `${fmt(baseline.non2xx)} / ${fmt(baseline.errors)} / ${fmt(baseline.timeouts)}`,
        target: 'all 0',
        pass: measured.non2xx + measured.errors + measured.timeouts === 0,
      },
      {
        metric: 'MetaMap create latency p50 / p99 (ms, worst round)',
        measured: `${measured.latencyP50} / ${measured.latencyP99}`,
        baseline: `${baseline.latencyP50} / ${baseline.latencyP99}`,
        target: 'info',
        pass: null,
      },
      {
        metric: '  create vs bare POST /echo (req/s)',
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
