// createDispatcher: one attempt answers status, headers and a snippet of at most 1024
// characters; a receiver that never answers (or stops mid-body) is cut at the timeout;
// connection errors are reported with their code.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import type { Test } from 'tap';
import { createDispatcher } from '../../src/webhooks/dispatcher.js';

async function serve(t: Test, handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?x=1`;
}

t.test('status, headers, body snippet and the exact request', async (t) => {
  let seen: { method?: string; url?: string; body: string; header?: string } = { body: '' };
  const url = await serve(t, (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      seen = { method: req.method, url: req.url, body, header: req.headers['x-sig'] as string };
      res.writeHead(429, [
        ['Date', 'Wed, 21 Oct 2015 07:28:00 GMT'],
        ['Retry-After', '120'],
        ['X-Twice', 'a'],
        ['X-Twice', 'b'],
      ]);
      res.end('é'.repeat(3000));
    });
  });
  const dispatcher = createDispatcher();
  t.teardown(() => dispatcher.close());
  const result = await dispatcher.send(url, '{"a":1}', { 'content-type': 'application/json', 'x-sig': 'abc' }, 2000);
  t.same(seen, { method: 'POST', url: '/hook?x=1', body: '{"a":1}', header: 'abc' });
  t.equal(result.status, 429);
  t.equal(result.error, null);
  t.equal(result.retryAfter, '120');
  t.equal(result.answeredAt, Date.parse('2015-10-21T07:28:00Z'), "answeredAt is the receiver's Date header");
  t.equal(result.responseHeaders['x-twice'], 'a, b');
  t.equal(result.responseSnippet, 'é'.repeat(1024), 'at most 1024 characters');
  t.ok(result.latencyMs >= 0);
});

t.test('a receiver that never answers is cut at the timeout', async (t) => {
  const url = await serve(t, () => {
    // never answers
  });
  const dispatcher = createDispatcher();
  t.teardown(() => dispatcher.close());
  const began = performance.now();
  const [a, b] = await Promise.all([dispatcher.send(url, '{}', {}, 200), dispatcher.send(url, '{}', {}, 400)]);
  const took = performance.now() - began;
  t.equal(a.status, null);
  t.equal(a.error, 'timeout: no answer within 200 ms');
  t.equal(b.error, 'timeout: no answer within 400 ms');
  t.ok(a.latencyMs >= 195 && a.latencyMs < 1000, `first cut after ${a.latencyMs} ms`);
  t.ok(b.latencyMs >= 395 && took < 1500, `second cut after ${b.latencyMs} ms`);
});

t.test('headers in time but a body that never ends is cut at the total timeout', async (t) => {
  const url = await serve(t, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('partial');
    const trickle = setInterval(() => res.write('.'), 50);
    res.on('close', () => clearInterval(trickle));
  });
  const dispatcher = createDispatcher();
  t.teardown(() => dispatcher.close());
  const result = await dispatcher.send(url, '{}', {}, 300);
  t.equal(result.status, null);
  t.equal(result.error, 'timeout: no answer within 300 ms');
  t.ok(result.latencyMs >= 295 && result.latencyMs < 1200, `cut after ${result.latencyMs} ms`);
});

t.test('connection errors carry their code', async (t) => {
  const url = await serve(t, (req) => req.socket.destroy());
  const gone = createServer();
  await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
  const port = (gone.address() as AddressInfo).port;
  await new Promise<void>((resolve) => gone.close(() => resolve()));
  const dispatcher = createDispatcher();
  t.teardown(() => dispatcher.close());
  const dropped = await dispatcher.send(url, '{}', {}, 1000);
  t.equal(dropped.status, null);
  t.match(dropped.error, /^connection error: /, 'socket closed without an answer');
  const refused = await dispatcher.send(`http://127.0.0.1:${port}/hook`, '{}', {}, 1000);
  t.equal(refused.error, 'connection error: ECONNREFUSED', 'nobody listens on the port');
});

t.test('many attempts in a row reuse connections and all succeed', async (t) => {
  const url = await serve(t, (req, res) => {
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  const dispatcher = createDispatcher();
  t.teardown(() => dispatcher.close());
  const results = await Promise.all(Array.from({ length: 200 }, (_, i) => dispatcher.send(url, `{"i":${i}}`, {}, 2000)));
  t.ok(results.every((r) => r.status === 200 && r.responseSnippet === 'ok'));
});
