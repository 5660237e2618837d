// Starts a simulator and serves it: the path `kyc-sim serve` and `npm start` take.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './core/config.js';
import { isLoopbackUrl, loopbackWarning } from './core/loopback.js';
import { buildApp } from './http/app.js';
import { listenHttps, type HttpsListener } from './http/https-listener.js';
import type { Readiness } from './http/admin/misc.js';
import { createSimulator, type Simulator } from './simulator.js';

export interface RunningServer {
  readonly sim: Simulator;
  readonly app: FastifyInstance;
  /** Where the server actually listens (port 0 resolved). */
  readonly url: string;
  /** The HTTPS listener's URL when HTTPS_PORT is set (same app, same state). */
  readonly httpsUrl: string | undefined;
  /** What GET /__admin/health reports: `ready` only after scenarios load and the server listens. */
  readonly readiness: Readiness;
  /** Stops accepting requests, then lets in-flight webhook deliveries finish and stops every timer. */
  close(): Promise<void>;
}

export async function startServer(config: Config, options: { logger?: Logger } = {}): Promise<RunningServer> {
  const sim = await createSimulator(config, options);
  let readiness: Readiness = 'starting';
  const app = await buildApp(sim, { readiness: () => readiness });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  sim.bindPort(port);
  let secure: HttpsListener | undefined;
  try {
    secure = config.tls ? await listenHttps(app, config.tls, config.host) : undefined;
  } catch (error) {
    await app.close();
    await sim.close();
    throw error;
  }
  if (config.inContainer) {
    for (const url of [config.verifime.webhookUrl, config.metamap.webhookUrl]) {
      if (url !== undefined && isLoopbackUrl(url)) sim.logger.warn({ url }, loopbackWarning(url));
    }
  }
  readiness = 'ready';
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const authority = (p: number) => `${host.includes(':') ? `[${host}]` : host}:${p}`;
  let closing: Promise<void> | undefined;
  return {
    sim,
    app,
    url: `http://${authority(port)}`,
    httpsUrl: secure ? `https://${authority(secure.port)}` : undefined,
    get readiness() {
      return readiness;
    },
    close() {
      closing ??= (async () => {
        readiness = 'stopping';
        await secure?.close();
        await app.close();
        await sim.close();
      })();
      return closing;
    },
  };
}
