// The consumer's probe (--probe-url): GET answers 200 with JSON {"processed": <n>}, n the
// number of distinct webhook events the consumer has acted on so far. Duplicates, events
// it ignores on purpose (VerifiMe PENDING / PRELIMINARY) and rejected requests must not
// count. The count must already include a webhook's work when that webhook's response
// is sent. The checker only compares counts before and after each rule.
import { request } from 'undici';
import type { Answer, Exchange } from './types.js';

export const PROBE_CONTRACT = 'GET answers 200 with JSON {"processed": <integer >= 0>}';

export class ProbeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProbeError';
  }
}

export interface Probe {
  readonly url: string;
  /** The consumer's current count; throws ProbeError when the probe does not keep the contract. */
  read(): Promise<number>;
}

export function createProbe(url: string, timeoutMs: number, record: (exchange: Exchange) => void): Probe {
  return {
    url,
    async read() {
      const started = performance.now();
      let answer: Answer;
      try {
        const response = await request(url, { method: 'GET', headers: { accept: 'application/json' }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs, signal: AbortSignal.timeout(timeoutMs) });
        const body = await response.body.text();
        answer = { status: response.statusCode, error: null, latencyMs: elapsed(started), body: body.slice(0, 1024) };
      } catch (error) {
        const err = error as { name?: string; code?: string; message?: string };
        const reason = err.name === 'TimeoutError' || err.name === 'AbortError' ? `timeout: no answer within ${timeoutMs} ms` : `connection error: ${err.code ?? err.message ?? String(error)}`;
        answer = { status: null, error: reason, latencyMs: elapsed(started), body: '' };
      }
      record({ label: 'probe', request: { method: 'GET', url, headers: { accept: 'application/json' }, body: '' }, answer });
      if (answer.status === null) throw new ProbeError(`probe ${url}: ${answer.error}`);
      if (answer.status !== 200) throw new ProbeError(`probe ${url} answered HTTP ${answer.status}${answer.body ? `: ${oneLine(answer.body)}` : ''}`);
      let processed: unknown;
      try {
        processed = (JSON.parse(answer.body) as { processed?: unknown } | null)?.processed;
      } catch {
        throw new ProbeError(`probe ${url} answered non-JSON: ${oneLine(answer.body)}`);
      }
      if (typeof processed !== 'number' || !Number.isInteger(processed) || processed < 0) {
        throw new ProbeError(`probe ${url} answered ${oneLine(answer.body)}, without an integer "processed" >= 0`);
      }
      return processed;
    },
  };
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

export function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
