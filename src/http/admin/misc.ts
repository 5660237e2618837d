// GET /__admin/health, GET /__admin/scenarios, POST /__admin/reset.
import type { FastifyPluginAsync } from 'fastify';
import type { Simulator } from '../../simulator.js';
import { VERSION } from '../../version.js';
import { clockView } from './clock.js';

/** starting: not listening yet; ready: scenarios loaded and listening; stopping: shutting down. */
export type Readiness = 'starting' | 'ready' | 'stopping';

export function miscRoutes(sim: Simulator, readiness: () => Readiness = () => 'ready'): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/health',
      { schema: { tags: ['admin'], summary: 'Ready (200) once scenarios are loaded and the server listens; 503 while starting or stopping' } },
      async (_request, reply) => {
        const state = readiness();
        if (state !== 'ready') reply.code(503);
        return {
          status: state === 'ready' ? 'ok' : state,
          ready: state === 'ready',
          version: VERSION,
          clock: clockView(sim),
          seed: sim.seed,
          scenarios: sim.catalogue.list().length,
          sessions: sim.store.size(),
          pendingDeliveries: sim.ledger.pendingCount(),
        };
      },
    );

    app.get<{ Querystring: { provider?: string } }>(
      '/scenarios',
      {
        schema: {
          tags: ['admin'],
          summary: 'Scenario catalogue with descriptions and timelines',
          querystring: { type: 'object', properties: { provider: { type: 'string' } } },
        },
      },
      async (request) => ({
        scenarios: sim.catalogue.list(request.query.provider).map((s) => ({
          provider: s.provider,
          name: s.name,
          description: s.description,
          default: sim.provider(s.provider).defaultScenario === s.name,
          file: s.file,
          timeline: s.timeline,
        })),
      }),
    );

    app.post('/reset', { schema: { tags: ['admin'], summary: 'Back to the start-up state (sessions, deliveries, webhooks, clock, seed)' } }, async () => {
      await sim.reset();
      return { status: 'reset', clock: clockView(sim) };
    });
  };
}
