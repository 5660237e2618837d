// loadScenarios with the VerifiMe dialect: the bundled files load, and every kind of
// mistake is reported with the file, the path inside it and the valid choices.
import { join } from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import { BUNDLED_SCENARIOS_DIR, loadConfig } from '../../src/core/config.js';
import { loadScenarios, ScenarioLoadError } from '../../src/engine/scenario-loader.js';
import { createVerifimeProvider } from '../../src/providers/verifime/index.js';

const verifime = createVerifimeProvider(loadConfig({}));

const scenario = (data: string, extra = '', at = 'phase2') => `version: 1
description: test scenario
${extra}timeline:
  - event: RISK_ASSESSMENT_UPDATED
    at: ${at}
    data:
${data}
`;
const LOW = '      assessmentStatus: ASSESSED\n      riskLevel: LOW';

/** Loads a temporary scenarios dir holding verifime/<files>. */
const load = (t: Test, files: Record<string, string>) => loadScenarios(t.testdir({ verifime: files }), [verifime]);

/** The problems of a load that must fail, and the folder the files were in. */
async function problems(t: Test, files: Record<string, string>): Promise<{ list: readonly string[]; folder: string }> {
  const dir = t.testdir({ verifime: files });
  try {
    await loadScenarios(dir, [verifime]);
  } catch (error) {
    t.type(error, ScenarioLoadError);
    t.match((error as Error).message, /^invalid scenario files:/);
    return { list: (error as ScenarioLoadError).problems, folder: join(dir, 'verifime') };
  }
  t.fail('expected a ScenarioLoadError');
  return { list: [], folder: '' };
}

t.test('the bundled scenarios load', async (t) => {
  const scenarios = await loadScenarios(BUNDLED_SCENARIOS_DIR, [verifime]);
  const byName = new Map(scenarios.map((s) => [s.name, s]));
  for (const name of ['low', 'medium', 'high', 'extreme', 'no-risk-detected', 'pep', 'sanction', 'pep-sanction', 'progressive', 'slow']) {
    t.ok(byName.has(name), `${name} is bundled`);
  }
  t.ok(scenarios.every((s) => s.provider === 'verifime' && s.description.length > 0 && s.timeline.length > 0));
  t.same(byName.get('low')!.timeline, [{ event: 'RISK_ASSESSMENT_UPDATED', at: 'phase2', data: { assessmentStatus: 'ASSESSED', riskLevel: 'LOW' }, params: {} }]);
  t.same(byName.get('slow')!.timeline[0].at, { min: 6 * 60_000, max: 8 * 60_000 }, 'ranges become {min,max} in ms');
  t.same(byName.get('progressive')!.timeline.map((s) => [s.at, s.data.assessmentStatus, s.data.riskLevel]), [
    [{ min: 5000, max: 5000 }, 'PENDING', null],
    [{ min: 30_000, max: 30_000 }, 'PRELIMINARY', 'MEDIUM'],
    ['phase2', 'ASSESSED', 'LOW'],
  ]);
  t.equal(byName.get('no-risk-detected')!.timeline[0].data.riskLevel, 'NO RISK DETECTED');
  t.match(byName.get('low')!.file, /verifime[/\\]low\.yaml$/);
});

t.test('yaml, yml and json files load; other files are ignored; names come from file names', async (t) => {
  const scenarios = await load(t, {
    'a.yaml': scenario(LOW),
    'b.yml': scenario(LOW, 'provider: verifime\n', '1m-2m'),
    'c.json': JSON.stringify({ version: 1, description: 'json', timeline: [{ event: 'RISK_ASSESSMENT_UPDATED', at: { min: '10s', max: '20s' }, data: { assessmentStatus: 'PENDING', riskLevel: null } }] }),
    'README.md': 'not a scenario',
    'notes.txt': ': : :',
  });
  t.same(scenarios.map((s) => s.name), ['a', 'b', 'c']);
  t.same(scenarios.map((s) => s.timeline[0].at), ['phase2', { min: 60_000, max: 120_000 }, { min: 10_000, max: 20_000 }]);
  t.same(scenarios[0].extra, {}, 'no provider-specific sections');
});

t.test('unknown keys are rejected with the file, the path and the valid keys', async (t) => {
  const top = await problems(t, { 'top.yaml': scenario(LOW, 'colour: blue\n') });
  t.same(top.list, [`${join(top.folder, 'top.yaml')}: /: unknown key "colour"; valid keys: version, provider, description, timeline, faults`]);

  const item = await problems(t, { 'item.yaml': scenario(LOW).replace('    at: phase2', '    at: phase2\n    delay: 5s') });
  t.same(item.list, [`${join(item.folder, 'item.yaml')}: /timeline/0: unknown key "delay"; valid keys: event, at, faults, data`]);

  const data = await problems(t, { 'data.yaml': scenario(`${LOW}\n      score: 99`) });
  t.same(data.list, [`${join(data.folder, 'data.yaml')}: /timeline/0/data: unknown key "score"; valid keys: assessmentStatus, riskLevel, customerName`]);
});

t.test('bad values list the valid choices', async (t) => {
  const risk = await problems(t, { 'risk.yaml': scenario('      assessmentStatus: ASSESSED\n      riskLevel: SEVERE') });
  t.equal(risk.list.length, 1);
  t.equal(
    risk.list[0],
    `${join(risk.folder, 'risk.yaml')}: /timeline/0/data/riskLevel: "SEVERE" is not allowed; valid choices: "LOW", "MEDIUM", "HIGH", "EXTREME", "NO RISK DETECTED", null`,
  );
  const status = await problems(t, { 'status.yaml': scenario('      assessmentStatus: DONE\n      riskLevel: LOW') });
  t.match(status.list, [/status\.yaml: \/timeline\/0\/data\/assessmentStatus: "DONE" is not allowed; valid choices: "PENDING", "PRELIMINARY", "ASSESSED"$/]);
  const event = await problems(t, { 'event.yaml': scenario(LOW).replace('RISK_ASSESSMENT_UPDATED', 'VERIFICATION_DONE') });
  t.match(event.list, [/event\.yaml: \/timeline\/0\/event: "VERIFICATION_DONE" is not allowed; valid choices: "RISK_ASSESSMENT_UPDATED"$/]);
  const version = await problems(t, { 'version.yaml': scenario(LOW).replace('version: 1', 'version: 2') });
  t.match(version.list, [/version\.yaml: \/version: 2 is not allowed; the only valid choice is 1$/]);
  const provider = await problems(t, { 'provider.yaml': scenario(LOW, 'provider: metamap\n') });
  t.match(provider.list, [/provider\.yaml: \/provider: "metamap" is not allowed; the only valid choice is "verifime"$/]);
});

t.test('missing required keys are named', async (t) => {
  const { list } = await problems(t, {
    'nodesc.yaml': scenario(LOW).replace('description: test scenario\n', ''),
    'nodata.yaml': 'version: 1\ndescription: x\ntimeline:\n  - event: RISK_ASSESSMENT_UPDATED\n',
    'norisk.yaml': scenario('      assessmentStatus: ASSESSED'),
  });
  t.match(list, [
    /nodata\.yaml: \/timeline\/0: missing required key "data"$/,
    /nodesc\.yaml: \/: missing required key "description"$/,
    /norisk\.yaml: \/timeline\/0\/data: missing required key "riskLevel"$/,
  ]);
  t.equal(list.length, 3, 'one problem per file, every file reported');
});

t.test('bad delays are rejected', async (t) => {
  const word = await problems(t, { 'word.yaml': scenario(LOW, '', 'soon') });
  t.ok(
    word.list.some((p) => p === `${join(word.folder, 'word.yaml')}: /timeline/0/at: "soon" is not a delay; use "phase2", a duration like "30s" or a range like "1m-3m"`),
    'a word is not a delay',
  );
  t.ok(word.list.every((p) => p.includes('/timeline/0/at')), 'every problem points at the delay');
  const unit = await problems(t, { 'unit.yaml': scenario(LOW, '', '5 fortnights') });
  t.match(unit.list, [/unit\.yaml: \/timeline\/0\/at: "5 fortnights" is not a delay/]);
  const reversed = await problems(t, { 'reversed.yaml': scenario(LOW, '', '3m-1m') });
  t.match(reversed.list, [/reversed\.yaml: \/timeline\/0\/at: /]);
  const object = await problems(t, { 'object.yaml': scenario(LOW, '', '{ min: 5m, max: 1m }') });
  t.same(object.list, [`${join(object.folder, 'object.yaml')}: /timeline/0/at: min must not exceed max`]);
  const half = await problems(t, { 'half.yaml': scenario(LOW, '', '{ min: 5m }') });
  t.ok(half.list.some((p) => /half\.yaml: \/timeline\/0\/at: missing required key "max"$/.test(p)), 'an incomplete range names the missing key');
});

// duration.ts: "Durations as people write them in env vars and scenario files"; PHASE2_DELAY
// accepts compound forms such as 2m30s since 9c34905, so scenario files should too.
t.test('compound durations are accepted in scenario files as in PHASE2_DELAY', async (t) => {
  t.same(loadConfig({ PHASE2_DELAY: '2m30s' }).phase2Delay, { min: 150_000, max: 150_000 }, 'PHASE2_DELAY=2m30s is accepted');
  const at = await load(t, { 'compound.yaml': scenario(LOW, '', '2m30s') }).then(
    (scenarios) => scenarios[0].timeline[0].at,
    (error: ScenarioLoadError) => error.problems,
  );
  t.same(at, { min: 150_000, max: 150_000 }, 'at: 2m30s loads as 150 s');
});

t.test('files that cannot be parsed are reported and the rest still checked', async (t) => {
  const { list, folder } = await problems(t, {
    'broken.yaml': 'version: 1\ntimeline: [\n',
    'broken.json': '{"version": 1,',
    'tabs.yml': 'version: 1\n\tdescription: x\n',
    'fine.yaml': scenario(LOW),
    'bad.yaml': scenario(LOW, 'extra: 1\n'),
  });
  t.equal(list.length, 4);
  t.match(list, [
    new RegExp(`^${escape(join(folder, 'bad.yaml'))}: /: unknown key "extra"`),
    new RegExp(`^${escape(join(folder, 'broken.json'))}: cannot be parsed: `),
    new RegExp(`^${escape(join(folder, 'broken.yaml'))}: cannot be parsed: `),
    new RegExp(`^${escape(join(folder, 'tabs.yml'))}: cannot be parsed: `),
  ]);
  t.ok(list.every((p) => !p.includes('\n')), 'one line per problem');
});

t.test('PENDING must have a null riskLevel', async (t) => {
  const { list, folder } = await problems(t, { 'pending.yaml': scenario('      assessmentStatus: PENDING\n      riskLevel: LOW') });
  t.same(list, [`${join(folder, 'pending.yaml')}: /timeline/0/data/riskLevel: "LOW" is not allowed; the only valid choice is null`]);
  const ok = await load(t, { 'pending.yaml': scenario('      assessmentStatus: PENDING\n      riskLevel: null') });
  t.equal(ok[0].timeline[0].data.riskLevel, null);
  const preliminary = await load(t, { 'pre.yaml': scenario('      assessmentStatus: PRELIMINARY\n      riskLevel: HIGH') });
  t.equal(preliminary[0].timeline[0].data.riskLevel, 'HIGH', 'other statuses may carry a level');
});

t.test('a scenarios dir without the provider folder is reported', async (t) => {
  const dir = t.testdir({ metamap: {} });
  await t.rejects(loadScenarios(dir, [verifime]), { name: 'ScenarioLoadError', problems: [`${join(dir, 'verifime')}: folder not found (SCENARIOS_DIR must contain verifime/)`] });
});

t.test('an empty timeline and an empty folder are allowed', async (t) => {
  const empty = await load(t, { 'none.yaml': 'version: 1\ndescription: nothing happens\ntimeline: []\n' });
  t.same(empty[0].timeline, []);
  t.same(await load(t, {}), []);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
