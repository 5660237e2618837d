// GET /__admin/sessions, GET /__admin/sessions/:id, POST /__admin/sessions/:id/complete.
import type { FastifyPluginAsync } from 'fastify';
import type { Simulator } from '../../simulator.js';
import { completeSession, findSession } from './actions.js';
import { sessionDetail, sessionSummary } from './views.js';

const idParams = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;

export function sessionRoutes(sim: Simulator): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Querystring: { provider?: string; phase?: string } }>(
      '/sessions',
      {
        schema: {
          tags: ['admin'],
          summary: 'Sessions of both providers, newest first',
          querystring: { type: 'object', properties: { provider: { type: 'string' }, phase: { type: 'string' } } },
        },
      },
      async (request) => ({
        sessions: sim.store
          .list(request.query)
          .reverse()
          .map((s) => sessionSummary(sim, s)),
      }),
    );

    app.get<{ Params: { id: string } }>(
      '/sessions/:id',
      { schema: { tags: ['admin'], summary: 'One session: state, scenario, timeline, deliveries with every attempt', params: idParams } },
      async (request) => sessionDetail(sim, findSession(sim, request.params.id)),
    );

    app.post<{ Params: { id: string }; Body: { scenario?: string } | undefined }>(
      '/sessions/:id/complete',
      {
        schema: {
          tags: ['admin'],
          summary: 'The customer finishes data entry (end of Phase 1); Phase 2 starts on the clock',
          params: idParams,
          body: {
            type: ['object', 'null'],
            properties: { scenario: { type: 'string', description: 'explicit scenario; overrides conventions and metadata' } },
            additionalProperties: false,
          },
        },
      },
      async (request) => {
        const session = await completeSession(sim, request.params.id, request.body?.scenario ?? null);
        return sessionDetail(sim, session);
      },
    );
  };
}
