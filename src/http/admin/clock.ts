// GET /__admin/clock and POST /__admin/clock/advance (manual clock only).
import type { FastifyPluginAsync } from 'fastify';
import { parseDuration } from '../../core/duration.js';
import type { Simulator } from '../../simulator.js';
import { ProblemError } from '../problem.js';

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
        if (sim.clock.mode !== 'manual') {
          throw new ProblemError(409, 'clock-not-manual', `the clock is in ${sim.clock.mode} mode; start kyc-sim with CLOCK=manual to advance it`);
        }
        const by = parseDuration(request.body.by);
        if (by === undefined) throw new ProblemError(400, 'invalid-duration', `"${request.body.by}" is not a duration; use e.g. 30s, 15m or 2h`);
        await sim.clock.advance(by);
        await sim.clock.idle();
        return { ...clockView(sim), advancedBy: by };
      },
    );
  };
}
