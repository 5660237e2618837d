// /__admin/health says ready only once scenarios are loaded and the server listens;
// kyc-sim healthcheck (one probe, PORT) and kyc-sim wait-ready --timeout (polls).
import t from 'tap';
import { loadConfig } from '../../src/core/config.js';
import { buildApp } from '../../src/http/app.js';
import { startServer } from '../../src/server.js';
import { createSimulator } from '../../src/simulator.js';
import { freePort, runCli, startCli } from '../support/cli.js';
import { startTestServer } from '../support/server.js';

t.test('health: 503 while starting or stopping, 200 with the details once ready', async (t) => {
  const sim = await createSimulator(loadConfig({ CLOCK: 'manual', SEED: 'h', LOG_LEVEL: 'silent' }));
  let state: 'starting' | 'ready' | 'stopping' = 'starting';
  const app = await buildApp(sim, { readiness: () => state });
  t.teardown(async () => {
    await app.close();
    await sim.close();
  });
  const starting = await app.inject({ method: 'GET', url: '/__admin/health' });
  t.equal(starting.statusCode, 503);
  t.match(starting.json(), { status: 'starting', ready: false });
  state = 'ready';
  const ready = await app.inject({ method: 'GET', url: '/__admin/health' });
  t.equal(ready.statusCode, 200);
  t.match(ready.json(), { status: 'ok', ready: true, version: String, clock: { mode: 'manual' }, seed: 'h', scenarios: 22, sessions: 0, pendingDeliveries: 0 });
  state = 'stopping';
  t.match((await app.inject({ method: 'GET', url: '/__admin/health' })).json(), { status: 'stopping', ready: false });
});

t.test('startServer reports ready once it listens, stopping once closing', async (t) => {
  const server = await startServer(loadConfig({ PORT: '0', CLOCK: 'manual', LOG_LEVEL: 'silent' }));
  t.equal(server.readiness, 'ready');
  t.equal(((await (await fetch(`${server.url}/__admin/health`)).json()) as { ready: boolean }).ready, true);
  const closing = server.close();
  t.equal(server.readiness, 'stopping');
  await closing;
});

t.test('healthcheck: exit 0 against a ready server (PORT or --url), 1 when nothing answers', async (t) => {
  const server = await startTestServer(t);
  const port = new URL(server.url).port;
  const ok = await runCli(t, ['healthcheck'], { PORT: port });
  t.equal(ok.code, 0, ok.stderr);
  t.match(ok.stdout, new RegExp(`^kyc-sim \\S+ ready at http://127\\.0\\.0\\.1:${port}: manual clock, seed 1, 22 scenarios, 0 sessions, 0 pending deliveries\\n$`));
  const byUrl = await runCli(t, ['healthcheck', '--url', server.url]);
  t.equal(byUrl.code, 0, byUrl.stderr);
  const closed = await freePort();
  const down = await runCli(t, ['healthcheck'], { PORT: String(closed) });
  t.equal(down.code, 1);
  t.match(down.stderr, /^kyc-sim healthcheck: not ready: cannot reach kyc-sim at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
});

t.test('wait-ready: waits for a server that starts later; gives up after --timeout', async (t) => {
  const port = await freePort();
  const started = performance.now();
  const waiting = startCli(t, ['wait-ready', '--url', `http://127.0.0.1:${port}`, '--timeout', '20s', '--interval', '100ms']);
  await new Promise((resolve) => setTimeout(resolve, 800));
  t.equal(waiting.child.exitCode, null, 'still waiting while nothing listens');
  await startTestServer(t, { PORT: String(port) });
  const result = await waiting.exited;
  t.equal(result.code, 0, result.stderr);
  t.match(result.stdout, `ready at http://127.0.0.1:${port}`);
  t.ok(performance.now() - started < 15_000);

  const closed = await freePort();
  const before = performance.now();
  const timeout = await runCli(t, ['wait-ready', '--url', `http://127.0.0.1:${closed}`, '--timeout', '1s']);
  t.equal(timeout.code, 1);
  t.match(timeout.stderr, /^kyc-sim wait-ready: not ready after 1s: cannot reach kyc-sim/);
  t.ok(performance.now() - before < 8_000, 'it gives up on time');
  const bad = await runCli(t, ['wait-ready', '--timeout', 'soon']);
  t.equal(bad.code, 2);
  t.match(bad.stderr, /--timeout: "soon" is not a duration/);
});
