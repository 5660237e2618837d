// kyc-sim serve: starts the simulator. Every option mirrors an environment variable of
// SETTINGS (--scenarios-dir for SCENARIOS_DIR); an option overrides the variable.
// The server's modules load only when it starts, so --help and usage errors stay fast.
import type { Logger } from 'pino';
import type { RunningServer } from '../server.js';
import { formatTable, parse, SETTING_FLAGS, type Command, type Io, type OptionSpec } from './args.js';

/** How long a shutdown waits for in-flight webhook deliveries (below docker stop's 10 s). */
export const DRAIN_MS = 8_000;

export function serveUsage(): string {
  return `Usage: kyc-sim serve [options]

Starts the simulator. Every option mirrors the environment variable named next to it;
an option given on the command line overrides the variable.

Options:
${formatTable(SETTING_FLAGS.map(({ flag, setting }) => [`--${flag} <value>`, `${setting.name}: ${setting.description} (default: ${setting.default})`]))}
${formatTable([
  ['--watch', 'reload scenario files when they change (a broken file keeps the previous set)'],
  ['-h, --help', 'show this help'],
])}
`;
}

const OPTIONS: Record<string, OptionSpec> = {
  watch: { type: 'boolean' },
  ...Object.fromEntries(SETTING_FLAGS.map(({ flag }) => [flag, { type: 'string' } as const])),
};

/** The environment serve reads: the process environment with the options laid over it. */
export function serveEnv(values: Record<string, string | boolean | undefined>, env: Io['env']): Record<string, string | undefined> {
  const merged: Record<string, string | undefined> = { ...env };
  for (const { flag, setting } of SETTING_FLAGS) {
    const value = values[flag];
    if (typeof value === 'string') merged[setting.name] = value;
  }
  return merged;
}

export const serve: Command = async (argv, io) => {
  const { values } = parse(argv, OPTIONS, 0);
  if (values.help) {
    io.out(serveUsage());
    return 0;
  }
  const { ConfigError, loadConfig } = await import('../core/config.js');
  let config;
  try {
    config = loadConfig(serveEnv(values, io.env));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Name the option too when the bad value came from one.
    const problems = error.problems.map((problem) => {
      const found = SETTING_FLAGS.find(({ setting }) => problem.startsWith(`${setting.name}: `));
      return found && typeof values[found.flag] === 'string' ? problem.replace(`${found.setting.name}: `, `${found.setting.name} (--${found.flag}): `) : problem;
    });
    io.err(`kyc-sim: invalid configuration:\n  - ${problems.join('\n  - ')}\n`);
    return 1;
  }
  const [{ default: closeWithGrace }, { pino }, { ScenarioLoadError }, { FlowsError }, { startServer }, { VERSION }, { watchScenarios }] = await Promise.all([
    import('close-with-grace'),
    import('pino'),
    import('../engine/scenario-loader.js'),
    import('../providers/metamap/flows.js'),
    import('../server.js'),
    import('../version.js'),
    import('./watch.js'),
  ]);
  const logger = pino({
    level: config.logLevel,
    ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  });
  let server: RunningServer;
  try {
    server = await startServer(config, { logger });
  } catch (error) {
    if (error instanceof ScenarioLoadError || error instanceof FlowsError || error instanceof ConfigError) {
      logger.fatal(error.message);
      io.err(`kyc-sim: ${error.message}\n`);
      return 1;
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      io.err(`kyc-sim: ${config.host}:${config.port} is already in use; pick another with --port or PORT\n`);
      return 1;
    }
    throw error;
  }
  logger.info(
    { url: server.url, httpsUrl: server.httpsUrl, publicUrl: server.sim.publicUrl, seed: server.sim.seed, clock: config.clock.mode, scenarios: server.sim.catalogue.list().length },
    `kyc-sim ${VERSION} listening on ${server.url}${server.httpsUrl ? ` and ${server.httpsUrl}` : ''} (seed ${server.sim.seed}, ${config.clock.mode} clock)`,
  );
  const watcher = values.watch ? watchScenarios(server.sim, logger) : undefined;
  // SIGTERM/SIGINT (and a crash): stop accepting requests, let in-flight deliveries finish
  // within DRAIN_MS, then exit (0 after a signal, 1 after a crash). A second signal exits now.
  closeWithGrace(
    { delay: DRAIN_MS + 1_500, logger: { error: (message: unknown) => logger.error(String(message)) } },
    async ({ signal, err }) => {
      if (err) logger.error({ err }, 'shutting down after an error');
      else logger.info({ signal }, `${signal ?? 'exit'}: shutting down`);
      watcher?.close();
      await shutdown(server, logger);
    },
  );
  return new Promise<number>(() => {
    // runs until a signal; close-with-grace ends the process
  });
};

/** Closes the server; gives in-flight deliveries up to DRAIN_MS. */
export async function shutdown(server: RunningServer, logger: Logger, drainMs = DRAIN_MS): Promise<void> {
  const waiting = server.sim.ledger.pendingCount();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), drainMs);
  });
  const result = await Promise.race([server.close().then(() => 'closed' as const), timedOut]);
  clearTimeout(timer);
  if (result === 'timeout') logger.warn(`webhook deliveries still in flight after ${drainMs} ms; exiting without them`);
  else logger.info({ pendingDeliveries: waiting }, waiting > 0 ? `stopped; ${waiting} deliveries were pending (state is in memory only)` : 'stopped');
}
