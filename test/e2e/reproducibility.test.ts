// SEED makes a run reproducible: the same requests against two servers give the same
// bytes; generated values are keyed by session, not by what happened before; reset
// returns to the start-up state.
import t from 'tap';
import type { Test } from 'tap';
import { startReceiver, type Received } from '../support/receiver.js';
import { INVITE, startTestServer, type TestServer } from '../support/server.js';

const SECRET = 'whsec-repro';
const HEADER = 'X-VerifiMe-Signature';

async function setup(t: Test, seed: string) {
  const receiver = await startReceiver({ secret: SECRET, signatureHeader: HEADER });
  t.teardown(() => receiver.close());
  const server = await startTestServer(t, {
    SEED: seed,
    // A fixed PUBLIC_URL keeps the port out of invite URLs and payloads.
    PUBLIC_URL: 'http://kyc-sim.test',
    VERIFIME_WEBHOOK_URL: receiver.url,
    VERIFIME_WEBHOOK_SECRET: SECRET,
    PHASE2_DELAY: '1m-3m',
  });
  return { server, receiver };
}

/** The exact response text of an invite (no parsing, so bytes are compared). */
async function inviteText(t: Test, server: TestServer, body: object = INVITE): Promise<string> {
  const res = await fetch(`${server.url}/v1/user/invite`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  t.equal(res.status, 200, 'invite created');
  return res.text();
}

const refOf = (text: string): string => (JSON.parse(text) as { trackingReference: string }).trackingReference;

async function complete(t: Test, server: TestServer, ref: string, scenario = 'progressive'): Promise<void> {
  const res = await server.call('POST', `/__admin/sessions/${ref}/complete`, { scenario });
  t.equal(res.status, 200, `completed ${ref}`);
}

/** A fixed script: three invites (one with a known name), two completed, all webhooks fired. */
async function script(t: Test, server: TestServer): Promise<{ invites: string[] }> {
  const invites = [
    await inviteText(t, server),
    await inviteText(t, server, { ...INVITE, referenceData: 'order-7', customerContext: { firstName: 'Ada', familyName: 'Lovelace' } }),
    await inviteText(t, server, { email: 'someone@example.com', code: 'KYCSIM', referenceData: 'scenario=high' }),
  ];
  await complete(t, server, refOf(invites[0]));
  await server.advance('10s');
  await complete(t, server, refOf(invites[2]), 'high');
  await server.advance('5m');
  return { invites };
}

const signed = (r: Received) => ({ body: r.body, signature: r.headers['x-verifime-signature'] });

t.test('the same SEED and requests give byte-identical responses and webhooks', async (t) => {
  const a = await setup(t, '7');
  const b = await setup(t, '7');
  const runA = await script(t, a.server);
  const runB = await script(t, b.server);
  t.same(runB.invites, runA.invites, 'invite responses are byte-identical');
  t.equal(a.receiver.received.length, 4, 'progressive sends 3 events, high sends 1');
  t.same(b.receiver.received.map(signed), a.receiver.received.map(signed), 'webhook bodies and signatures are byte-identical');
  t.ok(a.receiver.received.every((r) => r.signatureValid));
  const detail = async (s: TestServer, ref: string) => (await s.call('GET', `/__admin/sessions/${ref}`)).body;
  const ref = refOf(runA.invites[0]);
  const [da, db] = [await detail(a.server, ref), await detail(b.server, ref)];
  t.same(db.timeline, da.timeline, 'sampled delays within PHASE2_DELAY match');
  t.same(db.verifime, da.verifime, 'generated customer and assessment match');
  const health = await a.server.call('GET', '/__admin/health');
  t.equal(health.body.seed, '7');
});

t.test('a different SEED gives different ids and generated values', async (t) => {
  const a = await setup(t, '7');
  const b = await setup(t, '8');
  const runA = await script(t, a.server);
  const runB = await script(t, b.server);
  for (const i of [0, 1, 2]) t.not(refOf(runB.invites[i]), refOf(runA.invites[i]), `invite ${i + 1} has another reference`);
  const [ha, hb] = [a.receiver.received[0].json, b.receiver.received[0].json];
  t.not(hb.eventId, ha.eventId, 'eventId differs');
  t.not(hb.customerName, ha.customerName, 'generated customerName differs');
  t.not(b.receiver.received[0].body, a.receiver.received[0].body);
});

t.test("a session's generated values do not depend on other sessions' activity", async (t) => {
  const a = await setup(t, '7');
  const b = await setup(t, '7');
  // Both create three invites, so the Nth invite has the same reference on both servers.
  const refsA = [await inviteText(t, a.server), await inviteText(t, a.server), await inviteText(t, a.server)].map(refOf);
  const refsB = [await inviteText(t, b.server), await inviteText(t, b.server), await inviteText(t, b.server)].map(refOf);
  t.same(refsB, refsA, 'tracking references are sequential per seed');
  const target = refsA[1];

  // Server A: only the target session completes.
  await complete(t, a.server, target, 'low');
  await a.server.advance('5m');
  // Server B: the other two complete first, with their webhooks fired, then the target.
  await complete(t, b.server, refsB[2], 'progressive');
  await complete(t, b.server, refsB[0], 'high');
  await b.server.advance('7m');
  const before = b.receiver.received.length;
  t.ok(before >= 4, 'other sessions produced webhooks first');
  await complete(t, b.server, target, 'low');
  await b.server.advance('5m');

  const hookA = a.receiver.received[0].json;
  const hookB = b.receiver.received[before].json;
  t.equal(hookA.assessmentPortalUrl, hookB.assessmentPortalUrl, 'same session on both servers');
  t.equal(hookB.customerName, hookA.customerName, 'same generated customerName');
  t.equal(hookB.eventId, hookA.eventId, 'same eventId');
  t.not(hookB.eventTimestamp, hookA.eventTimestamp, 'the clock differed (it was a different history)');
});

t.test('POST /__admin/reset returns to the start-up state', async (t) => {
  const { server, receiver } = await setup(t, '7');
  const first = await script(t, server);
  const hooks = receiver.received.map(signed);
  t.equal(hooks.length, 4);

  // Leave work waiting on the clock: a session mid-Phase-2 must not fire after the reset.
  const pendingRef = refOf(await inviteText(t, server));
  await complete(t, server, pendingRef, 'slow');

  const reset = await server.call('POST', '/__admin/reset');
  t.equal(reset.status, 200);
  t.equal(reset.body.clock.now, '2026-01-01T00:00:00.000Z', 'the clock is back at its start');
  t.equal(reset.body.clock.pendingTasks, 0, 'nothing left on the clock');
  t.same((await server.call('GET', '/__admin/sessions')).body.sessions, []);
  t.same((await server.call('GET', '/__admin/deliveries')).body.deliveries, []);
  const webhooks = (await server.call('GET', '/__admin/webhooks')).body.webhooks;
  t.same(webhooks.map((w: { url: string; source: string }) => [w.url, w.source]), [[receiver.url, 'config']], 'configured endpoint registered again');
  t.equal((await server.call('GET', `/v1/user/signup/tracking/${pendingRef}/status`)).status, 404, 'old sessions are gone');

  receiver.received.length = 0;
  const second = await script(t, server);
  t.same(second.invites, first.invites, 'the same ids and responses again');
  t.same(receiver.received.map(signed), hooks, 'the same webhooks again');
  await server.advance('10m');
  t.equal(receiver.received.length, 4, 'the reset slow session never fires');
});

t.test('a reset while a delivery attempt is in flight leaves nothing of the old run behind', async (t) => {
  const { server, receiver } = await setup(t, '7');
  receiver.script({ status: 500, delayMs: 300 });
  const ref = refOf(await inviteText(t, server));
  await complete(t, server, ref, 'low');
  const advancing = server.advance('5m');
  await receiver.waitFor(1);
  t.equal((await server.call('POST', '/__admin/reset')).status, 200, 'reset while the receiver is still answering');
  await advancing;

  const clock = (await server.call('GET', '/__admin/clock')).body;
  t.equal(clock.now, '2026-01-01T00:00:00.000Z', 'the clock stays at its start after the old advance ends');
  t.equal(clock.pendingTasks, 0, 'the failed old attempt scheduled no retry');
  await server.advance('1h');
  t.equal(receiver.received.length, 1, 'the old event is never sent again');
  t.equal((await server.call('GET', '/__admin/health')).body.pendingDeliveries, 0, 'the pending count is not corrupted');
});
