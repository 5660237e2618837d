// request.log is made lazily below debug (src/http/request-logger.ts): a request that logs
// still writes a line with its reqId, one that does not creates no pino child.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import t from 'tap';
import { loadConfig } from '../../src/core/config.js';
import { startServer } from '../../src/server.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

t.test('a request that logs below debug writes its line with its reqId', async (t) => {
  const { lines, stream } = capture();
  const logger = pino({ level: 'info' }, stream);
  const server = await startServer(loadConfig({ PORT: '0', CLOCK: 'manual', SEED: 'lazy-log', LOG_LEVEL: 'info', KYC_SIM_IN_CONTAINER: 'true' }), { logger });
  t.teardown(() => server.close());

  // Registering a loopback URL inside a container warns through request.log.
  const answer = await fetch(`${server.url}/__admin/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ provider: 'verifime', url: 'http://localhost:9/hook' }),
  });
  t.equal(answer.status, 201);
  const warning = lines.find((l) => l.url === 'http://localhost:9/hook' && l.level === 40);
  t.ok(warning, 'the warning is logged');
  t.match(warning?.reqId, /^req-/, 'with the request id fastify gave the request');

  // Ordinary API calls write nothing at info (request lines are off below debug).
  const before = lines.length;
  const invite = await fetch(`${server.url}/v1/user/invite`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'jane@example.com', code: 'KYCSIM' }),
  });
  t.equal(invite.status, 200);
  t.equal(lines.length, before, 'no request lines at info');
});

t.test('at debug every request gets its request lines, with reqId', async (t) => {
  const { lines, stream } = capture();
  const logger = pino({ level: 'debug' }, stream);
  const server = await startServer(loadConfig({ PORT: '0', CLOCK: 'manual', SEED: 'lazy-log', LOG_LEVEL: 'debug' }), { logger });
  t.teardown(() => server.close());
  await fetch(`${server.url}/__admin/health`);
  const incoming = lines.find((l) => l.msg === 'incoming request');
  t.ok(incoming, 'fastify logs the incoming request');
  t.match(incoming?.reqId, /^req-/);
  t.ok(lines.some((l) => l.msg === 'request completed' && l.reqId === incoming?.reqId), 'and its completion under the same reqId');
});
