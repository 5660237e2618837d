// kyc-sim trigger <provider> <scenario> against a real server (manual clock, in this process):
// it creates the session, completes Phase 1, prints every delivery attempt, moves the manual
// clock itself and exits when the timeline is done.
import t, { type Test } from 'tap';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { freePort, runCli } from '../support/cli.js';
import { startTestServer, type TestServer } from '../support/server.js';

const SECRETS = { verifime: 'trigger-verifime-secret', metamap: 'TriggerMetamapSecret1' };

async function setup(t: Test): Promise<{ server: TestServer; verifime: Receiver; metamap: Receiver }> {
  const server = await startTestServer(t);
  const verifime = await startReceiver({ secret: SECRETS.verifime, signatureHeader: 'X-VerifiMe-Signature' });
  const metamap = await startReceiver({ secret: SECRETS.metamap, signatureHeader: 'x-signature' });
  t.teardown(() => Promise.all([verifime.close(), metamap.close()]));
  for (const [provider, receiver] of [['verifime', verifime], ['metamap', metamap]] as const) {
    const res = await server.call('POST', '/__admin/webhooks', { provider, url: receiver.url, secret: SECRETS[provider] });
    if (res.status !== 201) throw new Error(`registration failed: ${JSON.stringify(res.body)}`);
  }
  return { server, verifime, metamap };
}

t.test('verifime: a whole flow, printed as it happens, with the manual clock moved', async (t) => {
  const { server, verifime } = await setup(t);
  const result = await runCli(t, ['trigger', 'verifime', 'progressive', '--url', server.url]);
  t.equal(result.code, 0, result.stderr);
  const lines = result.stdout.trim().split('\n');
  t.match(lines[0], /^kyc-sim trigger: verifime "progressive" against http:\/\/127\.0\.0\.1:\d+ \(manual clock\)$/);
  t.match(lines[1], /^created tracking reference [0-9a-f-]{36}$/);
  t.match(lines[2], /^completed Phase 1; Phase 2 runs scenario "progressive"$/);
  const attempts = lines.filter((l) => l.includes('RISK_ASSESSMENT_UPDATED'));
  t.equal(attempts.length, 3, 'one line per delivery attempt');
  for (const line of attempts) t.match(line, new RegExp(`^\\d\\d:\\d\\d:\\d\\d  RISK_ASSESSMENT_UPDATED  → ${verifime.url}  #1 HTTP 200 in [\\d.]+ ms: delivered$`));
  t.match(lines.at(-1), /^done: session finished, 3 timeline steps, 3 deliveries \(3 delivered\) in [\d.]+s$/);
  t.same(verifime.received.map((r) => r.json.assessmentStatus), ['PENDING', 'PRELIMINARY', 'ASSESSED']);
  t.ok(verifime.received.every((r) => r.signatureValid), 'every webhook is signed');
  const clock = await server.call('GET', '/__admin/clock');
  t.ok(Date.parse(clock.body.now) > Date.parse('2026-01-01T00:00:30Z'), 'trigger advanced the manual clock');
});

t.test('metamap: --json, one object per attempt, the resource through OAuth', async (t) => {
  const { server, metamap } = await setup(t);
  const result = await runCli(t, ['trigger', 'metamap', 'review-negligence', '--url', server.url, '--json']);
  t.equal(result.code, 0, result.stderr);
  const records = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);
  t.match(records[0], { type: 'start', provider: 'metamap', scenario: 'review-negligence', clock: 'manual', endpoints: 1 });
  t.match(records[1], { type: 'created', provider: 'metamap', id: /^[0-9a-f]{24}$/ });
  const attempts = records.filter((r) => r.type === 'attempt');
  t.equal(attempts[0].event, 'verification_started');
  t.equal(attempts.at(-1)?.event, 'verification_completed');
  t.ok(attempts.every((a) => a.status === 200 && a.outcome === 'delivered' && a.url === metamap.url));
  t.match(records.at(-1), { type: 'done', phase: 'finished', deliveries: { delivered: attempts.length } });
  t.equal(metamap.received.length, attempts.length, 'the receiver got every attempt');
  t.ok(metamap.received.every((r) => r.signatureValid), 'every webhook carries a valid x-signature');
  const completed = metamap.received.at(-1)!.json;
  t.equal(completed.identityStatus, 'reviewNeeded');
  t.equal((completed.metadata as Record<string, unknown>).scenario, 'review-negligence');
  const session = await server.call('GET', `/__admin/sessions/${records[1].id}`);
  t.equal(session.body.scenario, 'review-negligence');
});

t.test('retries and dead letters are printed, and the clock is moved through them', async (t) => {
  const { server, verifime } = await setup(t);
  verifime.script({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
  const result = await runCli(t, ['trigger', 'verifime', 'low', '--url', server.url]);
  t.equal(result.code, 0, result.stderr);
  const attempts = result.stdout.split('\n').filter((l) => l.includes('RISK_ASSESSMENT_UPDATED'));
  t.equal(attempts.length, 5, 'five attempts in all');
  t.match(attempts[0], /#1 HTTP 500 in [\d.]+ ms: retry, next attempt \d\d:\d\d:\d\d$/);
  t.match(attempts[4], /#5 HTTP 500 in [\d.]+ ms: dead-lettered \(/);
  t.match(result.stdout, /done: session finished, 1 timeline steps, 1 deliveries \(1 dead-lettered\)/);
});

t.test('an abandoning MetaMap customer: waits for verification_expired', async (t) => {
  const { server, metamap } = await setup(t);
  const result = await runCli(t, ['trigger', 'metamap', 'expired-abandoned', '--url', server.url]);
  t.equal(result.code, 0, result.stderr);
  t.match(result.stdout, /the customer abandons \(scenario "expired-abandoned"\); waiting for verification_expired/);
  t.match(result.stdout, /verification_expired  → .* delivered/);
  t.match(result.stdout, /done: session expired/);
  t.same(metamap.received.map((r) => r.json.eventName), ['verification_started', 'verification_expired']);
});

t.test('errors: unknown scenario (1), unknown provider (2), no server (1), no endpoint (a note)', async (t) => {
  const server = await startTestServer(t);
  const scenario = await runCli(t, ['trigger', 'verifime', 'hgih', '--url', server.url]);
  t.equal(scenario.code, 1);
  t.match(scenario.stderr, /unknown verifime scenario "hgih"; valid scenarios: .*high/);
  t.equal((await server.call('GET', '/__admin/sessions')).body.sessions.length, 0, 'nothing was created');
  const provider = await runCli(t, ['trigger', 'onfido', 'high']);
  t.equal(provider.code, 2);
  t.match(provider.stderr, /unknown provider "onfido"; valid providers: verifime, metamap/);
  const closed = await freePort();
  const down = await runCli(t, ['trigger', 'verifime', 'high', '--url', `http://127.0.0.1:${closed}`]);
  t.equal(down.code, 1);
  t.match(down.stderr, `cannot reach kyc-sim at http://127.0.0.1:${closed} (ECONNREFUSED)`);
  const quiet = await runCli(t, ['trigger', 'verifime', 'medium', '--url', server.url]);
  t.equal(quiet.code, 0, 'exit 0 without an endpoint');
  t.match(quiet.stderr, /no verifime webhook endpoint is registered/);
  t.match(quiet.stdout, /RISK_ASSESSMENT_UPDATED  \(recorded only: no webhook endpoint registered\)/);
  t.match(quiet.stdout, /done: session finished, 1 timeline steps, 0 deliveries \(none\)/);
});
