// Target 1: POST /v1/user/invite throughput of an in-process kyc-sim, against a bare
// fastify hello-world (bench/throughput.ts: same process, same autocannon settings, 50
// connections, six rounds of 3 s per server after a 1 s warm-up, median of the rounds' ratios,
// load generator in a child process).
import { INVITE_BODY, startSim, type Row } from './lib.js';
import { benchThroughput, THROUGHPUT_DEFAULTS, type ThroughputOptions } from './throughput.js';

export type InviteOptions = ThroughputOptions;
export const INVITE_DEFAULTS: InviteOptions = THROUGHPUT_DEFAULTS;

export async function benchInvite(options: InviteOptions = INVITE_DEFAULTS): Promise<Row[]> {
  const sim = await startSim({ CLOCK: 'manual' });
  const json = { 'content-type': 'application/json' };
  try {
    return await benchThroughput(
      sim,
      {
        tag: 'invite',
        label: 'Invite',
        echoLabel: '  invite vs bare POST /echo (req/s)',
        created: 'sessions',
        targetRatio: 0.5,
        route: { name: 'kyc-sim POST /v1/user/invite', path: '/v1/user/invite', headers: json, body: JSON.stringify(INVITE_BODY) },
        echo: { name: 'bare fastify POST /echo (invite-sized JSON)', headers: json },
      },
      options,
    );
  } finally {
    await sim.close();
  }
}
