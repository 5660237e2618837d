// kyc-sim validate [dir]: checks scenario files the way start-up does (CI for users' own
// scenarios). Exit 0 when every file is valid, 1 with file / path / valid-choices errors.
import { resolve } from 'node:path';
import { BUNDLED_SCENARIOS_DIR, loadConfig } from '../core/config.js';
import { loadScenarios, ScenarioLoadError } from '../engine/scenario-loader.js';
import { createProviders } from '../providers/registry.js';
import { parse, type Command } from './args.js';

export const validateUsage = `Usage: kyc-sim validate [dir]

Checks every scenario file under dir/verifime/ and dir/metamap/ (YAML or JSON) against the
scenario schema, as start-up does. dir defaults to SCENARIOS_DIR, else the bundled scenarios.
Exits 0 when all files are valid and 1 with one line per problem (file, path, valid choices).
`;

export const validate: Command = async (argv, io) => {
  const { values, positionals } = parse(argv, {}, 1);
  if (values.help) {
    io.out(validateUsage);
    return 0;
  }
  const dir = resolve(positionals[0] ?? (io.env.SCENARIOS_DIR?.trim() || BUNDLED_SCENARIOS_DIR));
  // The scenario schemas do not depend on configuration: the defaults describe every provider.
  const providers = createProviders(loadConfig({}));
  try {
    const scenarios = await loadScenarios(dir, providers);
    const byProvider = providers.map((p) => {
      const names = scenarios.filter((s) => s.provider === p.id).map((s) => s.name);
      return `  ${p.id} (${names.length}): ${names.join(', ') || '(none)'}`;
    });
    io.out(`ok: ${scenarios.length} valid scenarios in ${dir}\n${byProvider.join('\n')}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ScenarioLoadError)) throw error;
    const count = error.problems.length;
    io.err(`kyc-sim validate: ${count} ${count === 1 ? 'problem' : 'problems'} in ${dir}:\n  - ${error.problems.join('\n  - ')}\n`);
    return 1;
  }
};
