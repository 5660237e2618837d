// A provider's delivery rules as data, and the one function that applies any of them
// to the outcome of an attempt.
export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  readonly maxAttempts: number;
  /** Wait after failed attempt n is backoffMs[n - 1]; the last value repeats. */
  readonly backoffMs: readonly number[];
  /** How long a receiver may take to answer one attempt (real time). */
  readonly timeoutMs: number;
  /** Statuses that end delivery of the event for good, with the reason recorded. */
  readonly stopStatuses: Readonly<Record<number, string>>;
  /** When true, 4xx answers not listed in retryableStatuses fail permanently. */
  readonly clientErrorsArePermanent: boolean;
  /** 4xx statuses that are retried even when client errors are permanent. */
  readonly retryableStatuses: readonly number[];
  /** Statuses whose Retry-After header sets the wait, capped at capMs. */
  readonly retryAfter?: { readonly statuses: readonly number[]; readonly capMs: number };
}

export interface AttemptOutcome {
  /** HTTP status, or null when no response arrived (connection error, timeout). */
  readonly status: number | null;
  readonly error: string | null;
  readonly retryAfter: string | null;
  /**
   * When the receiver answered, on the receiver's clock (its Date header, else wall time on
   * arrival). An HTTP-date Retry-After is a time on that clock, not on the simulated one,
   * so it is read against this; the resulting delay then runs on the simulated clock.
   */
  readonly answeredAt?: number | null;
}

export type Decision =
  | { readonly kind: 'delivered' }
  | { readonly kind: 'retry'; readonly waitMs: number; readonly reason: string }
  | { readonly kind: 'stopped'; readonly reason: string }
  | { readonly kind: 'dead-lettered'; readonly reason: string };

export function decide(policy: RetryPolicy, outcome: AttemptOutcome, attemptNumber: number, now: number): Decision {
  const { status } = outcome;
  if (status !== null && status >= 200 && status < 300) return { kind: 'delivered' };
  if (status !== null && policy.stopStatuses[status] !== undefined) {
    return { kind: 'stopped', reason: policy.stopStatuses[status] };
  }
  if (
    status !== null &&
    status >= 400 &&
    status < 500 &&
    policy.clientErrorsArePermanent &&
    !policy.retryableStatuses.includes(status)
  ) {
    return { kind: 'stopped', reason: `receiver answered ${status}: permanent failure, not retried` };
  }
  const failure = status === null ? (outcome.error ?? 'no response') : `receiver answered ${status}`;
  if (attemptNumber >= policy.maxAttempts) {
    return { kind: 'dead-lettered', reason: `${failure}; ${policy.maxAttempts} attempts made` };
  }
  const fromHeader =
    status !== null && policy.retryAfter?.statuses.includes(status)
      ? parseRetryAfter(outcome.retryAfter, outcome.answeredAt ?? now)
      : undefined;
  if (fromHeader !== undefined && policy.retryAfter) {
    return { kind: 'retry', waitMs: Math.min(fromHeader, policy.retryAfter.capMs), reason: `${failure}; Retry-After honoured` };
  }
  const index = Math.min(attemptNumber - 1, policy.backoffMs.length - 1);
  return { kind: 'retry', waitMs: policy.backoffMs[index] ?? 0, reason: failure };
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3), relative to `now`. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = parseHttpDate(text);
  return date === undefined ? undefined : Math.max(0, date - now);
}

/** An HTTP date (RFC 9110 §5.6.7, any of its three forms) as epoch ms; undefined when absent or not one. */
export function parseHttpDate(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  // The obsolete asctime form carries no zone but is GMT by definition.
  const date = Date.parse(/GMT|UTC|[+-]\d{4}$/.test(text) ? text : `${text} GMT`);
  return Number.isNaN(date) || !/[a-z]/i.test(text) ? undefined : date;
}
