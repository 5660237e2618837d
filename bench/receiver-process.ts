// The benchmarks' webhook receiver, run as its own process (forked by bench/lib.ts) so it
// does not share an event loop with the simulator. A minimal node:http server: it checks
// X-VerifiMe-Signature (hex HMAC-SHA256 of the raw body) with node:crypto, records the
// arrival wall time per tracking reference, and answers 200. Controlled over IPC.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const secret = process.env.BENCH_SECRET ?? '';
const header = (process.env.BENCH_SIGNATURE_HEADER ?? 'X-VerifiMe-Signature').toLowerCase();
// Date.now(): the same wall clock the simulator's real clock uses for dueAt.
const wallNow = (): number => Date.now();

let count = 0;
let valid = 0;
let invalid = 0;
let unparsable = 0;
let firstAt: number | null = null;
let lastAt: number | null = null;
let refs: string[] = [];
let times: number[] = [];
const seen = new Set<string>();
let waiters: { count: number; id: number }[] = [];

const REF = /\/assessments\/([0-9a-f-]{36})/;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const at = wallNow();
    const body = Buffer.concat(chunks);
    const given = req.headers[header];
    const expected = createHmac('sha256', secret).update(body).digest('hex');
    const ok = typeof given === 'string' && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
    if (ok) valid += 1;
    else invalid += 1;
    let ref = '';
    try {
      const json = JSON.parse(body.toString('utf8')) as { assessmentPortalUrl?: string; ref?: string };
      ref = json.ref ?? REF.exec(json.assessmentPortalUrl ?? '')?.[1] ?? '';
    } catch {
      unparsable += 1;
    }
    count += 1;
    firstAt ??= at;
    lastAt = at;
    refs.push(ref);
    times.push(at);
    seen.add(ref);
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json', 'content-length': '11' });
    res.end('{"ok":true}');
    if (waiters.length > 0) {
      const done = waiters.filter((w) => count >= w.count);
      if (done.length > 0) {
        waiters = waiters.filter((w) => count < w.count);
        for (const w of done) process.send!({ type: 'reached', id: w.id, at });
      }
    }
  });
});
server.keepAliveTimeout = 30_000;

process.on('message', (raw) => {
  const message = raw as { command: string; id: number; count?: number };
  const reply = (value: unknown): void => void process.send!({ type: 'reply', id: message.id, value });
  switch (message.command) {
    case 'reset':
      count = valid = invalid = unparsable = 0;
      firstAt = lastAt = null;
      refs = [];
      times = [];
      seen.clear();
      return reply(null);
    case 'stats':
      return reply({ count, valid, invalid, unparsable, distinctRefs: seen.size, firstAt, lastAt });
    case 'cpu': {
      const usage = process.cpuUsage();
      return reply((usage.user + usage.system) / 1000);
    }
    case 'arrivals':
      return reply(refs.map((ref, i) => [ref, times[i]]));
    case 'waitFor': {
      const target = message.count ?? 0;
      if (count >= target) return void process.send!({ type: 'reached', id: message.id, at: times[target - 1] ?? wallNow() });
      waiters.push({ count: target, id: message.id });
      return;
    }
    default:
      return reply(null);
  }
});

process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send!({ type: 'ready', url: `http://127.0.0.1:${port}/hook` });
});
