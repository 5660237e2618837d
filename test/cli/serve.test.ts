// kyc-sim serve: options override the environment; the container loopback warning.
import t from 'tap';
import { startServe } from '../support/cli.js';

const json = async (url: string, init?: RequestInit) => {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as any };
};

t.test('options override environment variables', async (t) => {
  const server = await startServe(t, ['--seed', 'from-flag', '--clock=manual', '--phase2-delay', '90s'], { SEED: 'from-env', CLOCK: 'real', PHASE2_DELAY: 'soon', LOG_LEVEL: 'info' });
  const health = await json(`${server.url}/__admin/health`);
  t.equal(health.status, 200);
  t.equal(health.body.status, 'ok');
  t.equal(health.body.ready, true);
  t.equal(health.body.seed, 'from-flag', '--seed beats SEED');
  t.equal(health.body.clock.mode, 'manual', '--clock beats CLOCK');
  t.equal(health.body.scenarios, 22);
  t.equal(health.body.pendingDeliveries, 0);
  t.match(health.body.version, /^\d+\.\d+\.\d+/);
  const registered = await json(`${server.url}/__admin/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ provider: 'verifime', url: 'http://127.0.0.1:9000/hook' }),
  });
  t.equal(registered.status, 201);
  t.equal(registered.body.warning, undefined, 'outside a container a loopback URL is fine');
  server.child.kill('SIGTERM');
  const exit = await server.exited;
  t.equal(exit.code, 0);
  t.notMatch(exit.stdout, /loopback/);
});

t.test('inside a container, loopback webhook URLs are warned about', async (t) => {
  const server = await startServe(t, ['--clock', 'manual', '--verifime-webhook-url', 'http://localhost:3000/hooks/verifime'], { KYC_SIM_IN_CONTAINER: 'true' });
  const startWarning = JSON.parse(await server.waitFor(/loopback/)) as { level: number; url: string; msg: string };
  t.equal(startWarning.level, 40, 'logged as a warning');
  t.equal(startWarning.url, 'http://localhost:3000/hooks/verifime');
  t.match(startWarning.msg, /host\.docker\.internal/);
  for (const url of ['http://127.0.0.1:9000/hook', 'http://[::1]:9000/hook', 'http://localhost/hook']) {
    const registered = await json(`${server.url}/__admin/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'metamap', url }),
    });
    t.equal(registered.status, 201);
    t.match(registered.body.warning, /container's own loopback/, `${url}: the answer warns`);
    await server.waitFor(new RegExp(`"url":"${url.replace(/[[\]]/g, '\\$&')}".*loopback`));
  }
  const fine = await json(`${server.url}/__admin/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ provider: 'metamap', url: 'http://app:3000/hook' }),
  });
  t.equal(fine.body.warning, undefined, 'a service name is fine');
  server.child.kill('SIGTERM');
  t.equal((await server.exited).code, 0);
});

