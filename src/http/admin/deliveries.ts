// GET /__admin/deliveries (filterable), GET /__admin/deliveries/:id, POST .../redeliver.
import type { FastifyPluginAsync } from 'fastify';
import type { DeliveryState } from '../../webhooks/ledger.js';
import type { Simulator } from '../../simulator.js';
import { ProblemError } from '../problem.js';
import { deliveryView } from './views.js';

type Query = { session?: string; provider?: string; event?: string; state?: DeliveryState };

export function deliveryRoutes(sim: Simulator): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Querystring: Query }>(
      '/deliveries',
      {
        schema: {
          tags: ['admin'],
          summary: 'Every webhook delivery with every attempt (exact body and headers, status, latency, next attempt)',
          querystring: {
            type: 'object',
            properties: {
              session: { type: 'string' },
              provider: { type: 'string' },
              event: { type: 'string' },
              state: { type: 'string', enum: ['pending', 'delivered', 'stopped', 'dead-lettered'] },
            },
            additionalProperties: false,
          },
        },
      },
      async (request) => {
        const q = request.query;
        return {
          deliveries: sim.ledger
            .deliveries({ sessionId: q.session, provider: q.provider, eventName: q.event, state: q.state })
            .map(deliveryView),
        };
      },
    );

    app.get<{ Params: { id: string } }>('/deliveries/:id', { schema: { tags: ['admin'], summary: 'One delivery' } }, async (request) => {
      const delivery = sim.ledger.delivery(request.params.id);
      if (!delivery) throw new ProblemError(404, 'delivery-not-found', `no delivery with id ${request.params.id}`);
      return deliveryView(delivery);
    });

    app.post<{ Params: { id: string } }>(
      '/deliveries/:id/redeliver',
      { schema: { tags: ['admin'], summary: 'Send the same event bytes again to the same endpoint as a new delivery' } },
      async (request) => {
        const copy = await sim.outbox.redeliver(request.params.id);
        if (!copy) throw new ProblemError(404, 'delivery-not-found', `no delivery ${request.params.id} whose endpoint is still registered`);
        return deliveryView(copy);
      },
    );
  };
}
