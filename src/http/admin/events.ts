// GET /__admin/events: every event a session produced (also those no endpoint received),
// with its exact body and the deliveries made of it. The inspector's timeline reads this.
import type { FastifyPluginAsync } from 'fastify';
import type { Simulator } from '../../simulator.js';

export function eventRoutes(sim: Simulator): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Querystring: { session?: string } }>(
      '/events',
      {
        schema: {
          tags: ['admin'],
          summary: 'Webhook events as produced (exact body), oldest first, with the ids of their deliveries',
          querystring: { type: 'object', properties: { session: { type: 'string' } }, additionalProperties: false },
        },
      },
      async (request) => ({ events: sim.ledger.events(request.query.session) }),
    );
  };
}
