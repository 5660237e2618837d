// Waits until the ledger holds deliveries matching a query: what lets tests (the admin
// long-poll and the in-process test kit) wait for a webhook instead of sleeping. Matching
// is checked once against the ledger, then only against each newly recorded attempt.
import type { DeliveryRecord, DeliveryState, Ledger } from './ledger.js';

export interface DeliveryQuery {
  readonly sessionId?: string;
  readonly provider?: string;
  readonly eventName?: string;
  /**
   * A delivery state ('delivered', 'pending', 'stopped', 'dead-lettered'), or 'attempted'
   * (the default: at least one attempt recorded, whatever its outcome), or a number: an
   * HTTP status the receiver answered to one of its attempts, or 'any' (recorded, even before its first attempt).
   */
  readonly status?: DeliveryState | 'attempted' | 'any' | number;
  /** How many distinct matching deliveries to wait for (default 1). */
  readonly count?: number;
}

export function matchesDelivery(delivery: DeliveryRecord, query: DeliveryQuery): boolean {
  if (query.sessionId !== undefined && delivery.sessionId !== query.sessionId) return false;
  if (query.provider !== undefined && delivery.provider !== query.provider) return false;
  if (query.eventName !== undefined && delivery.eventName !== query.eventName) return false;
  const status = query.status ?? 'attempted';
  if (typeof status === 'number') return delivery.attempts.some((a) => a.status === status);
  if (status === 'any') return true;
  if (status === 'attempted') return delivery.attempts.length > 0;
  return delivery.state === status;
}

/** The matching deliveries already in the ledger, oldest first. */
export function findDeliveries(ledger: Ledger, query: DeliveryQuery): DeliveryRecord[] {
  return ledger
    .deliveries({ sessionId: query.sessionId, provider: query.provider, eventName: query.eventName })
    .filter((d) => matchesDelivery(d, query));
}

/**
 * Resolves with the first `count` matching deliveries as soon as the ledger has them, or
 * with undefined when `signal` aborts first (a real-time timeout, a closing server).
 */
export function waitForDeliveries(ledger: Ledger, query: DeliveryQuery, signal: AbortSignal): Promise<DeliveryRecord[] | undefined> {
  const count = query.count ?? 1;
  const matched = new Map(findDeliveries(ledger, query).map((d) => [d.id, d]));
  if (matched.size >= count) return Promise.resolve([...matched.values()].slice(0, count));
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const finish = (result: DeliveryRecord[] | undefined): void => {
      unsubscribe();
      signal.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onAbort = (): void => finish(undefined);
    const unsubscribe = ledger.subscribe((delivery) => {
      if (matched.has(delivery.id) || !matchesDelivery(delivery, query)) return;
      matched.set(delivery.id, delivery);
      if (matched.size >= count) finish([...matched.values()]);
    });
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
