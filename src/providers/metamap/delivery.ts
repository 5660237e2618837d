// How MetaMap delivers webhooks (reference/metamap-api.md §5.1): x-signature is the hex
// HMAC-SHA256 of the exact body; an unavailable endpoint (non-2xx, connection error,
// timeout) is retried after 1, 3, 5, 7 and 10 minutes, then the webhook is lost.
import type { Config } from '../../core/config.js';
import type { DeliveryDialect } from '../../webhooks/outbox.js';
import type { RetryPolicy } from '../../webhooks/retry-policy.js';
import { hmacSha256Hex } from '../../webhooks/signer.js';

export const SIGNATURE_HEADER = 'x-signature';

export function metamapRetryPolicy(config: Config): RetryPolicy {
  // The schedule is cumulative from the first failure; the dispatcher wants waits between attempts.
  const offsets = config.metamap.retryScheduleMs;
  return {
    maxAttempts: offsets.length + 1,
    backoffMs: offsets.map((offset, i) => offset - (i === 0 ? 0 : offsets[i - 1])),
    timeoutMs: 30_000,
    stopStatuses: {},
    clientErrorsArePermanent: false,
    retryableStatuses: [],
  };
}

export function metamapDelivery(config: Config): DeliveryDialect {
  return {
    policy: metamapRetryPolicy(config),
    headers: (body, secret) => ({
      'Content-Type': 'application/json',
      [SIGNATURE_HEADER]: hmacSha256Hex(secret, body),
      'User-Agent': 'kyc-sim (MetaMap webhook simulator)',
    }),
  };
}
