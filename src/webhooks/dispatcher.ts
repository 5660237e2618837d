// One delivery attempt: POST the exact bytes, wait at most the policy's timeout, never
// throw. Uses a keep-alive undici Agent owned by the simulator.
import { Agent, request } from 'undici';
import type { AttemptOutcome } from './retry-policy.js';

export interface AttemptResult extends AttemptOutcome {
  readonly latencyMs: number;
  readonly responseHeaders: Record<string, string>;
  readonly responseSnippet: string;
}

export interface Dispatcher {
  send(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<AttemptResult>;
  close(): Promise<void>;
}

const SNIPPET_BYTES = 1024;

export function createDispatcher(): Dispatcher {
  const agent = new Agent({ connections: 64, pipelining: 1, keepAliveTimeout: 10_000 });
  return {
    async send(url, body, headers, timeoutMs) {
      const started = performance.now();
      try {
        const response = await request(url, {
          method: 'POST',
          headers,
          body,
          dispatcher: agent,
          signal: AbortSignal.timeout(timeoutMs),
          maxRedirections: 0,
        } as Parameters<typeof request>[1]);
        let snippet = '';
        for await (const chunk of response.body) {
          if (snippet.length < SNIPPET_BYTES) snippet += Buffer.from(chunk).toString('utf8');
        }
        const responseHeaders: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined) responseHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        return {
          status: response.statusCode,
          error: null,
          retryAfter: responseHeaders['retry-after'] ?? null,
          latencyMs: round(performance.now() - started),
          responseHeaders,
          responseSnippet: snippet.slice(0, SNIPPET_BYTES),
        };
      } catch (error) {
        return {
          status: null,
          error: describe(error, timeoutMs),
          retryAfter: null,
          latencyMs: round(performance.now() - started),
          responseHeaders: {},
          responseSnippet: '',
        };
      }
    },
    close: () => agent.close(),
  };
}

function describe(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `timeout: no answer within ${timeoutMs} ms`;
  const code = err.code ?? err.cause?.code;
  return `connection error: ${code ?? err.message ?? String(error)}`;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
