// A small webhook consumer for the conformance checker's tests, written independently of
// src/ (its own node:crypto HMAC code). Compliant by default; each flaw breaks one rule.
//   POST /hook   the webhook endpoint
//   GET  /probe  {"processed": <distinct events acted on>}
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Test } from 'tap';

export interface Flaws {
  /** Never checks the signature. */
  readonly acceptAnySignature?: boolean;
  /** Answers this status instead of 401 to a bad or missing signature. */
  readonly rejectWith?: number;
  /** Checks the signature against JSON.stringify(JSON.parse(body)) instead of the raw bytes. */
  readonly reserialise?: boolean;
  /** Acts on every delivery, duplicates included. */
  readonly noDedupe?: boolean;
  /** VerifiMe: acts on PENDING and PRELIMINARY too. */
  readonly actOnInterim?: boolean;
  /** MetaMap: 500 for a step_completed of a verification already completed. */
  readonly failOutOfOrder?: boolean;
  /** Answers the first `slowRequests` webhooks (default all) after this many ms. */
  readonly delayMs?: number;
  readonly slowRequests?: number;
  /** The probe answers 404. */
  readonly noProbe?: boolean;
}

export interface Consumer {
  readonly url: string;
  readonly probeUrl: string;
  /** Distinct events acted on. */
  processed(): number;
  readonly requests: { headers: Record<string, string | string[] | undefined>; body: string; status: number }[];
}

const HEADERS = { verifime: 'x-verifime-signature', metamap: 'x-signature' } as const;

function signatureMatches(secret: string, bytes: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(bytes, 'utf8').digest('hex'));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export async function startConsumer(t: Test, provider: 'verifime' | 'metamap', secret: string, flaws: Flaws = {}): Promise<Consumer> {
  const seen = new Set<string>();
  const completed = new Set<string>();
  let processed = 0;
  let webhooks = 0;
  const requests: Consumer['requests'] = [];

  const handle = (raw: string, signature: string | string[] | undefined): number => {
    const signed = flaws.reserialise ? JSON.stringify(JSON.parse(raw)) : raw;
    if (!flaws.acceptAnySignature && !signatureMatches(secret, signed, signature)) return flaws.rejectWith ?? 401;
    const event = JSON.parse(raw) as Record<string, any>;
    if (provider === 'verifime') {
      if (event.assessmentStatus !== 'ASSESSED' && !flaws.actOnInterim) return 200;
      const key = String(event.eventId);
      if (seen.has(key) && !flaws.noDedupe) return 200;
      seen.add(key);
      processed += 1;
      return 200;
    }
    if (event.eventName === 'verification_completed') completed.add(event.resource);
    if (flaws.failOutOfOrder && event.eventName === 'step_completed' && completed.has(event.resource)) return 500;
    const key = createHash('sha256').update(`${event.eventName}|${event.resource}|${event.step?.id ?? ''}|${event.timestamp}`).digest('hex');
    if (seen.has(key) && !flaws.noDedupe) return 204;
    seen.add(key);
    processed += 1;
    return 204;
  };

  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/probe') {
      if (flaws.noProbe) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no probe here');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ processed }));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let status: number;
      try {
        status = handle(body, req.headers[HEADERS[provider]]);
      } catch {
        status = 400;
      }
      requests.push({ headers: req.headers, body, status });
      const delay = flaws.delayMs !== undefined && webhooks++ < (flaws.slowRequests ?? Infinity) ? flaws.delayMs : 0;
      setTimeout(() => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ status })), delay);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `${base}/hook`, probeUrl: `${base}/probe`, processed: () => processed, requests };
}
