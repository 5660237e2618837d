// GET /__admin/wait: a long-poll that answers as soon as the ledger records a matching
// delivery attempt, or 408 when the timeout (real seconds, not simulated time: it bounds
// how long an HTTP client waits) runs out. Out-of-process tests use it instead of sleeping.
import type { FastifyPluginAsync } from 'fastify';
import { parseDuration } from '../../core/duration.js';
import type { Simulator } from '../../simulator.js';
import { waitForDeliveries, type DeliveryQuery } from '../../webhooks/delivery-waiter.js';
import { ProblemError } from '../problem.js';
import { deliveryView } from './views.js';

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_TIMEOUT_MS = 10 * 60_000;
const STATES = ['attempted', 'pending', 'delivered', 'stopped', 'dead-lettered'] as const;

interface Query {
  session?: string;
  provider?: string;
  event?: string;
  delivered?: boolean;
  state?: (typeof STATES)[number];
  status?: number;
  count?: number;
  timeout?: string;
}

export function waitRoutes(sim: Simulator): FastifyPluginAsync {
  return async (app) => {
    // A closing server answers its waiting long-polls at once rather than holding close().
    const closing = new AbortController();
    app.addHook('preClose', async () => closing.abort());

    const querystring = {
      type: 'object',
      properties: {
        session: { type: 'string', description: 'session id (VerifiMe tracking reference, MetaMap verification id)' },
        provider: { type: 'string', enum: sim.providers.map((p) => p.id) },
        event: { type: 'string', description: 'event name, e.g. RISK_ASSESSMENT_UPDATED or verification_completed' },
        delivered: { type: 'boolean', description: 'true: wait for a delivered (2xx) delivery; same as state=delivered' },
        state: { type: 'string', enum: [...STATES], description: 'delivery state to wait for; default attempted (any outcome)' },
        status: { type: 'integer', minimum: 100, maximum: 599, description: 'an HTTP status the receiver answered to one of the attempts' },
        count: { type: 'integer', minimum: 1, maximum: 10_000, default: 1, description: 'how many matching deliveries' },
        timeout: { type: 'string', description: 'real time to wait, e.g. 10s (default 30s, at most 10m)' },
      },
      additionalProperties: false,
    };
    const queryKeys = Object.keys(querystring.properties);

    app.get<{ Querystring: Query }>(
      '/wait',
      {
        schema: {
          tags: ['admin'],
          summary: 'Long-poll: answer once a matching webhook delivery attempt is recorded (408 on timeout)',
          querystring,
        },
      },
      async (request, reply) => {
        const q = request.query;
        // fastify strips unknown query keys; a typo such as "sesion" would then wait for anything.
        const unknown = [...new URL(request.url, 'http://x').searchParams.keys()].filter((key) => !queryKeys.includes(key));
        if (unknown.length > 0) {
          throw new ProblemError(400, 'unknown-parameter', `unknown query parameter ${unknown.join(', ')}; valid: ${queryKeys.join(', ')}`);
        }
        if (q.delivered === true && q.state !== undefined && q.state !== 'delivered') {
          throw new ProblemError(400, 'conflicting-query', `delivered=true and state=${q.state} contradict each other`);
        }
        if (q.status !== undefined && (q.state !== undefined || q.delivered === true)) {
          throw new ProblemError(400, 'conflicting-query', 'give either status (an HTTP status) or state/delivered, not both');
        }
        const timeoutMs = q.timeout === undefined ? DEFAULT_TIMEOUT_MS : parseDuration(q.timeout);
        if (timeoutMs === undefined || timeoutMs > MAX_TIMEOUT_MS) {
          throw new ProblemError(400, 'invalid-duration', `timeout "${q.timeout}" must be a duration of at most 10m, e.g. 500ms, 10s or 2m`);
        }
        const query: DeliveryQuery = {
          sessionId: q.session,
          provider: q.provider,
          eventName: q.event,
          status: q.status ?? q.state ?? (q.delivered ? 'delivered' : 'attempted'),
          count: q.count,
        };
        const signal = AbortSignal.any([closing.signal, AbortSignal.timeout(timeoutMs)]);
        const found = await waitForDeliveries(sim.ledger, query, signal);
        if (found) return { matched: found.length, deliveries: found.map(deliveryView) };
        if (closing.signal.aborted) throw new ProblemError(503, 'shutting-down', 'kyc-sim is shutting down');
        reply.header('retry-after', '0');
        throw new ProblemError(408, 'wait-timeout', `no matching delivery within ${q.timeout ?? '30s'}`, {
          query: { ...q, timeout: q.timeout ?? '30s' },
        });
      },
    );
  };
}
