// serve --watch: scenario files are reloaded on change without a restart; a broken file
// keeps the previous set and the log says why.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { ROOT, startServe } from '../support/cli.js';

const CUSTOM = 'version: 1\ndescription: mine\ntimeline:\n  - { event: RISK_ASSESSMENT_UPDATED, at: 30s, data: { assessmentStatus: ASSESSED, riskLevel: HIGH } }\n';

t.test('serve --watch reloads good changes and keeps the old set on a broken file', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kyc-sim-watch-'));
  cpSync(join(ROOT, 'scenarios'), dir, { recursive: true });
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const server = await startServe(t, ['--watch', '--clock', 'manual', '--scenarios-dir', dir]);
  await server.waitFor(/watching .* for scenario changes/);
  const names = async (): Promise<string[]> => {
    const res = await fetch(`${server.url}/__admin/scenarios?provider=verifime`);
    return ((await res.json()) as { scenarios: { name: string }[] }).scenarios.map((s) => s.name);
  };
  const eventually = async (check: () => Promise<boolean>, what: string): Promise<void> => {
    const deadline = Date.now() + 8_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  // A new file appears: it is in the catalogue without a restart.
  writeFileSync(join(dir, 'verifime', 'custom.yaml'), CUSTOM);
  await eventually(async () => (await names()).includes('custom'), 'custom.yaml to load');
  t.equal((await names()).length, 12, 'the new scenario was added');
  const reloaded = JSON.parse(await server.waitFor(/scenario files reloaded/)) as { scenarios: number };
  t.equal(reloaded.scenarios, 23);

  // It can be used at once.
  const invite = await fetch(`${server.url}/v1/user/invite`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'w@example.com', code: 'KYCSIM', referenceData: 'scenario=custom' }),
  });
  t.equal(invite.status, 200, 'a session can select the new scenario');

  // A broken file: the previous set stays, the log names the file, the path and the choices.
  writeFileSync(join(dir, 'verifime', 'custom.yaml'), CUSTOM.replace('HIGH', 'HIHG'));
  const error = JSON.parse(await server.waitFor(/scenario files not reloaded/)) as { level: number; msg: string; problems: string[]; scenarios: number };
  t.equal(error.level, 50, 'logged as an error');
  t.match(error.msg, 'keeping the previous 23 scenarios');
  t.match(error.problems[0], new RegExp(`custom\\.yaml: /timeline/0/data/riskLevel: "HIHG" is not allowed; valid choices: `));
  t.ok((await names()).includes('custom'), 'the previous set is kept');
  const health = (await (await fetch(`${server.url}/__admin/health`)).json()) as { status: string; scenarios: number };
  t.match(health, { status: 'ok', scenarios: 23 }, 'still healthy');

  // Fixed again, then removed.
  writeFileSync(join(dir, 'verifime', 'custom.yaml'), CUSTOM.replace('HIGH', 'EXTREME'));
  await eventually(async () => {
    const res = await fetch(`${server.url}/__admin/scenarios?provider=verifime`);
    const list = ((await res.json()) as { scenarios: { name: string; timeline: { data: { riskLevel: string } }[] }[] }).scenarios;
    return list.find((s) => s.name === 'custom')?.timeline[0].data.riskLevel === 'EXTREME';
  }, 'the fixed file to load');
  rmSync(join(dir, 'verifime', 'custom.yaml'));
  await eventually(async () => !(await names()).includes('custom'), 'custom.yaml to go');

  server.child.kill('SIGTERM');
  t.equal((await server.exited).code, 0);
});
