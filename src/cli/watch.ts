// `serve --watch`: reloads the scenario files when anything under SCENARIOS_DIR changes,
// without a restart. A broken file keeps the previous set and the log says why.
import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from 'pino';
import { ScenarioLoadError } from '../engine/scenario-loader.js';
import type { Simulator } from '../simulator.js';

export interface ScenarioWatcher {
  close(): void;
}

export function watchScenarios(sim: Simulator, logger: Logger, options: { debounceMs?: number } = {}): ScenarioWatcher {
  const dir = sim.config.scenariosDir;
  const debounceMs = options.debounceMs ?? 150;
  let timer: NodeJS.Timeout | undefined;
  let reloading: Promise<void> | undefined;
  let again = false;
  let closed = false;

  const reload = async (): Promise<void> => {
    const before = sim.catalogue.list().length;
    try {
      const count = await sim.reloadScenarios();
      logger.info({ dir, scenarios: count }, `scenario files reloaded: ${count} scenarios`);
    } catch (error) {
      const problems = error instanceof ScenarioLoadError ? error.problems : [(error as Error).message];
      logger.error(
        { dir, problems, scenarios: before },
        `scenario files not reloaded; keeping the previous ${before} scenarios:\n  - ${problems.join('\n  - ')}`,
      );
    }
  };

  const run = (): void => {
    timer = undefined;
    if (closed) return;
    if (reloading) {
      again = true;
      return;
    }
    reloading = reload().finally(() => {
      reloading = undefined;
      if (again && !closed) {
        again = false;
        run();
      }
    });
  };

  const changed = (_event: string, file: string | Buffer | null): void => {
    const name = file === null ? '' : String(file);
    // Editor droppings (swap and backup files) are not scenarios.
    if (/(^|\/)\.[^/]*\.sw[a-p]$|~$|\.tmp$/.test(name)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, debounceMs);
  };

  let watcher: FSWatcher;
  try {
    watcher = watch(dir, { recursive: true, persistent: false }, changed);
  } catch (error) {
    logger.error({ dir, err: error }, `cannot watch ${dir}; scenario files will not be reloaded`);
    return { close() {} };
  }
  watcher.on('error', (error) => logger.error({ dir, err: error }, 'scenario watcher failed'));
  logger.info({ dir }, `watching ${dir} for scenario changes`);
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}
