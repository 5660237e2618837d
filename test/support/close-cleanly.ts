// Run as a child process by test/cli/shutdown.test.ts: a server with a scaled clock, a
// receiver, a whole flow with a retry still scheduled, then close(). The process must then
// exit on its own (no process.exit): nothing of the server may be left running.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/core/config.js';
import { startServer } from '../../src/server.js';

const receiver = createServer((req, res) => {
  req.resume();
  // The first attempt fails, so a retry is scheduled on the clock when we close.
  req.on('end', () => res.writeHead(req.headers['x-verifime-signature'] ? 500 : 200).end());
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
const server = await startServer(
  loadConfig({ PORT: '0', TIME_SCALE: '600', SEED: 'close', LOG_LEVEL: 'silent', PHASE2_DELAY: '30s', VERIFIME_WEBHOOK_URL: hook }),
);
const post = (path: string, body: unknown) =>
  fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>);
const invite = await post('/v1/user/invite', { email: 'c@example.com', code: 'KYCSIM' });
await post(`/__admin/sessions/${invite.trackingReference}/complete`, { scenario: 'low' });
// 30 s simulated at 600x = 50 ms real: wait for the first attempt (a 500, retry in 15 min).
for (let i = 0; i < 100; i++) {
  const detail = await fetch(`${server.url}/__admin/sessions/${invite.trackingReference}`).then((r) => r.json() as Promise<any>);
  if (detail.deliveries[0]?.attempts.length > 0) break;
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const health = await fetch(`${server.url}/__admin/health`).then((r) => r.json() as Promise<any>);
await server.close();
receiver.close();
process.stdout.write(`closed pending=${health.pendingDeliveries}\n`);
