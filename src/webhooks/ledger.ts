// Every webhook event and every delivery attempt, as data the admin API and tests read.
export type DeliveryState = 'pending' | 'delivered' | 'stopped' | 'dead-lettered';

/**
 * Scenario delivery faults on one delivery: `duplicate` (this is the second copy),
 * `bad-signature` (a forged copy signed with a wrong secret), `drop-first-attempt`.
 */
export type DeliveryFault = 'duplicate' | 'bad-signature' | 'drop-first-attempt';

export interface AttemptRecord {
  readonly number: number;
  readonly at: string;
  readonly status: number | null;
  readonly error: string | null;
  readonly latencyMs: number;
  readonly responseHeaders: Record<string, string>;
  readonly responseSnippet: string;
  readonly outcome: 'delivered' | 'retry' | 'stopped' | 'dead-lettered';
  readonly reason: string | null;
  readonly nextAttemptAt: string | null;
}

export interface DeliveryRecord {
  readonly id: string;
  readonly eventId: string;
  readonly sessionId: string;
  readonly provider: string;
  readonly eventName: string;
  readonly endpointId: string;
  readonly url: string;
  readonly requestHeaders: Record<string, string>;
  readonly body: string;
  readonly createdAt: string;
  readonly faults: readonly DeliveryFault[];
  state: DeliveryState;
  reason: string | null;
  nextAttemptAt: string | null;
  readonly attempts: AttemptRecord[];
}

export interface EventRecord {
  readonly id: string;
  readonly sessionId: string;
  readonly provider: string;
  readonly eventName: string;
  readonly body: string;
  readonly createdAt: string;
  /** Replaced as deliveries are added; NO_DELIVERY_IDS (shared) for an event nobody was sent. */
  deliveryIds: readonly string[];
}

/** The delivery ids of every event recorded without an endpoint: one frozen list, not one each. */
export const NO_DELIVERY_IDS: readonly string[] = Object.freeze([]);

export interface DeliveryFilter {
  readonly sessionId?: string;
  readonly provider?: string;
  readonly eventName?: string;
  readonly state?: DeliveryState;
}

export type LedgerListener = (delivery: DeliveryRecord) => void;

export interface Ledger {
  addEvent(event: EventRecord): EventRecord;
  addDelivery(delivery: DeliveryRecord): DeliveryRecord;
  recordAttempt(delivery: DeliveryRecord, attempt: AttemptRecord, state: DeliveryState): void;
  event(id: string): EventRecord | undefined;
  delivery(id: string): DeliveryRecord | undefined;
  events(sessionId?: string): EventRecord[];
  deliveries(filter?: DeliveryFilter): DeliveryRecord[];
  pendingCount(): number;
  /** Called after every recorded attempt; returns an unsubscribe function. */
  subscribe(listener: LedgerListener): () => void;
  clear(): void;
}

export function createLedger(): Ledger {
  const events = new Map<string, EventRecord>();
  const deliveries = new Map<string, DeliveryRecord>();
  // A session's event ids: the id itself while it has one event (most sessions that never
  // finish), a list from the second on; one object less kept per session.
  const bySession = new Map<string, string | string[]>();
  const eventIdsOf = (sessionId: string): readonly string[] => {
    const ids = bySession.get(sessionId);
    return ids === undefined ? [] : typeof ids === 'string' ? [ids] : ids;
  };
  const listeners = new Set<LedgerListener>();
  let pending = 0;

  const matches = (d: DeliveryRecord, f: DeliveryFilter): boolean =>
    (f.sessionId === undefined || d.sessionId === f.sessionId) &&
    (f.provider === undefined || d.provider === f.provider) &&
    (f.eventName === undefined || d.eventName === f.eventName) &&
    (f.state === undefined || d.state === f.state);

  return {
    addEvent(event) {
      events.set(event.id, event);
      const ids = bySession.get(event.sessionId);
      if (ids === undefined) bySession.set(event.sessionId, event.id);
      else if (typeof ids === 'string') bySession.set(event.sessionId, [ids, event.id]);
      else ids.push(event.id);
      return event;
    },
    addDelivery(delivery) {
      deliveries.set(delivery.id, delivery);
      const event = events.get(delivery.eventId);
      if (event) event.deliveryIds = [...event.deliveryIds, delivery.id];
      if (delivery.state === 'pending') pending += 1;
      return delivery;
    },
    recordAttempt(delivery, attempt, state) {
      delivery.attempts.push(attempt);
      if (delivery.state === 'pending' && state !== 'pending') pending -= 1;
      delivery.state = state;
      delivery.reason = attempt.reason;
      delivery.nextAttemptAt = attempt.nextAttemptAt;
      for (const listener of listeners) listener(delivery);
    },
    event: (id) => events.get(id),
    delivery: (id) => deliveries.get(id),
    events: (sessionId) =>
      sessionId === undefined
        ? [...events.values()]
        : eventIdsOf(sessionId).map((id) => events.get(id)).filter((e): e is EventRecord => !!e),
    deliveries: (filter = {}) => {
      if (filter.sessionId !== undefined) {
        return eventIdsOf(filter.sessionId)
          .flatMap((id) => events.get(id)?.deliveryIds ?? [])
          .map((id) => deliveries.get(id))
          .filter((d): d is DeliveryRecord => !!d && matches(d, filter));
      }
      return [...deliveries.values()].filter((d) => matches(d, filter));
    },
    pendingCount: () => pending,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear() {
      events.clear();
      deliveries.clear();
      bySession.clear();
      pending = 0;
    },
  };
}
