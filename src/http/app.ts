// buildApp(sim): the fastify instance with every surface registered. It never listens,
// so tests and the CLI decide how to serve it.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Simulator } from '../simulator.js';
import { VERSION } from '../version.js';
import { browserAssetRoutes } from '../web/browser-assets.js';
import { homePage } from '../web/home-page.js';
import { clockRoutes } from './admin/clock.js';
import { deliveryRoutes } from './admin/deliveries.js';
import { eventRoutes } from './admin/events.js';
import { miscRoutes, type Readiness } from './admin/misc.js';
import { sessionRoutes } from './admin/sessions.js';
import { uiRoutes } from './admin/ui.js';
import { waitRoutes } from './admin/wait.js';
import { webhookRoutes } from './admin/webhooks.js';
import { adminSharedSchemas } from './admin/response-schemas.js';
import { withAdminResponses } from './admin/responses.js';
import { frameworkErrors, installFallbacks } from './fallback.js';
import { openapiOptions, plainJsonSerializer } from './openapi.js';
import { adminErrorHandler } from './problem.js';
import { lazyRequestLogger } from './request-logger.js';

export interface AppOptions {
  /** What GET /__admin/health reports; the server says `ready` only once it listens. */
  readonly readiness?: () => Readiness;
}

export async function buildApp(sim: Simulator, options: AppOptions = {}): Promise<FastifyInstance> {
  const requestLines = sim.config.logLevel === 'debug' || sim.config.logLevel === 'trace';
  const app = Fastify({
    loggerInstance: sim.logger,
    // Per-request lines only at debug; webhook attempts are logged at info by the outbox.
    logController: new LogController({ disableRequestLogging: !requestLines }),
    // Without request lines a request logs only when something fails: make its child then.
    ...(requestLines ? {} : { childLoggerFactory: lazyRequestLogger }),
    // Our own, tested schemas: skip compiling the meta-schema for every server (test start-up time).
    ajv: { customOptions: { keywords: ['faker'], validateSchema: false } },
    forceCloseConnections: true,
    // A client whose base URL ends in "/" asks for //v1/user/invite; real API gateways
    // answer that as /v1/user/invite.
    routerOptions: { ignoreDuplicateSlashes: true },
    schemaController: plainJsonSerializer,
    frameworkErrors,
  }) as unknown as FastifyInstance;

  await app.register(swagger, openapiOptions(sim));
  await app.register(swaggerUi, { routePrefix: '/documentation' });
  installFallbacks(app);

  for (const provider of sim.providers) await app.register(provider.routes(sim));

  await app.register(
    async (admin) => {
      admin.setErrorHandler(adminErrorHandler);
      for (const schema of adminSharedSchemas) admin.addSchema(schema);
      admin.addHook('onRoute', withAdminResponses);
      await admin.register(miscRoutes(sim, options.readiness));
      await admin.register(sessionRoutes(sim));
      await admin.register(clockRoutes(sim));
      await admin.register(deliveryRoutes(sim));
      await admin.register(webhookRoutes(sim));
      await admin.register(eventRoutes(sim));
      await admin.register(waitRoutes(sim));
      await admin.register(uiRoutes());
    },
    { prefix: '/__admin' },
  );

  await app.register(browserAssetRoutes());
  app.get('/', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html').send(homePage({ version: VERSION, clockMode: sim.clock.mode, publicUrl: sim.publicUrl })),
  );
  return app;
}
