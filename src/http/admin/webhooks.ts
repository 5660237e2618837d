// POST/GET/DELETE /__admin/webhooks: register receivers like the providers' dashboards do.
import type { FastifyPluginAsync } from 'fastify';
import { isLoopbackUrl, loopbackWarning } from '../../core/loopback.js';
import type { Simulator } from '../../simulator.js';
import { ProblemError } from '../problem.js';

type Body = { provider: string; url: string; secret?: string; scope?: string };

export function webhookRoutes(sim: Simulator): FastifyPluginAsync {
  return async (app) => {
    const providers = sim.providers.map((p) => p.id);

    app.post<{ Body: Body }>(
      '/webhooks',
      {
        schema: {
          tags: ['admin'],
          summary: 'Register a webhook endpoint; answers its id and secret (generated when not given)',
          body: {
            type: 'object',
            required: ['provider', 'url'],
            properties: {
              provider: { type: 'string', enum: providers },
              url: { type: 'string', format: 'uri', pattern: '^https?://' },
              secret: { type: 'string', minLength: 1 },
              scope: { type: 'string', description: 'VerifiMe organisation code or MetaMap flow id; omit for every event of the provider' },
            },
            additionalProperties: false,
          },
        },
      },
      async (request, reply) => {
        const { provider, url, secret, scope } = request.body;
        const endpoint = sim.registerEndpoint({ provider, url, secret, scope: scope ?? null });
        // Inside a container, localhost is the container itself: say so, in the log and the answer.
        if (sim.config.inContainer && isLoopbackUrl(url)) {
          const warning = loopbackWarning(url);
          request.log.warn({ provider, url }, warning);
          return reply.code(201).send({ ...endpoint, warning });
        }
        return reply.code(201).send(endpoint);
      },
    );

    app.get<{ Querystring: { provider?: string; showSecrets?: boolean } }>(
      '/webhooks',
      {
        schema: {
          tags: ['admin'],
          summary: 'Registered endpoints (secrets hidden unless showSecrets=true)',
          querystring: { type: 'object', properties: { provider: { type: 'string' }, showSecrets: { type: 'boolean' } } },
        },
      },
      async (request) => ({
        webhooks: sim.endpoints
          .list(request.query.provider)
          .map((e) => (request.query.showSecrets ? e : { ...e, secret: `${e.secret.slice(0, 4)}…` })),
      }),
    );

    app.delete<{ Params: { id: string } }>('/webhooks/:id', { schema: { tags: ['admin'], summary: 'Remove an endpoint' } }, async (request, reply) => {
      if (!sim.endpoints.remove(request.params.id)) throw new ProblemError(404, 'webhook-not-found', `no webhook endpoint ${request.params.id}`);
      return reply.code(204).send();
    });
  };
}
