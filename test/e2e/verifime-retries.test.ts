// VerifiMe webhook retries (reference/verifime-api.md §6.4) on the manual clock, through
// the real server and a real receiver. Every session's verdict is due 1 minute after it
// completes (PHASE2_DELAY=1m), so the first attempt is at 00:01:00 simulated time.
import t from 'tap';
import type { Test } from 'tap';
import { startReceiver, type Reply } from '../support/receiver.js';
import { setupVerifime, VERIFIME_HEADER } from '../support/verifime.js';

const SECRET = 'whsec-retries';
const MIN = 60_000;
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const FIRST = T0 + MIN;
const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));

interface Attempt { number: number; at: string; status: number | null; error: string | null; latencyMs: number; outcome: string; reason: string | null; nextAttemptAt: string | null }
interface Delivery { id: string; eventId: string; state: string; reason: string | null; nextAttemptAt: string | null; body: string; attempts: Attempt[]; attemptCount: number }

async function setup(t: Test, env: Record<string, string> = {}) {
  const { server, receiver, session } = await setupVerifime(t, SECRET, { WEBHOOK_TIMEOUT: '300ms', ...env });
  const deliveries = async (ref: string): Promise<Delivery[]> => {
    const res = await server.call('GET', `/__admin/deliveries?session=${ref}`);
    return res.body.deliveries;
  };
  const delivery = async (ref: string): Promise<Delivery> => (await deliveries(ref))[0];
  const gaps = (d: Delivery) => d.attempts.slice(1).map((a, i) => (ms(a.at)! - ms(d.attempts[i].at)!) / MIN);
  return { server, receiver, session, deliveries, delivery, gaps };
}

t.test('500 then 200: retried exactly 15 minutes later with the same bytes and eventId', async (t) => {
  const { server, receiver, session, delivery } = await setup(t);
  receiver.script({ status: 500 });
  const ref = await session();
  await server.advance('1m');
  t.equal(receiver.received.length, 1, 'first attempt at +1m');
  let d = await delivery(ref);
  t.equal(d.state, 'pending');
  t.equal(ms(d.attempts[0].at), FIRST);
  t.equal(ms(d.nextAttemptAt), FIRST + 15 * MIN, 'next attempt announced at +15m');
  await server.advance('14m59s');
  t.equal(receiver.received.length, 1, 'nothing before 15 minutes');
  await server.advance('1s');
  t.equal(receiver.received.length, 2, 'second attempt at exactly 15 minutes');
  d = await delivery(ref);
  t.equal(d.state, 'delivered');
  t.equal(ms(d.attempts[1].at), FIRST + 15 * MIN);
  t.same(d.attempts.map((a) => a.status), [500, 200]);
  t.equal(d.nextAttemptAt, null);
  const [one, two] = receiver.received;
  t.equal(two.body, one.body, 'byte-identical body');
  t.equal(two.json.eventId, one.json.eventId, 'same eventId');
  t.equal(two.headers['x-verifime-signature'], one.headers['x-verifime-signature'], 'same signature');
  t.ok(one.signatureValid && two.signatureValid);
  t.equal(d.body, one.body, 'ledger keeps the exact bytes sent');
});

t.test('401 stops delivery for good', async (t) => {
  const { server, receiver, session, delivery } = await setup(t);
  receiver.script({ status: 401 });
  const ref = await session();
  await server.advance('1m');
  const d = await delivery(ref);
  t.equal(d.state, 'stopped');
  t.equal(d.nextAttemptAt, null);
  t.match(d.reason, /401/);
  await server.advance('2h');
  t.equal(receiver.received.length, 1, 'never retried');
  t.equal((await delivery(ref)).attempts.length, 1);
});

t.test('other 4xx are permanent, 408 is retried', async (t) => {
  const { server, receiver, session, delivery } = await setup(t);
  const permanent = [400, 403, 404, 409, 410, 422];
  const refs: string[] = [];
  for (const status of [...permanent, 408]) refs.push(await session('low', { status }));
  await server.advance('1m');
  t.equal(receiver.received.length, permanent.length + 1, 'one first attempt per session, in completion order');
  for (const [i, status] of permanent.entries()) {
    const d = await delivery(refs[i]);
    t.same([d.attempts[0].status, d.state, d.nextAttemptAt], [status, 'stopped', null], `${status} → stopped`);
  }
  const timeout = await delivery(refs[permanent.length]);
  t.same([timeout.attempts[0].status, timeout.state], [408, 'pending'], '408 → pending');
  t.equal(ms(timeout.nextAttemptAt), FIRST + 15 * MIN);
  await server.advance('2h');
  t.equal(receiver.received.length, permanent.length + 2, 'only the 408 delivery was retried');
  t.equal((await delivery(refs[permanent.length])).state, 'delivered');
});

t.test('5xx without Retry-After use the normal backoff', async (t) => {
  const { server, receiver, session, delivery } = await setup(t);
  const statuses = [500, 502, 503, 504, 429];
  const refs: string[] = [];
  for (const status of statuses) refs.push(await session('low', { status }));
  await server.advance('1m');
  for (const [i, status] of statuses.entries()) {
    const d = await delivery(refs[i]);
    t.same([d.attempts[0].status, d.state, ms(d.nextAttemptAt)], [status, 'pending', FIRST + 15 * MIN], `${status} → retry in 15m`);
  }
});

t.test('Retry-After on 429 and 503 sets the wait, capped at 12 hours', async (t) => {
  const { server, receiver, session, delivery } = await setup(t);
  // An HTTP date is on the receiver's clock: these receivers answer with a Date header of
  // their own (a fixed day unrelated to the simulated time) and a Retry-After relative to it.
  const RECEIVER_NOW = Date.parse('2030-06-15T12:00:00Z');
  const dated = (status: number, ahead: number): Reply => ({
    status,
    headers: { Date: new Date(RECEIVER_NOW).toUTCString(), 'Retry-After': new Date(RECEIVER_NOW + ahead).toUTCString() },
  });
  const cases: [string, Reply, number][] = [
    ['429, 120 seconds', { status: 429, headers: { 'Retry-After': '120' } }, 2 * MIN],
    ['429, HTTP date 5 minutes ahead', dated(429, 5 * MIN), 5 * MIN],
    ['503, 300 seconds', { status: 503, headers: { 'Retry-After': '300' } }, 5 * MIN],
    ['503, HTTP date 1 hour ahead', dated(503, 60 * MIN), 60 * MIN],
    ['429, 24 hours → 12 hours', { status: 429, headers: { 'Retry-After': String(24 * 3600) } }, 12 * 60 * MIN],
    ['503, date 2 days ahead → 12 hours', dated(503, 2 * 1440 * MIN), 12 * 60 * MIN],
    ['429, date in the past → now', dated(429, -10 * MIN), 0],
    ['500 ignores Retry-After', { status: 500, headers: { 'Retry-After': '120' } }, 15 * MIN],
    ['429, unparseable Retry-After → backoff', { status: 429, headers: { 'Retry-After': 'soon' } }, 15 * MIN],
  ];
  const refs: string[] = [];
  for (const [, reply] of cases) refs.push(await session('low', reply));
  await server.advance('1m');
  for (const [i, [name, , wait]] of cases.entries()) {
    const d = await delivery(refs[i]);
    const retried = d.attempts.length === 2 ? ms(d.attempts[1].at) : ms(d.nextAttemptAt);
    t.equal(retried, FIRST + wait, name);
  }
});

t.test("an HTTP-date Retry-After from a receiver on wall-clock time waits what it says, whatever the simulated time", async (t) => {
  const { server, receiver, session, delivery } = await setup(t);
  // No Date override: Node stamps the answer with the wall clock, months from the simulated T0.
  receiver.script({ status: 503, headers: { 'Retry-After': new Date(Date.now() + 5 * MIN).toUTCString() } });
  const ref = await session();
  await server.advance('1m');
  const wait = (ms((await delivery(ref)).nextAttemptAt) ?? Number.NaN) - FIRST;
  t.ok(wait > 4 * MIN && wait <= 5 * MIN, `retried about 5 minutes later on the simulated clock (${wait / 1000} s), not after the 12-hour cap`);
});

t.test('429 with Retry-After: 120 is attempted again after 2 minutes, not 15', async (t) => {
  const { server, receiver, session, delivery } = await setup(t);
  receiver.script({ status: 429, headers: { 'Retry-After': '120' } });
  const ref = await session();
  await server.advance('1m');
  await server.advance('1m59s');
  t.equal(receiver.received.length, 1, 'not before 2 minutes');
  await server.advance('1s');
  t.equal(receiver.received.length, 2, 'at 2 minutes');
  const d = await delivery(ref);
  t.equal(d.state, 'delivered');
  t.match(d.attempts[0].reason, /Retry-After/);
});

t.test('Retry-After above 12 hours: the next attempt comes at 12 hours', async (t) => {
  const { server, receiver, session, delivery } = await setup(t);
  receiver.script({ status: 503, headers: { 'Retry-After': String(48 * 3600) } });
  const ref = await session();
  await server.advance('1m');
  await server.advance('11h59m59s');
  t.equal(receiver.received.length, 1);
  await server.advance('1s');
  t.equal(receiver.received.length, 2);
  t.equal((await delivery(ref)).state, 'delivered');
});

t.test('timeouts and connection errors are retried', async (t) => {
  const { server, receiver, session, delivery } = await setup(t);
  receiver.script({ delayMs: 1500 }, { destroy: true });
  const slow = await session();
  const reset = await session();
  await server.advance('1m');
  const timedOut = await delivery(slow);
  t.same([timedOut.state, timedOut.attempts[0].status], ['pending', null], 'timeout → pending');
  t.match(timedOut.attempts[0].error, /timeout/);
  t.ok(timedOut.attempts[0].latencyMs >= 250, `the attempt waited for the timeout (${timedOut.attempts[0].latencyMs} ms)`);
  t.equal(ms(timedOut.nextAttemptAt), FIRST + 15 * MIN);
  const dropped = await delivery(reset);
  t.same([dropped.state, dropped.attempts[0].status], ['pending', null], 'socket closed → pending');
  t.match(dropped.attempts[0].error, /connection error/);
  t.equal(ms(dropped.nextAttemptAt), FIRST + 15 * MIN);
  await server.advance('15m');
  t.equal((await delivery(slow)).state, 'delivered');
  t.equal((await delivery(reset)).state, 'delivered');
});

t.test('a closed port is a connection error and is retried', async (t) => {
  const gone = await startReceiver({ secret: SECRET, signatureHeader: VERIFIME_HEADER });
  await gone.close();
  const { server, receiver, session, delivery } = await setup(t, { VERIFIME_WEBHOOK_URL: gone.url });
  const ref = await session();
  await server.advance('1m');
  const d = await delivery(ref);
  t.same([d.state, d.attempts[0].status], ['pending', null]);
  t.match(d.attempts[0].error, /connection error/);
  await server.advance('15m');
  t.equal((await delivery(ref)).attempts.length, 2, 'attempted again after 15 minutes');
  t.equal(receiver.received.length, 0);
});

t.test('5 attempts in all, then dead-lettered; every attempt recorded', async (t) => {
  const { server, receiver, session, delivery, gaps } = await setup(t);
  receiver.script(...Array.from({ length: 5 }, () => ({ status: 500 })));
  const ref = await session();
  await server.advance('1m');
  await server.advance('1h');
  t.equal(receiver.received.length, 5);
  const d = await delivery(ref);
  t.equal(d.state, 'dead-lettered');
  t.equal(d.attemptCount, 5);
  t.same(gaps(d), [15, 15, 15, 15]);
  t.same(d.attempts.map((a) => a.number), [1, 2, 3, 4, 5]);
  t.same(d.attempts.map((a) => a.outcome), ['retry', 'retry', 'retry', 'retry', 'dead-lettered']);
  for (const [i, a] of d.attempts.entries()) {
    t.equal(a.status, 500, `attempt ${a.number} status`);
    t.ok(typeof a.latencyMs === 'number' && a.latencyMs >= 0, `attempt ${a.number} latencyMs`);
    t.equal(ms(a.nextAttemptAt), i < 4 ? ms(d.attempts[i + 1].at) : null, `attempt ${a.number} nextAttemptAt`);
  }
  t.equal(d.nextAttemptAt, null);
  t.match(d.reason, /5 attempts/);
  const detail = await server.call('GET', `/__admin/sessions/${ref}`);
  t.same(detail.body.deliveries, [d], 'the session view shows the same delivery and attempts');
  t.equal(detail.body.pendingDeliveries, 0);
  await server.advance('2h');
  t.equal(receiver.received.length, 5, 'no sixth attempt');
  t.equal(new Set(receiver.received.map((r) => r.body)).size, 1, 'one body for every attempt');
});

t.test('four failures then a 200 on the fifth attempt is delivered', async (t) => {
  const { server, receiver, session, delivery } = await setup(t);
  receiver.script({ status: 500 }, { status: 502 }, { status: 408 }, { status: 504 });
  const ref = await session();
  await server.advance('1m');
  await server.advance('1h');
  const d = await delivery(ref);
  t.same(d.attempts.map((a) => a.status), [500, 502, 408, 504, 200]);
  t.equal(d.state, 'delivered');
});

t.test('VERIFIME_RETRY_MULTIPLIER=2 waits 15, 30, 60, 120 minutes', async (t) => {
  const { server, receiver, session, delivery, gaps } = await setup(t, { VERIFIME_RETRY_MULTIPLIER: '2' });
  receiver.script(...Array.from({ length: 5 }, () => ({ status: 500 })));
  const ref = await session();
  await server.advance('1m');
  await server.advance('44m59s');
  t.equal(receiver.received.length, 2, '15 minutes, then 30 not yet');
  await server.advance('4h');
  const d = await delivery(ref);
  t.same(gaps(d), [15, 30, 60, 120]);
  t.equal(d.state, 'dead-lettered');
});

t.test('a slow receiver does not hold up another endpoint', async (t) => {
  const { server, receiver: slow, session, deliveries } = await setup(t, { WEBHOOK_TIMEOUT: '1s' });
  slow.script({ delayMs: 3000 });
  const fast = await startReceiver({ secret: 'whsec-fast', signatureHeader: VERIFIME_HEADER });
  t.teardown(() => fast.close());
  const registered = await server.call('POST', '/__admin/webhooks', { provider: 'verifime', url: fast.url, secret: 'whsec-fast' });
  t.equal(registered.status, 201);
  const ref = await session();
  const started = performance.now();
  const arrived = fast.waitFor(1, 5000).then(() => performance.now() - started);
  await server.advance('1m');
  const total = performance.now() - started;
  const fastMs = await arrived;
  t.ok(fastMs < 600, `the fast receiver got its webhook in ${Math.round(fastMs)} ms`);
  t.ok(total >= 950, `the advance waited for the slow receiver's timeout (${Math.round(total)} ms)`);
  t.ok(fast.received[0].signatureValid, 'signed with the endpoint secret given at registration');
  const states = Object.fromEntries((await deliveries(ref)).map((d) => [d.attempts[0].status ?? 'timeout', d.state]));
  t.same(states, { 200: 'delivered', timeout: 'pending' });
  t.equal(slow.received[0].body, fast.received[0].body, 'both endpoints get the same bytes');
});
