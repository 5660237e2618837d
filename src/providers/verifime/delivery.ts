// How VerifiMe delivers webhooks (reference/verifime-api.md §6.2, §6.4): hex HMAC-SHA256
// of the body in X-VerifiMe-Signature; 2xx done, 401 stops for good, other 4xx (except
// 408/429) fail permanently, the rest retry every 15 minutes, 5 attempts in all, then the
// dead-letter queue; 429/503 with Retry-After wait that long, at most 12 hours.
import type { Config } from '../../core/config.js';
import type { RetryPolicy } from '../../webhooks/retry-policy.js';
import { hmacSha256Hex } from '../../webhooks/signer.js';
import type { DeliveryDialect } from '../../webhooks/outbox.js';

export const SIGNATURE_HEADER = 'X-VerifiMe-Signature';
export const VERSION_HEADER = 'X-VerifiMe-Version';
const MAX_ATTEMPTS = 5;

export function verifimeRetryPolicy(config: Config): RetryPolicy {
  const { retryIntervalMs, retryMultiplier } = config.verifime;
  return {
    maxAttempts: MAX_ATTEMPTS,
    backoffMs: Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => Math.round(retryIntervalMs * retryMultiplier ** i)),
    timeoutMs: 30_000,
    stopStatuses: { 401: 'receiver answered 401: treated as an invalid signature, delivery of this event stopped for good' },
    clientErrorsArePermanent: true,
    retryableStatuses: [408, 429],
    retryAfter: { statuses: [429, 503], capMs: 12 * 60 * 60_000 },
  };
}

export function verifimeDelivery(config: Config): DeliveryDialect {
  return {
    policy: verifimeRetryPolicy(config),
    headers: (body, secret) => ({
      'Content-Type': 'application/json',
      [SIGNATURE_HEADER]: hmacSha256Hex(secret, body),
      [VERSION_HEADER]: '1',
      'User-Agent': 'kyc-sim (VerifiMe webhook simulator)',
    }),
  };
}
