// An optional second listener that speaks HTTPS (HTTPS_PORT), as WireMock's --https-port and
// stripe-mock's port 12112 do: the same fastify app answers on both. Clients that hard-code a
// provider's https:// host (VerifiMe's widget bundle calls https://api.main.verifime.com) can
// reach kyc-sim once their DNS or browser maps that host to it. The certificate is kyc-sim's
// bundled self-signed one (fixtures/tls: localhost, 127.0.0.1 and the providers' hostnames;
// its key is public, never use it for anything real) unless TLS_CERT / TLS_KEY name yours.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { ConfigError, type TlsConfig } from '../core/config.js';

export const BUNDLED_TLS_CERT = fileURLToPath(new URL('../../fixtures/tls/kyc-sim.crt', import.meta.url));
export const BUNDLED_TLS_KEY = fileURLToPath(new URL('../../fixtures/tls/kyc-sim.key', import.meta.url));

export interface HttpsListener {
  readonly port: number;
  close(): Promise<void>;
}

async function readPem(variable: string, path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new ConfigError([`${variable}: cannot read "${path}" (${(error as NodeJS.ErrnoException).code ?? String(error)}); give a PEM file`]);
  }
}

/** Listens on `tls.port` and hands every request to the app, as its own HTTP server does. */
export async function listenHttps(app: FastifyInstance, tls: TlsConfig, host: string): Promise<HttpsListener> {
  const cert = await readPem('TLS_CERT', tls.certFile ?? BUNDLED_TLS_CERT);
  const key = await readPem('TLS_KEY', tls.keyFile ?? BUNDLED_TLS_KEY);
  let server: Server;
  try {
    server = createServer({ cert, key }, (request, response) => app.server.emit('request', request, response));
  } catch (error) {
    throw new ConfigError([`TLS_CERT / TLS_KEY: not a usable certificate and key (${(error as Error).message})`]);
  }
  server.keepAliveTimeout = app.server.keepAliveTimeout;
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new ConfigError([`HTTPS_PORT: ${host}:${tls.port} is already in use; pick another (--https-port)`]) : error);
    server.once('error', failed);
    server.listen(tls.port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : tls.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
