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
import { startSim, type Row } from './lib.js';
import { benchThroughput, THROUGHPUT_DEFAULTS, type ThroughputOptions } from './throughput.js';

export type MetamapCreateOptions = ThroughputOptions;
export const METAMAP_CREATE_DEFAULTS: MetamapCreateOptions = THROUGHPUT_DEFAULTS;
export const METAMAP_FLOW_ID = '60b8fd58a87c30001b14dedd';
export const METAMAP_CREATE_BODY = { flowId: METAMAP_FLOW_ID, metadata: { userId: 'bench-user-42', plan: 'pro' } } as const;

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
  const sim = await startSim({ CLOCK: 'manual', LOG_LEVEL: 'error' });
  const json = { 'content-type': 'application/json' };
  try {
    const token = await metamapToken(sim.url);
    return await benchThroughput(
      sim,
      {
        tag: 'metamap-create',
        label: 'MetaMap create',
        echoLabel: '  create vs bare POST /echo (req/s)',
        created: 'verifications',
        targetRatio: 0.4,
        route: { name: 'kyc-sim POST /v2/verifications', path: '/v2/verifications', headers: { ...json, authorization: `Bearer ${token}` }, body: JSON.stringify(METAMAP_CREATE_BODY) },
        echo: { name: 'bare fastify POST /echo (same body)', headers: json },
      },
      options,
    );
  } finally {
    await sim.close();
  }
}
