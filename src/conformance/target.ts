// The consumer endpoint under test: POSTs bodies through the simulator's own dispatcher
// (same undici agent, headers, timeout handling) with the provider's delivery headers,
// signed correctly or deliberately wrongly, and records every exchange for the report.
import type { DeliveryDialect } from '../webhooks/outbox.js';
import type { Dispatcher } from '../webhooks/dispatcher.js';
import type { Answer, Exchange } from './types.js';

/**
 * How the signature header is made: `valid` (HMAC of the body with the secret),
 * `wrong-secret` (HMAC of the body with another secret), `missing` (no header), or the
 * valid signature of other bytes (`signedBody`).
 */
export type Signing = 'valid' | 'wrong-secret' | 'missing' | { readonly signedBody: string };

export interface Target {
  readonly url: string;
  readonly signatureHeader: string;
  post(label: string, body: string, signing?: Signing): Promise<Answer>;
}

export interface TargetOptions {
  readonly url: string;
  readonly secret: string;
  readonly dialect: DeliveryDialect;
  readonly signatureHeader: string;
  readonly dispatcher: Dispatcher;
  readonly timeoutMs: number;
  /** Receives every exchange (the runner keeps them per rule). */
  readonly record: (exchange: Exchange) => void;
}

/** A secret that is certainly not the consumer's, for bad signatures of the right form. */
export function otherSecret(secret: string): string {
  return `${secret}-but-not-the-endpoint-secret`;
}

export function createTarget(options: TargetOptions): Target {
  const { url, secret, dialect, signatureHeader, dispatcher, timeoutMs, record } = options;
  const headersFor = (body: string, signing: Signing): Record<string, string> => {
    if (signing === 'valid') return dialect.headers(body, secret);
    if (signing === 'wrong-secret') return dialect.headers(body, otherSecret(secret));
    if (signing === 'missing') {
      const headers = dialect.headers(body, secret);
      for (const name of Object.keys(headers)) if (name.toLowerCase() === signatureHeader.toLowerCase()) delete headers[name];
      return headers;
    }
    return dialect.headers(signing.signedBody, secret);
  };
  return {
    url,
    signatureHeader,
    async post(label, body, signing = 'valid') {
      const headers = headersFor(body, signing);
      const result = await dispatcher.send(url, body, headers, timeoutMs);
      const answer: Answer = { status: result.status, error: result.error, latencyMs: result.latencyMs, body: result.responseSnippet };
      record({ label, request: { method: 'POST', url, headers, body }, answer });
      return answer;
    },
  };
}
