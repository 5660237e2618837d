// Turns an event into one delivery per matching endpoint, serialised once and signed
// once, then runs attempts through a bounded queue per endpoint (so a slow receiver only
// slows itself) and schedules retries on the clock according to the provider's policy.
// Scenario delivery faults (a forged copy first, a dropped first attempt, a duplicate) are
// played here; reordering is the runner's.
import type { Clock } from '../core/clock.js';
import type { Random } from '../core/random.js';
import type { AttemptResult, Dispatcher } from './dispatcher.js';
import { EndpointQueue } from './endpoint-queue.js';
import type { Endpoint, EndpointRegistry } from './endpoints.js';
import type { EventFaults } from '../engine/faults.js';
import { NO_DELIVERY_IDS, type DeliveryFault, type DeliveryRecord, type EventRecord, type Ledger } from './ledger.js';
import { decide, type Decision, type RetryPolicy } from './retry-policy.js';
import { flatString } from '../core/flat-string.js';
import { JsonText } from '../core/json-text.js';

export interface DeliveryDialect {
  readonly policy: RetryPolicy;
  /** Headers for one attempt of `body` to an endpoint with `secret`. */
  headers(body: string, secret: string): Record<string, string>;
}

export interface OutboxLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  /** When present and false for 'info', the per-attempt log line is not even built (pino has it). */
  isLevelEnabled?(level: string): boolean;
}

export interface OutboxOptions {
  readonly clock: Clock;
  readonly random: Random;
  readonly ledger: Ledger;
  readonly endpoints: EndpointRegistry;
  readonly dispatcher: Dispatcher;
  readonly dialect: (provider: string) => DeliveryDialect;
  readonly concurrency: number;
  readonly timeoutOverrideMs?: number;
  readonly logger: OutboxLogger;
}

export interface PublishRequest {
  readonly sessionId: string;
  readonly provider: string;
  readonly scope: string | null;
  readonly eventName: string;
  /** Serialised with JSON.stringify, unless it is JSON text already. */
  readonly payload: unknown;
  /** Scenario delivery faults for this event (reorder is the runner's business). */
  readonly faults?: EventFaults;
}

export interface Outbox {
  /** Records the event and resolves once every first attempt has finished. */
  publish(request: PublishRequest): Promise<EventRecord>;
  /** Sends an existing delivery's bytes again as a new attempt chain. */
  redeliver(deliveryId: string): Promise<DeliveryRecord | undefined>;
  idle(): Promise<void>;
  reset(): void;
}

/** What a dropped first attempt (scenario fault) records: a connection failure, never sent. */
const DROPPED: AttemptResult = {
  status: null,
  error: 'not sent: dropped by the scenario fault dropFirstAttempt (recorded as a connection failure)',
  retryAfter: null,
  latencyMs: 0,
  responseHeaders: {},
  responseSnippet: '',
};

/** A forged copy is sent once and never retried; its reason says whether the receiver fell for it. */
function forgedOutcome(result: AttemptResult): Decision {
  const accepted = result.status !== null && result.status >= 200 && result.status < 300;
  return {
    kind: 'stopped',
    reason: accepted
      ? `forged copy (scenario fault badSignature) ACCEPTED with ${result.status}: the receiver does not verify the signature`
      : `forged copy (scenario fault badSignature) rejected with ${result.status ?? result.error}; sent once, never retried`,
  };
}

export function createOutbox(options: OutboxOptions): Outbox {
  const { clock, ledger, endpoints, dispatcher, logger } = options;
  const ids = options.random.fork('outbox');
  const queues = new Map<string, EndpointQueue>();
  const retries = new Set<{ cancel(): void }>();
  const inFlight = new Set<Promise<unknown>>();
  // Bumped by reset(): attempts that were in flight then are dropped when they return.
  let epoch = 0;

  const queueFor = (endpointId: string): EndpointQueue => {
    let queue = queues.get(endpointId);
    if (!queue) {
      queue = new EndpointQueue(options.concurrency);
      queues.set(endpointId, queue);
    }
    return queue;
  };

  const attempt = async (delivery: DeliveryRecord): Promise<void> => {
    const dialect = options.dialect(delivery.provider);
    const timeoutMs = options.timeoutOverrideMs ?? dialect.policy.timeoutMs;
    const number = delivery.attempts.length + 1;
    // The attempt's simulated time: when it is recorded, decided and its retry counted from
    // (in real and scaled modes time moves on while the receiver answers).
    const attemptNow = clock.now();
    const at = new Date(attemptNow).toISOString();
    const started = epoch;
    const sending =
      number === 1 && delivery.faults.includes('drop-first-attempt')
        ? Promise.resolve(DROPPED)
        : queueFor(delivery.endpointId).run(() => dispatcher.send(delivery.url, delivery.body, delivery.requestHeaders, timeoutMs));
    inFlight.add(sending);
    let result: AttemptResult | undefined;
    try {
      result = await sending;
    } finally {
      inFlight.delete(sending);
    }
    // Dropped by a reset while waiting, or answered after one: nothing of it is recorded.
    if (result === undefined || epoch !== started) return;
    const decision = delivery.faults.includes('bad-signature') ? forgedOutcome(result) : decide(dialect.policy, result, number, attemptNow);
    const nextAt = decision.kind === 'retry' ? attemptNow + decision.waitMs : null;
    ledger.recordAttempt(
      delivery,
      {
        number,
        at,
        status: result.status,
        error: result.error,
        latencyMs: result.latencyMs,
        responseHeaders: result.responseHeaders,
        responseSnippet: result.responseSnippet,
        outcome: decision.kind,
        reason: decision.kind === 'delivered' ? null : decision.reason,
        nextAttemptAt: nextAt === null ? null : new Date(nextAt).toISOString(),
      },
      decision.kind === 'retry' ? 'pending' : decision.kind,
    );
    if (logger.isLevelEnabled?.('info') ?? true) {
      logger.info(
        {
          session: delivery.sessionId,
          event: delivery.eventName,
          endpoint: delivery.url,
          attempt: number,
          status: result.status ?? result.error,
          latencyMs: result.latencyMs,
          outcome: decision.kind,
        },
        'webhook attempt',
      );
    }
    if (nextAt !== null) {
      const task = clock.schedule(
        nextAt,
        () => {
          retries.delete(task);
          return attempt(delivery);
        },
        delivery.sessionId,
      );
      retries.add(task);
    }
  };

  const createDelivery = (event: EventRecord, endpoint: Endpoint, faults: readonly DeliveryFault[] = []): DeliveryRecord => {
    // A forged copy is signed with a secret the receiver does not have.
    const secret = faults.includes('bad-signature') ? `${endpoint.secret}-forged-by-kyc-sim` : endpoint.secret;
    const headers = options.dialect(event.provider).headers(event.body, secret);
    return ledger.addDelivery({
      id: ids.hex(8, 'dlv_'),
      eventId: event.id,
      sessionId: event.sessionId,
      provider: event.provider,
      eventName: event.eventName,
      endpointId: endpoint.id,
      url: endpoint.url,
      requestHeaders: headers,
      body: event.body,
      createdAt: clock.iso(),
      faults,
      state: 'pending',
      reason: null,
      nextAttemptAt: null,
      attempts: [],
    });
  };

  return {
    async publish(request) {
      const event = ledger.addEvent({
        id: ids.hex(8, 'evt_'),
        sessionId: request.sessionId,
        provider: request.provider,
        eventName: request.eventName,
        body: flatString(request.payload instanceof JsonText ? request.payload.text : JSON.stringify(request.payload)),
        createdAt: clock.iso(),
        deliveryIds: NO_DELIVERY_IDS,
      });
      const targets = endpoints.matching(request.provider, request.scope);
      if (targets.length === 0) {
        if (logger.isLevelEnabled?.('warn') ?? true) {
          logger.warn({ session: request.sessionId, event: request.eventName }, 'no webhook endpoint registered; event recorded only');
        }
        return event;
      }
      const faults = request.faults;
      const sendAll = (kind: readonly DeliveryFault[]) => Promise.all(targets.map((endpoint) => attempt(createDelivery(event, endpoint, kind))));
      if (faults?.badSignature) await sendAll(['bad-signature']);
      await sendAll(faults?.dropFirstAttempt ? ['drop-first-attempt'] : []);
      if (faults?.duplicate) await sendAll(['duplicate']);
      return event;
    },
    async redeliver(deliveryId) {
      const original = ledger.delivery(deliveryId);
      const event = original && ledger.event(original.eventId);
      const endpoint = original && endpoints.get(original.endpointId);
      if (!event || !endpoint) return undefined;
      const copy = createDelivery(event, endpoint);
      await attempt(copy);
      return copy;
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    reset() {
      epoch += 1;
      for (const task of retries) task.cancel();
      retries.clear();
      for (const queue of queues.values()) queue.drop();
      queues.clear();
    },
  };
}
