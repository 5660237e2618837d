// Turns an event into one delivery per matching endpoint, serialised once and signed
// once, then runs attempts through a bounded queue per endpoint (so a slow receiver only
// slows itself) and schedules retries on the clock according to the provider's policy.
import PQueue from 'p-queue';
import type { Clock } from '../core/clock.js';
import type { Random } from '../core/random.js';
import type { Dispatcher } from './dispatcher.js';
import type { Endpoint, EndpointRegistry } from './endpoints.js';
import type { DeliveryRecord, EventRecord, Ledger } from './ledger.js';
import { decide, type RetryPolicy } from './retry-policy.js';

export interface DeliveryDialect {
  readonly policy: RetryPolicy;
  /** Headers for one attempt of `body` to an endpoint with `secret`. */
  headers(body: string, secret: string): Record<string, string>;
}

export interface OutboxLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
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
  readonly payload: unknown;
}

export interface Outbox {
  /** Records the event and resolves once every first attempt has finished. */
  publish(request: PublishRequest): Promise<EventRecord>;
  /** Sends an existing delivery's bytes again as a new attempt chain. */
  redeliver(deliveryId: string): Promise<DeliveryRecord | undefined>;
  idle(): Promise<void>;
  reset(): void;
}

export function createOutbox(options: OutboxOptions): Outbox {
  const { clock, ledger, endpoints, dispatcher, logger } = options;
  const ids = options.random.fork('outbox');
  const queues = new Map<string, PQueue>();
  const retries = new Set<{ cancel(): void }>();
  const inFlight = new Set<Promise<unknown>>();
  // Bumped by reset(): attempts that were in flight then are dropped when they return.
  let epoch = 0;

  const queueFor = (endpointId: string): PQueue => {
    let queue = queues.get(endpointId);
    if (!queue) {
      queue = new PQueue({ concurrency: options.concurrency });
      queues.set(endpointId, queue);
    }
    return queue;
  };

  const attempt = async (delivery: DeliveryRecord): Promise<void> => {
    const dialect = options.dialect(delivery.provider);
    const timeoutMs = options.timeoutOverrideMs ?? dialect.policy.timeoutMs;
    const number = delivery.attempts.length + 1;
    const at = clock.iso();
    const started = epoch;
    const sending = queueFor(delivery.endpointId).add(() =>
      dispatcher.send(delivery.url, delivery.body, delivery.requestHeaders, timeoutMs),
    );
    inFlight.add(sending);
    const result = await sending.finally(() => inFlight.delete(sending));
    if (epoch !== started) return;
    const decision = decide(dialect.policy, result, number, clock.now());
    const nextAt = decision.kind === 'retry' ? clock.now() + decision.waitMs : null;
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
    if (nextAt !== null) {
      const task = clock.schedule(nextAt, () => {
        retries.delete(task);
        return attempt(delivery);
      });
      retries.add(task);
    }
  };

  const createDelivery = (event: EventRecord, endpoint: Endpoint): DeliveryRecord => {
    const headers = options.dialect(event.provider).headers(event.body, endpoint.secret);
    return ledger.addDelivery({
      id: `dlv_${ids.hex(8)}`,
      eventId: event.id,
      sessionId: event.sessionId,
      provider: event.provider,
      eventName: event.eventName,
      endpointId: endpoint.id,
      url: endpoint.url,
      requestHeaders: headers,
      body: event.body,
      createdAt: clock.iso(),
      state: 'pending',
      reason: null,
      nextAttemptAt: null,
      attempts: [],
    });
  };

  return {
    async publish(request) {
      const event = ledger.addEvent({
        id: `evt_${ids.hex(8)}`,
        sessionId: request.sessionId,
        provider: request.provider,
        eventName: request.eventName,
        body: JSON.stringify(request.payload),
        createdAt: clock.iso(),
        deliveryIds: [],
      });
      const targets = endpoints.matching(request.provider, request.scope);
      if (targets.length === 0) {
        logger.warn({ session: request.sessionId, event: request.eventName }, 'no webhook endpoint registered; event recorded only');
      }
      await Promise.all(targets.map((endpoint) => attempt(createDelivery(event, endpoint))));
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
      for (const queue of queues.values()) queue.clear();
      queues.clear();
    },
  };
}
