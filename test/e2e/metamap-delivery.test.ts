// MetaMap webhook delivery on the manual clock (reference/metamap-api.md §5.1): any non-2xx
// is retried 1, 3, 5, 7 and 10 minutes after the first failure, then the webhook is lost;
// and the same SEED plus the same requests give byte-identical webhooks.
import t from 'tap';
import type { Test } from 'tap';
import {
  createVerification,
  eventually,
  MIN,
  SEC,
  setupMetamap,
  T0,
  uploadPassportAndVideo,
  type Setup,
} from '../support/metamap.js';

interface Attempt { number: number; at: string; status: number | null; outcome: string; nextAttemptAt: string | null }
interface Delivery { eventName: string; state: string; nextAttemptAt: string | null; body: string; attempts: Attempt[] }

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A verification whose customer abandons (no event but verification_started for 30
 * minutes). verification_started goes out in the background, so wait for its first
 * attempt to be recorded before moving the clock.
 */
async function abandoned(t: Test, s: Setup) {
  const created = await createVerification(s.server, s.auth, { userId: 'u1', scenario: 'expired-abandoned' });
  t.equal(created.status, 200, 'created');
  const id: string = created.body.id;
  const deliveryOfStarted = async (): Promise<Delivery> => {
    const res = await s.server.call('GET', `/__admin/deliveries?session=${id}&event=verification_started`);
    return res.body.deliveries[0];
  };
  await eventually(async () => ((await deliveryOfStarted())?.attempts.length ?? 0) === 1);
  return { id, started: deliveryOfStarted };
}

t.test('500 then 200: the retry arrives 1 minute later with the same bytes', async (t) => {
  const s = await setupMetamap(t);
  s.receiver.script({ status: 500 });
  const { started } = await abandoned(t, s);
  let d = await started();
  t.match(d, { state: 'pending', nextAttemptAt: iso(T0 + MIN) }, 'next attempt announced at +1m');
  t.match(d.attempts[0], { status: 500, at: iso(T0), outcome: 'retry' });
  await s.server.advance('59s');
  t.equal(s.receiver.received.length, 1, 'nothing before 1 minute');
  await s.server.advance('1s');
  t.equal(s.receiver.received.length, 2, 'retried at exactly 1 minute');
  d = await started();
  t.equal(d.state, 'delivered');
  t.same(d.attempts.map((a) => [a.at, a.status]), [[iso(T0), 500], [iso(T0 + MIN), 200]]);
  const [one, two] = s.receiver.received;
  t.equal(two.body, one.body, 'byte-identical body');
  t.equal(two.headers['x-signature'], one.headers['x-signature'], 'same signature');
  t.ok(one.signatureValid && two.signatureValid, 'both signed');
});

t.test('always failing: attempts at +1, +3, +5, +7 and +10 minutes, then dead-lettered', async (t) => {
  const s = await setupMetamap(t);
  s.receiver.script(...Array.from({ length: 6 }, () => ({ status: 503 })));
  const { started } = await abandoned(t, s);
  let elapsed = 0;
  for (const [i, offset] of [1, 3, 5, 7, 10].entries()) {
    await s.server.advance(`${(offset * MIN - elapsed - SEC) / SEC}s`);
    t.equal(s.receiver.received.length, i + 1, `no attempt ${i + 2} before +${offset}m`);
    await s.server.advance('1s');
    elapsed = offset * MIN;
    t.equal(s.receiver.received.length, i + 2, `attempt ${i + 2} at +${offset}m`);
  }
  const d = await started();
  t.equal(d.attempts.length, 6, '6 attempts in all');
  t.same(d.attempts.map((a) => a.at), [0, 1, 3, 5, 7, 10].map((m) => iso(T0 + m * MIN)), 'cumulative schedule from the first failure');
  t.same(d.attempts.map((a) => a.status), [503, 503, 503, 503, 503, 503]);
  t.equal(d.state, 'dead-lettered', 'then dead-lettered');
  t.equal(d.nextAttemptAt, null, 'nothing more announced');
  t.equal(d.attempts[5].outcome, 'dead-lettered');
  const listed = await s.server.call('GET', '/__admin/deliveries?state=dead-lettered');
  t.equal(listed.body.deliveries.length, 1, 'listed among dead-lettered deliveries');
  await s.server.advance('15m');
  t.equal((await started()).attempts.length, 6, 'never attempted again');
  t.ok(s.receiver.received.every((r) => r.body === s.receiver.received[0].body), 'every attempt sent the same bytes');
});

t.test('a 404 is retried too (MetaMap retries any non-2xx)', async (t) => {
  const s = await setupMetamap(t);
  s.receiver.script({ status: 404 });
  const { started } = await abandoned(t, s);
  t.match(await started(), { state: 'pending', nextAttemptAt: iso(T0 + MIN) }, 'pending after a 404');
  await s.server.advance('1m');
  const d = await started();
  t.same(d.attempts.map((a) => a.status), [404, 200], 'retried after 1 minute');
  t.equal(d.state, 'delivered');
});

t.test('a slow receiver counts as a failure too', async (t) => {
  const s = await setupMetamap(t, { WEBHOOK_TIMEOUT: '200ms' });
  s.receiver.script({ status: 200, delayMs: 1000 });
  const { started } = await abandoned(t, s);
  const d = await started();
  t.match(d, { state: 'pending', nextAttemptAt: iso(T0 + MIN) }, 'timed out → retried');
  t.equal(d.attempts[0].status, null, 'no status recorded for a timeout');
});

/** A fixed script: two verifications, uploads, an admin completion, the clock, a status change. */
async function script(t: Test, s: Setup) {
  const responses: string[] = [];
  const text = async (res: Response) => {
    responses.push(await res.text());
    return JSON.parse(responses.at(-1) as string) as Record<string, any>;
  };
  const post = (path: string, body: object) =>
    fetch(s.server.url + path, { method: 'POST', headers: { ...s.auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const a = await text(await post('/v2/verifications', { flowId: '60b8fd58a87c30001b14dedd', metadata: { userId: 'u1' } }));
  await s.receiver.waitFor(1);
  responses.push(JSON.stringify((await uploadPassportAndVideo(s.server, s.auth, a.identity)).body));
  await s.server.advance('30s');
  const b = await text(await post('/v2/verifications', { flowId: '60b8fd58a87c30001b14dedd', metadata: { userId: 'u2', scenario: 'rejected-fraud' } }));
  await s.receiver.waitFor(s.receiver.received.length + 1);
  t.equal((await s.server.call('POST', `/__admin/sessions/${b.id}/complete`, {})).status, 200, 'admin complete');
  await s.server.advance('3m');
  t.equal((await s.server.call('PUT', `/v2/verifications/${b.id}/status`, { status: 'verified' }, s.auth)).status, 200, 'status change');
  for (const id of [a.id, b.id]) await text(await fetch(`${s.server.url}/v2/verifications/${id}`, { headers: s.auth }));
  return { responses, hooks: s.receiver.received.map((r) => ({ body: r.body, signature: r.headers['x-signature'] })) };
}

t.test('SEED=5 twice: identical responses and webhook bytes', async (t) => {
  const env = { SEED: '5', PUBLIC_URL: 'http://kyc.test' };
  const one = await script(t, await setupMetamap(t, env));
  const two = await script(t, await setupMetamap(t, env));
  t.equal(one.hooks.length, 23, '2 × (started, inputs completed, 8 steps, completed) + verification_updated');
  t.same(two.hooks, one.hooks, 'the same webhook bodies and signatures');
  t.same(two.responses, one.responses, 'the same API responses');
  t.ok(one.hooks.every((h) => h.body.includes('http://kyc.test/v2/verifications/')), 'PUBLIC_URL in every resource');
  const other = await script(t, await setupMetamap(t, { ...env, SEED: '6' }));
  t.not(other.responses[0], one.responses[0], 'another seed gives other ids');
});
