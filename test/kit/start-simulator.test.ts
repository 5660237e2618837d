// The in-process test kit, imported the way a consumer imports it ('kyc-sim/testing'):
// typed handle, manual clock, waiting for deliveries, isolation of two simulators, reset.
import t from 'tap';
import { startSimulator } from 'kyc-sim/testing';
import { startReceiver } from '../support/receiver.js';

const invite = (url: string, body: Record<string, unknown>) =>
  fetch(`${url}/v1/user/invite`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
    async (r) => (await r.json()) as { trackingReference: string },
  );

t.test('a VerifiMe flow driven through the handle, without sleeping', async (t) => {
  const receiver = await startReceiver({ secret: 'kit-secret', signatureHeader: 'x-verifime-signature' });
  t.teardown(() => receiver.close());
  const sim = await startSimulator({ webhooks: [{ provider: 'verifime', url: receiver.url, secret: 'kit-secret' }] });
  t.teardown(() => sim.close());

  t.match(sim.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  t.equal(sim.seed, '1');
  t.equal(sim.verifime.organisationCode, 'KYCSIM');
  t.equal(sim.metamap.flowId, '60b8fd58a87c30001b14dedd');
  t.equal(sim.now(), '2026-01-01T00:00:00.000Z', 'manual clock by default');

  const { trackingReference } = await invite(sim.url, { email: 'kit@example.com', code: sim.verifime.organisationCode });
  t.equal(sim.session(trackingReference).phase, 'created');
  const completed = await sim.complete(trackingReference, { scenario: 'high' });
  t.equal(completed.scenario, 'high');
  t.same(sim.deliveries({ sessionId: trackingReference }), [], 'nothing sent before the delay');

  await sim.advance('3m');
  const delivery = await sim.waitForDelivery({ sessionId: trackingReference, eventName: 'RISK_ASSESSMENT_UPDATED', status: 'delivered' });
  t.equal(JSON.parse(delivery.body).riskLevel, 'HIGH');
  t.equal(delivery.attempts[0].status, 200);
  t.ok(receiver.received.at(-1)?.signatureValid, 'the receiver checked the signature itself');
  t.equal(sim.deliveries({ status: 200 }).length, sim.deliveries().length, 'status may be an HTTP status');
  t.equal(sim.sessions('verifime').length, 1);
});

t.test('waitForDelivery resolves when a real-clock delivery lands, and says what it saw on timeout', async (t) => {
  const receiver = await startReceiver({ secret: 's', signatureHeader: 'x-verifime-signature' });
  t.teardown(() => receiver.close());
  const sim = await startSimulator({ clock: 'real', env: { PHASE2_DELAY: '50ms', VERIFIME_INTERIM_EVENTS: 'false' } });
  t.teardown(() => sim.close());
  const hook = sim.registerWebhook({ provider: 'verifime', url: receiver.url });
  t.match(hook.secret, /.{8,}/, 'a secret is generated when none is given');

  const { trackingReference } = await invite(sim.url, { email: 'real@example.com', code: 'KYCSIM' });
  const waiting = sim.waitForDelivery({ sessionId: trackingReference, status: 'delivered', timeout: '5s' });
  await sim.complete(trackingReference);
  const delivery = await waiting;
  t.equal(delivery.eventName, 'RISK_ASSESSMENT_UPDATED');

  await t.rejects(
    sim.waitForDelivery({ sessionId: trackingReference, eventName: 'NO_SUCH_EVENT', timeout: 100 }),
    /no delivery matching .*NO_SUCH_EVENT.* within 100 ms; recorded for that session: RISK_ASSESSMENT_UPDATED→delivered \(200\)/,
  );
  await t.rejects(sim.advance('1m'), /CLOCK=manual/, 'advance needs the manual clock');
});

t.test('two simulators in one process share nothing; reset keeps start-up webhooks', async (t) => {
  const a = await startSimulator({ seed: 7, webhooks: [{ provider: 'verifime', url: 'http://127.0.0.1:9/unused', secret: 'a' }] });
  const b = await startSimulator({ seed: 7 });
  t.teardown(async () => {
    await a.close();
    await b.close();
  });
  t.not(a.url, b.url);
  const refA = (await invite(a.url, { email: 'a@example.com', code: 'KYCSIM' })).trackingReference;
  const refB = (await invite(b.url, { email: 'a@example.com', code: 'KYCSIM' })).trackingReference;
  t.equal(refA, refB, 'the same seed gives the same ids');
  await a.advance('1h');
  t.equal(a.now(), '2026-01-01T01:00:00.000Z');
  t.equal(b.now(), '2026-01-01T00:00:00.000Z', 'the other clock did not move');
  t.equal(b.sessions().length, 1);
  t.throws(() => b.session('00000000-0000-4000-8000-000000000000'), /no session/);

  const extra = a.registerWebhook({ provider: 'metamap', url: 'http://127.0.0.1:9/extra' });
  await a.reset();
  t.equal(a.sessions().length, 0);
  t.equal(a.now(), '2026-01-01T00:00:00.000Z');
  const urls = a.simulator.endpoints.list().map((e) => e.url);
  t.ok(urls.includes('http://127.0.0.1:9/unused'), 'start-up webhook registered again');
  t.notOk(urls.includes(extra.url), 'webhooks registered later are gone');
  t.equal(b.sessions().length, 1, 'the other simulator kept its session');
});

t.test('the package entry exports the kit and the webhook checker', async (t) => {
  const root = await import('kyc-sim');
  t.type(root.startSimulator, 'function');
  t.type(root.checkWebhook, 'function');
  t.type(root.loadConfig, 'function');
});
