// GET /__admin/wait: the long-poll out-of-process tests use instead of sleeping.
import t, { type Test } from 'tap';
import { startReceiver } from '../support/receiver.js';
import { INVITE, startTestServer } from '../support/server.js';

async function setup(t: Test, env: Record<string, string> = {}) {
  const receiver = await startReceiver({ secret: 'wait-secret', signatureHeader: 'x-verifime-signature' });
  t.teardown(() => receiver.close());
  const server = await startTestServer(t, { VERIFIME_WEBHOOK_URL: receiver.url, VERIFIME_WEBHOOK_SECRET: 'wait-secret', ...env });
  const ref = (await server.call('POST', '/v1/user/invite', INVITE)).body.trackingReference as string;
  return { receiver, server, ref };
}

t.test('answers as soon as the matching delivery is recorded', async (t) => {
  const { server, ref } = await setup(t, { VERIFIME_INTERIM_EVENTS: 'false' });
  const started = performance.now();
  const waiting = server.call('GET', `/__admin/wait?session=${ref}&event=RISK_ASSESSMENT_UPDATED&delivered=true&timeout=10s`);
  await server.call('POST', `/__admin/sessions/${ref}/complete`, { scenario: 'medium' });
  await server.advance('3m');
  const res = await waiting;
  t.equal(res.status, 200);
  t.equal(res.body.matched, 1);
  t.equal(res.body.deliveries[0].sessionId, ref);
  t.equal(res.body.deliveries[0].state, 'delivered');
  t.equal(JSON.parse(res.body.deliveries[0].body).riskLevel, 'MEDIUM');
  t.ok(performance.now() - started < 5000, 'did not wait for the timeout');

  const again = await server.call('GET', `/__admin/wait?session=${ref}&delivered=true&timeout=1s`);
  t.equal(again.status, 200, 'an already recorded delivery answers at once');
});

t.test('count, status and state filters', async (t) => {
  const { receiver, server, ref } = await setup(t);
  receiver.script({ status: 500 });
  await server.call('POST', `/__admin/sessions/${ref}/complete`, { scenario: 'progressive' });
  await server.advance('10m'); // PENDING got 500; its retry is due at 15 minutes
  const failed = await server.call('GET', `/__admin/wait?session=${ref}&status=500&timeout=1s`);
  t.equal(failed.status, 200);
  t.equal(failed.body.deliveries[0].attempts[0].status, 500, 'status matches an attempt the receiver answered with it');
  const three = await server.call('GET', `/__admin/wait?session=${ref}&count=3&timeout=1s`);
  t.equal(three.body.matched, 3, 'PENDING, PRELIMINARY and ASSESSED');
  const pending = await server.call('GET', `/__admin/wait?session=${ref}&state=pending&timeout=1s`);
  t.equal(pending.body.deliveries[0].state, 'pending', 'the one that waits for its retry');
});

t.test('408 on timeout, 400 on nonsense, never a hang', async (t) => {
  const { server, ref } = await setup(t);
  const started = performance.now();
  const res = await server.call('GET', `/__admin/wait?session=${ref}&timeout=200ms`);
  t.equal(res.status, 408);
  t.equal(res.body.type, 'urn:kyc-sim:problem:wait-timeout');
  t.match(res.body.detail, /within 200ms/);
  t.ok(performance.now() - started >= 190, 'waited the timeout out');

  t.equal((await server.call('GET', '/__admin/wait?timeout=forever')).status, 400);
  t.equal((await server.call('GET', '/__admin/wait?timeout=11m')).status, 400);
  t.equal((await server.call('GET', '/__admin/wait?delivered=true&state=stopped')).status, 400);
  t.equal((await server.call('GET', '/__admin/wait?provider=nope')).status, 400);
  t.equal((await server.call('GET', '/__admin/wait?count=0')).status, 400);
  t.equal((await server.call('GET', '/__admin/wait?sesion=typo')).status, 400, 'unknown parameters are refused');
});

t.test('a closing server answers its waiting long-polls at once', async (t) => {
  const { server, ref } = await setup(t);
  const waiting = server.call('GET', `/__admin/wait?session=${ref}&timeout=60s`).catch((error: Error) => error);
  await new Promise((resolve) => setImmediate(resolve));
  const started = performance.now();
  await server.close();
  const res = await waiting;
  t.ok(performance.now() - started < 5000, 'close did not wait for the 60 s timeout');
  if (!(res instanceof Error)) t.equal(res.status, 503);
});
