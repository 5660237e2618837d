// GET /__admin/ui: the inspector, a page over the admin API (sessions, deliveries with
// every attempt, clock, scenarios, webhook endpoints). Its code is src/web/browser/inspector*.ts.
import type { FastifyPluginAsync } from 'fastify';
import { inspectorPage } from '../../web/inspector-page.js';

export function uiRoutes(): FastifyPluginAsync {
  return async (app) => {
    app.get('/ui', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html').send(inspectorPage()));
    app.get('/ui/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/__admin/ui'));
  };
}
