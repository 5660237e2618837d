#!/usr/bin/env node
// kyc-sim command line. `serve` (the default) reads the environment once and starts the
// simulator; bad configuration stops start-up with a message naming the variable.
import closeWithGrace from 'close-with-grace';
import { pino } from 'pino';
import { ConfigError, loadConfig } from '../core/config.js';
import { SETTINGS } from '../core/settings.js';
import { ScenarioLoadError } from '../engine/scenario-loader.js';
import { startServer } from '../server.js';
import { VERSION } from '../version.js';

const HELP = `kyc-sim ${VERSION}: local simulator of the VerifiMe and MetaMap KYC APIs and webhooks

Usage: kyc-sim [serve]        start the simulator (configured by environment variables)
       kyc-sim --version

Environment:
${SETTINGS.map((s) => `  ${s.name.padEnd(26)} ${s.description}\n  ${''.padEnd(26)} default: ${s.default}`).join('\n')}
`;

async function main(argv: string[]): Promise<number> {
  const command = argv[0] ?? 'serve';
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (command !== 'serve') {
    process.stderr.write(`kyc-sim: unknown command "${command}"\n\n${HELP}`);
    return 2;
  }
  return serve();
}

async function serve(): Promise<number> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`kyc-sim: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const logger = pino({
    level: config.logLevel,
    ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  });
  let server;
  try {
    server = await startServer(config, { logger });
  } catch (error) {
    if (error instanceof ScenarioLoadError) {
      logger.fatal(error.message);
      process.stderr.write(`kyc-sim: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  logger.info(
    { url: server.url, publicUrl: server.sim.publicUrl, seed: server.sim.seed, clock: config.clock.mode, scenarios: server.sim.catalogue.list().length },
    `kyc-sim ${VERSION} listening on ${server.url} (seed ${server.sim.seed}, ${config.clock.mode} clock)`,
  );
  const running = server;
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'shutting down after an error');
    else logger.info({ signal }, 'shutting down');
    await running.close();
  });
  return -1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`kyc-sim: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
