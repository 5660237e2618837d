// GET /__admin/clock and POST /__admin/clock/advance (manual clock only).
import type { FastifyPluginAsync } from 'fastify';
import type { Simulator } from '../../simulator.js';
import { advanceClock } from './actions.js';

export function clockView(sim: Simulator) {
  const next = sim.clock.nextAt();
  return {
    mode: sim.clock.mode,
    scale: sim.clock.scale,
    now: sim.clock.iso(),
    pendingTasks: sim.clock.pending(),
    nextDueAt: next === undefined ? null : new Date(next).toISOString(),
  };
}

export function clockRoutes(sim: Simulator): FastifyPluginAsync {
  return async (app) => {
    app.get('/clock', { schema: { tags: ['admin'], summary: 'Clock mode and current simulated time' } }, async () => clockView(sim));

    app.post<{ Body: { by: string } }>(
      '/clock/advance',
      {
        schema: {
          tags: ['admin'],
          summary: 'Manual clock: move time forward, fire every due event in order, answer after their delivery attempts',
          body: {
            type: 'object',
            required: ['by'],
            properties: { by: { type: 'string', description: 'duration such as 90s, 15m or 2h' } },
            additionalProperties: false,
          },
        },
      },
      async (request) => {
        const by = await advanceClock(sim, request.body.by);
        return { ...clockView(sim), advancedBy: by };
      },
    );
  };
}
