// Starts a simulator and serves it: the path `kyc-sim serve` and `npm start` take.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './core/config.js';
import { buildApp } from './http/app.js';
import { createSimulator, type Simulator } from './simulator.js';

export interface RunningServer {
  readonly sim: Simulator;
  readonly app: FastifyInstance;
  /** Where the server actually listens (port 0 resolved). */
  readonly url: string;
  close(): Promise<void>;
}

export async function startServer(config: Config, options: { logger?: Logger } = {}): Promise<RunningServer> {
  const sim = await createSimulator(config, options);
  const app = await buildApp(sim);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  sim.bindPort(port);
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  let closing: Promise<void> | undefined;
  return {
    sim,
    app,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close() {
      closing ??= (async () => {
        await app.close();
        await sim.close();
      })();
      return closing;
    },
  };
}
