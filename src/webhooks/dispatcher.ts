// One delivery attempt: POST the exact bytes, wait at most the policy's timeout, never
// throw. Uses a keep-alive undici Agent owned by the simulator.
//
// Each attempt is a bare undici dispatch handler (no Readable body stream, no AbortSignal):
// the status, headers and the first bytes of the body are kept as they arrive. The total
// timeout is enforced by one real-time timer per dispatcher aimed at the oldest attempt's
// deadline (attempts are kept in start order per timeout value), plus undici's own
// headersTimeout/bodyTimeout set to the same value.
import { Agent, util, type Dispatcher as UndiciDispatcher } from 'undici';
import { wallNow, wallTimer, type WallTimer } from '../core/clock.js';
import { parseHttpDate, type AttemptOutcome } from './retry-policy.js';

export interface AttemptResult extends AttemptOutcome {
  readonly latencyMs: number;
  readonly responseHeaders: Record<string, string>;
  readonly responseSnippet: string;
}

export interface Dispatcher {
  send(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<AttemptResult>;
  close(): Promise<void>;
}

const SNIPPET_CHARS = 1024;
/** Bytes kept to decode the snippet from: enough for 1024 characters of any UTF-8. */
const SNIPPET_BYTES = 4 * SNIPPET_CHARS;

class AttemptTimeout extends Error {
  override readonly name = 'TimeoutError';
}

/** Where a URL is dispatched: origin and path, parsed once per URL. */
interface Target {
  readonly origin: string;
  readonly path: string;
}

/** One attempt in flight; a legacy-style undici handler (the form undici runs natively). */
class Attempt implements UndiciDispatcher.DispatchHandler {
  readonly started = performance.now();
  readonly deadline: number;
  private abort: ((reason?: Error) => void) | null = null;
  private status = 0;
  private rawHeaders: Buffer[] | null = null;
  private chunks: Buffer[] = [];
  private kept = 0;
  private settled = false;

  constructor(
    readonly timeoutMs: number,
    private readonly resolve: (result: AttemptResult) => void,
    private readonly forget: (attempt: Attempt) => void,
  ) {
    this.deadline = this.started + timeoutMs;
  }

  onConnect(abort: (reason?: Error) => void): void {
    if (this.settled) abort(new AttemptTimeout('timed out before the request was written'));
    else this.abort = abort;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    if (statusCode < 200) return true; // informational: the real answer follows
    this.status = statusCode;
    this.rawHeaders = rawHeaders;
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.kept < SNIPPET_BYTES) {
      this.chunks.push(chunk);
      this.kept += chunk.length;
    }
    return true;
  }

  onComplete(): void {
    if (this.settled) return;
    this.settled = true;
    this.forget(this);
    const responseHeaders: Record<string, string> = {};
    if (this.rawHeaders) {
      const parsed = util.parseHeaders(this.rawHeaders) as Record<string, string | string[] | undefined>;
      for (const name in parsed) {
        const value = parsed[name];
        if (value !== undefined) responseHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
      }
    }
    const { chunks } = this;
    let snippet = '';
    if (chunks.length === 1) snippet = chunks[0].toString('utf8', 0, Math.min(chunks[0].length, SNIPPET_BYTES));
    else if (chunks.length > 1) snippet = Buffer.concat(chunks).toString('utf8', 0, Math.min(this.kept, SNIPPET_BYTES));
    this.resolve({
      status: this.status,
      error: null,
      retryAfter: responseHeaders['retry-after'] ?? null,
      answeredAt: parseHttpDate(responseHeaders.date) ?? wallNow(),
      latencyMs: round(performance.now() - this.started),
      responseHeaders,
      responseSnippet: snippet.length > SNIPPET_CHARS ? snippet.slice(0, SNIPPET_CHARS) : snippet,
    });
  }

  onError(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.forget(this);
    this.fail(describe(error, this.timeoutMs));
  }

  /** The deadline passed: answer now and cut the request (at once, or when it gets a socket). */
  expire(): void {
    if (this.settled) return;
    this.settled = true;
    this.fail(`timeout: no answer within ${this.timeoutMs} ms`);
    this.abort?.(new AttemptTimeout(`no answer within ${this.timeoutMs} ms`));
  }

  private fail(error: string): void {
    this.resolve({
      status: null,
      error,
      retryAfter: null,
      latencyMs: round(performance.now() - this.started),
      responseHeaders: {},
      responseSnippet: '',
    });
  }
}

export function createDispatcher(): Dispatcher {
  const agent = new Agent({ connections: 64, pipelining: 1, keepAliveTimeout: 10_000 });
  const targets = new Map<string, Target>();
  // Attempts in flight per timeout value; a Set keeps start order, so its first attempt has
  // the earliest deadline of its group.
  const inFlight = new Map<number, Set<Attempt>>();
  let timer: { at: number; handle: WallTimer } | undefined;
  let closed = false;

  const targetOf = (url: string): Target => {
    let target = targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      if (targets.size > 1_000) targets.clear();
      targets.set(url, target);
    }
    return target;
  };

  const forget = (attempt: Attempt): void => {
    inFlight.get(attempt.timeoutMs)?.delete(attempt);
  };

  /** Aims the one timer at the earliest deadline (it may fire early: sweep re-aims it). */
  const aim = (): void => {
    let earliest = Infinity;
    for (const group of inFlight.values()) {
      for (const first of group) {
        if (first.deadline < earliest) earliest = first.deadline;
        break;
      }
    }
    if (earliest === Infinity || closed) {
      timer?.handle.cancel();
      timer = undefined;
      return;
    }
    if (timer && timer.at <= earliest) return;
    timer?.handle.cancel();
    timer = { at: earliest, handle: wallTimer(Math.ceil(earliest - performance.now()), sweep) };
  };

  const sweep = (): void => {
    timer = undefined;
    // Node may run a timer a fraction of a millisecond before performance.now() says so.
    const now = performance.now() + 1;
    for (const [timeoutMs, group] of inFlight) {
      for (const attempt of group) {
        if (attempt.deadline > now) break;
        group.delete(attempt);
        attempt.expire();
      }
      if (group.size === 0) inFlight.delete(timeoutMs);
    }
    aim();
  };

  return {
    send(url, body, headers, timeoutMs) {
      return new Promise<AttemptResult>((resolve) => {
        const attempt = new Attempt(timeoutMs, resolve, forget);
        let group = inFlight.get(timeoutMs);
        if (!group) {
          group = new Set();
          inFlight.set(timeoutMs, group);
        }
        group.add(attempt);
        if (!timer || timer.at > attempt.deadline) aim();
        let target: Target;
        try {
          target = targetOf(url);
        } catch (error) {
          attempt.onError(error as Error);
          return;
        }
        agent.dispatch(
          {
            origin: target.origin,
            path: target.path,
            method: 'POST',
            headers,
            body,
            headersTimeout: timeoutMs,
            bodyTimeout: timeoutMs,
          },
          attempt,
        );
      });
    },
    async close() {
      // Attempts still in flight keep their deadlines while the agent closes gracefully.
      await agent.close();
      closed = true;
      timer?.handle.cancel();
      timer = undefined;
    },
  };
}

function describe(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  if (
    err.name === 'TimeoutError' ||
    err.name === 'AbortError' ||
    err.code === 'UND_ERR_HEADERS_TIMEOUT' ||
    err.code === 'UND_ERR_BODY_TIMEOUT'
  ) {
    return `timeout: no answer within ${timeoutMs} ms`;
  }
  const code = err.code ?? err.cause?.code;
  return `connection error: ${code ?? err.message ?? String(error)}`;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
