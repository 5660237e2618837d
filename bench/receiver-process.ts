// The benchmarks' webhook receiver, run as its own process (forked by bench/lib.ts) so it
// does not share an event loop with the simulator. A minimal node:http server: it checks
// the signature (hex HMAC-SHA256 of the raw body) with node:crypto, records the arrival
// wall time per ref, and answers 200 (401 on a bad signature). Controlled over IPC.
// One URL serves both providers, so the raw-undici baselines can replay the simulator's
// exact requests: a request carrying X-VerifiMe-Signature is checked with the VerifiMe
// secret and its ref is the assessment id in assessmentPortalUrl (VerifiMe's webhook carries
// no tracking reference); otherwise x-signature with the MetaMap
// secret, and its ref is `<verificationId> <eventName>[ <step id>]`, one key per expected
// delivery (step ids are unique within a flow).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

const verifime = {
  secret: process.env.BENCH_SECRET ?? '',
  header: (process.env.BENCH_SIGNATURE_HEADER ?? 'X-VerifiMe-Signature').toLowerCase(),
};
const metamap = {
  secret: process.env.BENCH_METAMAP_SECRET ?? '',
  header: (process.env.BENCH_METAMAP_SIGNATURE_HEADER ?? 'x-signature').toLowerCase(),
};
const providerOf = (headers: IncomingHttpHeaders) => (headers[verifime.header] !== undefined ? verifime : metamap);
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
const RESOURCE = /\/v2\/verifications\/([0-9a-f]{24})$/;

interface Body {
  ref?: string;
  assessmentPortalUrl?: string;
  resource?: string;
  eventName?: string;
  step?: { id?: string };
}

function refOf(json: Body): string {
  if (json.ref !== undefined) return json.ref;
  if (json.assessmentPortalUrl !== undefined) return REF.exec(json.assessmentPortalUrl)?.[1] ?? '';
  const id = RESOURCE.exec(json.resource ?? '')?.[1] ?? '';
  return `${id} ${json.eventName ?? ''}${json.step?.id ? ` ${json.step.id}` : ''}`;
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const at = wallNow();
    const body = Buffer.concat(chunks);
    const { header, secret } = providerOf(req.headers);
    const given = req.headers[header];
    const expected = createHmac('sha256', secret).update(body).digest('hex');
    const ok = typeof given === 'string' && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
    if (ok) valid += 1;
    else invalid += 1;
    let ref = '';
    try {
      ref = refOf(JSON.parse(body.toString('utf8')) as Body);
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
