// Manual clock with sessions due at the same instant: their first attempts go out
// concurrently (bounded by DELIVERY_CONCURRENCY per endpoint), each session's own steps stay
// in order, and a reset while attempts are still queued leaves nothing hanging.
import t from 'tap';
import type { Test } from 'tap';
import { setupVerifime } from '../support/verifime.js';

const SECRET = 'whsec-concurrent';

const setup = (t: Test, env: Record<string, string> = {}) => setupVerifime(t, SECRET, env);

t.test('sessions due at the same instant are delivered concurrently', async (t) => {
  const { server, receiver, session } = await setup(t, { DELIVERY_CONCURRENCY: '8' });
  receiver.script(...Array.from({ length: 8 }, () => ({ delayMs: 300 })));
  const refs: string[] = [];
  for (let i = 0; i < 8; i += 1) refs.push(await session('low'));
  const began = performance.now();
  await server.advance('1m');
  const took = performance.now() - began;
  t.equal(receiver.received.length, 8, 'every first attempt made within the advance');
  t.ok(took < 8 * 300, `8 answers of 300 ms each took ${Math.round(took)} ms in all, not one after another`);
  const delivered = await Promise.all(refs.map(async (ref) => (await server.call('GET', `/__admin/deliveries?session=${ref}`)).body.deliveries[0].state));
  t.same(delivered, Array(8).fill('delivered'));
});

t.test("one session's events at the same instant keep their order", async (t) => {
  const { server, receiver, session } = await setup(t, { PHASE2_DELAY: '0s' });
  const a = await session('progressive');
  const b = await session('progressive');
  await server.advance('1h');
  // The webhook names no tracking reference; each session's portal URL tells them apart.
  const portalUrl = async (ref: string) => (await server.call('GET', `/__admin/sessions/${ref}`)).body.verifime.assessmentPortalUrl;
  const order = (url: string) => receiver.received.filter((r) => r.json.assessmentPortalUrl === url).map((r) => r.json.assessmentStatus);
  t.equal(receiver.received.length, 6);
  const expected = order(await portalUrl(a));
  t.same(order(await portalUrl(b)), expected, 'both sessions send the same sequence');
  t.same(expected, ['PENDING', 'PRELIMINARY', 'ASSESSED'], 'in file order, the verdict last');
});

t.test('a reset while attempts are queued behind a slow receiver does not hang', async (t) => {
  const { server, receiver, session } = await setup(t, { DELIVERY_CONCURRENCY: '1', WEBHOOK_TIMEOUT: '2s' });
  receiver.script(...Array.from({ length: 5 }, () => ({ delayMs: 400 })));
  for (let i = 0; i < 5; i += 1) await session('low');
  const advancing = server.advance('1m');
  await receiver.waitFor(1);
  const reset = await server.call('POST', '/__admin/reset');
  t.equal(reset.status, 200, 'reset answers although four attempts were still queued');
  await advancing;
  t.equal(reset.body.clock.pendingTasks, 0);
  const again = await session('low');
  await server.advance('1m');
  const d = (await server.call('GET', `/__admin/deliveries?session=${again}`)).body.deliveries;
  t.equal(d[0].state, 'delivered', 'the clock and outbox work after the reset');
});
