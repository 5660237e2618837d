// A real local webhook receiver for tests. It records every request with its raw body and
// checks signatures with its own HMAC code (node:crypto directly, nothing from src/).
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly json: Record<string, unknown>;
  readonly signatureValid: boolean;
  readonly answeredWith: number | 'no-answer';
}

export interface Reply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  /** Wait this long (real ms) before answering; longer than the sender's timeout = timeout. */
  readonly delayMs?: number;
  /** Close the socket without answering. */
  readonly destroy?: boolean;
}

export interface Receiver {
  readonly url: string;
  readonly received: Received[];
  /** Replies used in order for the next requests; afterwards every request gets 200. */
  script(...replies: Reply[]): void;
  /**
   * Replies for the requests whose parsed body `matches`, in order, ahead of script():
   * for senders that deliver concurrently, where arrival order is not fixed.
   */
  replyTo(matches: (json: Record<string, unknown>) => boolean, ...replies: Reply[]): void;
  /** Resolves when `count` requests have been received (or rejects after timeoutMs). */
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export interface ReceiverOptions {
  readonly secret: string;
  readonly signatureHeader: string;
}

export function expectedSignature(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}

export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const received: Received[] = [];
  const replies: Reply[] = [];
  const keyed: { matches: (json: Record<string, unknown>) => boolean; replies: Reply[] }[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signature = req.headers[options.signatureHeader.toLowerCase()];
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(body) as Record<string, unknown>;
      } catch {
        // recorded as received; the test decides whether that is a failure
      }
      const own = keyed.find((k) => k.replies.length > 0 && k.matches(json));
      const reply = (own ? own.replies.shift() : replies.shift()) ?? {};
      received.push({
        path: req.url ?? '',
        headers: req.headers,
        body,
        json,
        signatureValid: signature === expectedSignature(options.secret, body),
        answeredWith: reply.destroy ? 'no-answer' : (reply.status ?? 200),
      });
      for (const w of [...waiters]) if (received.length >= w.count) w.resolve();
      const answer = () => {
        if (reply.destroy) return req.socket.destroy();
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
        res.end('{"ok":true}');
      };
      if (reply.delayMs) setTimeout(answer, reply.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    script: (...r) => replies.push(...r),
    replyTo: (matches, ...r) => keyed.push({ matches, replies: r }),
    waitFor(count, timeoutMs = 10_000) {
      if (received.length >= count) return Promise.resolve(received);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`receiver got ${received.length} of ${count} requests in ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(received);
          },
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
