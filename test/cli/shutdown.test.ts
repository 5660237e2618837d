// SIGTERM / SIGINT: stop accepting requests, let in-flight deliveries finish within a bound,
// exit 0; and server.close() leaves nothing running.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { pino } from 'pino';
import t, { type Test } from 'tap';
import { loadConfig } from '../../src/core/config.js';
import { shutdown } from '../../src/cli/serve.js';
import { startServer } from '../../src/server.js';
import { cleanEnv, startServe } from '../support/cli.js';

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** A receiver that answers after `delayMs`, recording when each request arrived and was answered. */
async function slowReceiver(t: Test, delayMs: number) {
  const log: { arrived: number; answered?: number }[] = [];
  let server: ReturnType<typeof createServer>;
  const timers = new Set<NodeJS.Timeout>();
  const close = () => {
    for (const timer of timers) clearTimeout(timer);
    server.closeAllConnections();
    server.close();
  };
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const entry: { arrived: number; answered?: number } = { arrived: performance.now() };
    log.push(entry);
    req.resume();
    const timer = setTimeout(() => {
      timers.delete(timer);
      res.end('{}', () => (entry.answered = performance.now()));
    }, delayMs);
    timers.add(timer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(close);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, log, close };
}

t.test('SIGTERM and SIGINT: exit 0 promptly when idle', async (t) => {
  const signals = ['SIGTERM', 'SIGINT'] as const;
  const servers = await Promise.all(signals.map(() => startServe(t, ['--clock', 'manual'])));
  for (const [i, signal] of signals.entries()) {
    const server = servers[i];
    const sent = performance.now();
    server.child.kill(signal);
    const exit = await server.exited;
    t.equal(exit.code, 0, `${signal}: exit 0`);
    t.ok(performance.now() - sent < 3_000, `${signal}: within 3 s`);
    t.match(exit.stdout, new RegExp(`"msg":"${signal}: shutting down"`));
    t.match(exit.stdout, /"msg":"stopped"/);
  }
});

t.test('SIGTERM lets an in-flight delivery finish, then exits 0', async (t) => {
  const receiver = await slowReceiver(t, 1_500);
  const server = await startServe(t, ['--clock', 'manual', '--verifime-webhook-url', receiver.url]);
  const invite = (await (await post(`${server.url}/v1/user/invite`, { email: 's@example.com', code: 'KYCSIM' })).json()) as { trackingReference: string };
  await post(`${server.url}/__admin/sessions/${invite.trackingReference}/complete`, { scenario: 'low' });
  // The advance answers after the delivery attempt; it is cut off by the shutdown.
  const advancing = post(`${server.url}/__admin/clock/advance`, { by: '5m' }).catch(() => 'connection closed');
  while (receiver.log.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  server.child.kill('SIGTERM');
  const exit = await server.exited;
  const exitedAt = performance.now();
  t.equal(exit.code, 0);
  t.ok(receiver.log[0].answered !== undefined && receiver.log[0].answered <= exitedAt, 'the receiver answered before kyc-sim exited');
  t.ok(exitedAt - receiver.log[0].arrived >= 1_400, 'kyc-sim waited for the answer');
  t.match(exit.stdout, /"msg":"stopped/);
  t.notMatch(exit.stdout, /still in flight/);
  await advancing;
  // Nothing accepts requests any more.
  await t.rejects(fetch(`${server.url}/__admin/health`), 'the port is closed');
});

t.test('the drain is bounded: a receiver that never answers does not hold the shutdown', async (t) => {
  const receiver = await slowReceiver(t, 60_000);
  const server = await startServer(loadConfig({ PORT: '0', CLOCK: 'manual', LOG_LEVEL: 'silent', VERIFIME_WEBHOOK_URL: receiver.url }));
  const invite = (await (await post(`${server.url}/v1/user/invite`, { email: 'b@example.com', code: 'KYCSIM' })).json()) as { trackingReference: string };
  await post(`${server.url}/__admin/sessions/${invite.trackingReference}/complete`, { scenario: 'low' });
  void post(`${server.url}/__admin/clock/advance`, { by: '5m' }).catch(() => undefined);
  while (receiver.log.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  const started = performance.now();
  await shutdown(server, logger, 300);
  t.ok(performance.now() - started < 2_000, 'shutdown returned after the bound');
  t.match(lines.join(''), /webhook deliveries still in flight after 300 ms; exiting without them/);
  receiver.close();
  await server.close();
});

// Started at once, so it runs while the signal tests do.
const closeCleanly = (() => {
  const script = fileURLToPath(new URL('../support/close-cleanly.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let closedAt = 0;
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    if (out.includes('closed') && closedAt === 0) closedAt = performance.now();
  });
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise<{ code: number | null; out: string; err: string; exitedAfterCloseMs: number }>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, out, err, exitedAfterCloseMs: performance.now() - closedAt });
    }),
  );
})();

t.test('server.close() leaves nothing running: the process exits by itself', async (t) => {
  const { code, out, err, exitedAfterCloseMs } = await closeCleanly;
  t.equal(code, 0, err);
  t.match(out, /closed pending=1/, 'a retry was still scheduled when it closed');
  t.ok(exitedAfterCloseMs < 2_000, 'the process exited right after close(), without process.exit');
});
