// HTTPS_PORT: a second listener speaking HTTPS in front of the same simulator, with the
// bundled self-signed certificate (localhost and the providers' hostnames) or the operator's
// own; bad TLS configuration stops start-up naming the variable.
import { readFileSync } from 'node:fs';
import t from 'tap';
import { Agent, request } from 'undici';
import { ConfigError, loadConfig } from '../../src/core/config.js';
import { BUNDLED_TLS_CERT, BUNDLED_TLS_KEY } from '../../src/http/https-listener.js';
import { startServer } from '../../src/server.js';

const CA = readFileSync(BUNDLED_TLS_CERT);
const env = (extra: Record<string, string>) => ({ PORT: '0', LOG_LEVEL: 'silent', CLOCK: 'manual', SEED: '3', ...extra });

t.test('HTTPS_PORT serves the same simulator over TLS', async (t) => {
  const server = await startServer(loadConfig(env({ HTTPS_PORT: '0' })));
  let closed = false;
  t.teardown(() => (closed ? undefined : server.close()));
  t.ok(server.httpsUrl?.startsWith('https://127.0.0.1:'), `httpsUrl ${server.httpsUrl}`);
  const port = new URL(server.httpsUrl!).port;
  const trusting = new Agent({ connect: { ca: CA } });
  t.teardown(() => trusting.close());

  const health = await request(`${server.httpsUrl}/__admin/health`, { dispatcher: trusting });
  t.equal(health.statusCode, 200, 'the bundled certificate verifies for 127.0.0.1');
  await health.body.dump();

  const invite = await request(`${server.httpsUrl}/v1/user/invite`, {
    dispatcher: trusting,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'jane.citizen@example.com', code: 'KYCSIM' }),
  });
  t.equal(invite.statusCode, 200);
  const { trackingReference } = (await invite.body.json()) as { trackingReference: string };
  const overHttp = await fetch(`${server.url}/v1/user/signup/tracking/${trackingReference}/status`);
  t.same(await overHttp.json(), { status: 'Inactive' }, 'one simulator behind both listeners');

  // A client whose DNS sends VerifiMe's and MetaMap's hosts to kyc-sim verifies them too.
  for (const host of ['api.main.verifime.com', 'widget.static.main.verifime.com', 'api.getmati.com', 'api.prod.metamap.com', 'localhost']) {
    const mapped = new Agent({ connect: { ca: CA, servername: host } });
    const res = await request(`https://127.0.0.1:${port}/__admin/health`, { dispatcher: mapped, headers: { host } });
    t.equal(res.statusCode, 200, `certificate valid for ${host}`);
    await res.body.dump();
    await mapped.close();
  }

  const untrusting = new Agent();
  t.teardown(() => untrusting.close());
  await t.rejects(request(`${server.httpsUrl}/__admin/health`, { dispatcher: untrusting }), /self[- ]signed|certificate/i, 'not trusted without the bundled certificate');

  await server.close();
  closed = true;
  await t.rejects(request(`${server.httpsUrl}/__admin/health`, { dispatcher: new Agent({ connect: { ca: CA } }) }), /ECONNREFUSED/, 'closed with the server');
});

t.test('TLS_CERT / TLS_KEY name your own pair', async (t) => {
  const server = await startServer(loadConfig(env({ HTTPS_PORT: '0', TLS_CERT: BUNDLED_TLS_CERT, TLS_KEY: BUNDLED_TLS_KEY })));
  t.teardown(() => server.close());
  const res = await request(`${server.httpsUrl}/__admin/health`, { dispatcher: new Agent({ connect: { ca: CA } }) });
  t.equal(res.statusCode, 200);
  await res.body.dump();
});

t.test('bad TLS configuration names the variable', async (t) => {
  t.throws(() => loadConfig(env({ HTTPS_PORT: '0', TLS_CERT: BUNDLED_TLS_CERT })), /TLS_CERT and TLS_KEY: give both/);
  t.throws(() => loadConfig(env({ TLS_CERT: BUNDLED_TLS_CERT, TLS_KEY: BUNDLED_TLS_KEY })), /only used with HTTPS_PORT/);
  t.throws(() => loadConfig(env({ HTTPS_PORT: 'x' })), /HTTPS_PORT: "x" is not allowed/);
  t.equal(loadConfig(env({})).tls, null, 'no HTTPS listener by default');
  const error = await startServer(loadConfig(env({ HTTPS_PORT: '0', TLS_CERT: '/nonexistent/cert.pem', TLS_KEY: BUNDLED_TLS_KEY }))).catch((e: unknown) => e);
  t.ok(error instanceof ConfigError, 'a ConfigError, so serve prints it and exits 1');
  t.match(String((error as Error).message), /TLS_CERT: cannot read "\/nonexistent\/cert.pem"/);
  const mismatched = await startServer(loadConfig(env({ HTTPS_PORT: '0', TLS_CERT: BUNDLED_TLS_KEY, TLS_KEY: BUNDLED_TLS_CERT }))).catch((e: unknown) => e);
  t.match(String((mismatched as Error).message), /TLS_CERT \/ TLS_KEY: not a usable certificate and key/);
});

t.test('the test kit hands out the HTTPS base URL too', async (t) => {
  const { startSimulator } = await import('kyc-sim/testing');
  const kit = await startSimulator({ env: { HTTPS_PORT: '0' } });
  t.teardown(() => kit.close());
  t.match(kit.httpsUrl, /^https:\/\/127\.0\.0\.1:\d+$/);
  const res = await request(`${kit.httpsUrl}/__admin/health`, { dispatcher: new Agent({ connect: { ca: CA } }) });
  t.equal(res.statusCode, 200);
  await res.body.dump();
  const plain = await startSimulator();
  t.teardown(() => plain.close());
  t.equal(plain.httpsUrl, undefined, 'no HTTPS listener unless asked for');
});

t.test('a busy HTTPS_PORT stops start-up naming HTTPS_PORT, and leaves nothing listening', async (t) => {
  const { createServer } = await import('node:net');
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  t.teardown(() => holder.close());
  const busy = (holder.address() as { port: number }).port;
  const error = await startServer(loadConfig(env({ HTTPS_PORT: String(busy) }))).catch((e: unknown) => e);
  t.ok(error instanceof ConfigError);
  t.match(String((error as Error).message), new RegExp(`HTTPS_PORT: 127\\.0\\.0\\.1:${busy} is already in use`));
});
