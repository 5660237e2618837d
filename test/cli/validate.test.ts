// kyc-sim validate [dir]: exit 0 for valid scenario files, 1 with file / path / valid choices.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { ROOT, runCli } from '../support/cli.js';

const copyScenarios = (t: Test): string => {
  const dir = mkdtempSync(join(tmpdir(), 'kyc-sim-validate-'));
  cpSync(join(ROOT, 'scenarios'), dir, { recursive: true });
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

t.test('the bundled scenarios are valid', async (t) => {
  const result = await runCli(t, ['validate']);
  t.equal(result.code, 0, result.stderr);
  t.match(result.stdout, /^ok: 22 valid scenarios in .*scenarios\n/);
  t.match(result.stdout, /verifime \(11\): .*progressive/);
  t.match(result.stdout, /metamap \(11\): .*review-negligence/);
});

t.test('a folder given as argument, or SCENARIOS_DIR', async (t) => {
  const dir = copyScenarios(t);
  writeFileSync(join(dir, 'verifime', 'custom.yaml'), 'version: 1\ndescription: mine\ntimeline:\n  - { event: RISK_ASSESSMENT_UPDATED, at: 30s, data: { assessmentStatus: ASSESSED, riskLevel: HIGH } }\n');
  const [byArg, byEnv] = await Promise.all([runCli(t, ['validate', dir]), runCli(t, ['validate'], { SCENARIOS_DIR: dir })]);
  t.equal(byArg.code, 0, byArg.stderr);
  t.match(byArg.stdout, `ok: 23 valid scenarios in ${dir}`);
  t.match(byArg.stdout, /custom/);
  t.equal(byEnv.code, 0, byEnv.stderr);
  t.match(byEnv.stdout, `in ${dir}`);
});

t.test('broken files: exit 1, one line per problem with file, path and valid choices', async (t) => {
  const dir = copyScenarios(t);
  writeFileSync(join(dir, 'verifime', 'typo.yaml'), 'version: 1\ndescription: typo\ntimeline:\n  - { event: RISK_ASSESSMENT_UPDATED, at: 30s, data: { assessmentStatus: ASSESSED, riskLevel: LOWW } }\n');
  writeFileSync(join(dir, 'metamap', 'extra-key.yaml'), 'version: 1\ndescription: extra\nsurprise: true\ntimeline: []\n');
  writeFileSync(join(dir, 'metamap', 'unparsable.json'), '{ not json');
  const result = await runCli(t, ['validate', dir]);
  t.equal(result.code, 1);
  t.equal(result.stdout, '');
  t.match(result.stderr, /^kyc-sim validate: 3 problems in /);
  t.match(result.stderr, new RegExp(`${join(dir, 'verifime', 'typo.yaml')}: /timeline/0/data/riskLevel: "LOWW" is not allowed; valid choices: .*"LOW"`));
  t.match(result.stderr, new RegExp(`${join(dir, 'metamap', 'extra-key.yaml')}: /: unknown key "surprise"; valid keys: `));
  t.match(result.stderr, new RegExp(`${join(dir, 'metamap', 'unparsable.json')}: cannot be parsed`));
});

t.test('a folder that is not a scenarios folder', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kyc-sim-validate-empty-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const result = await runCli(t, ['validate', dir]);
  t.equal(result.code, 1);
  t.match(result.stderr, /verifime: folder not found/);
});

t.test('usage', async (t) => {
  const [help, extra] = await Promise.all([runCli(t, ['validate', '--help']), runCli(t, ['validate', 'a', 'b'])]);
  t.equal(help.code, 0);
  t.match(help.stdout, /^Usage: kyc-sim validate \[dir\]/);
  t.equal(extra.code, 2);
  t.match(extra.stderr, /unexpected argument "b"/);
  t.match(extra.stderr, /Usage: kyc-sim validate/);
});
