// `npx kyc-sim` from a packed tarball: npm pack (prepack builds dist/), install the tarball in
// an empty folder (production dependencies come from the npm registry), run the bin.
// Skipped, saying why, when npm is missing or the registry cannot be reached.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { VERSION } from '../../src/version.js';
import { cleanEnv, DIST_FRESH, ROOT } from '../support/cli.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  missing: boolean;
}

/** npm and npx without tap's NODE_OPTIONS (coverage hooks) and with quiet defaults. */
function npm(bin: 'npm' | 'npx' | 'node', args: string[], cwd: string, timeoutMs: number): Promise<Run> {
  const env = cleanEnv({ npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' });
  delete env.NODE_OPTIONS;
  delete env.NODE_V8_COVERAGE;
  delete env.npm_config_nodedir;
  for (const key of Object.keys(env)) if (key.startsWith('npm_') && !key.startsWith('npm_config_')) delete env[key];
  return new Promise((resolve) => {
    execFile(bin, args, { cwd, env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr, missing: (error as NodeJS.ErrnoException | null)?.code === 'ENOENT' });
    });
  });
}

// About 25 s on an idle 2-core machine (most of it tsc in prepack); allow for a busy one.
t.setTimeout(150_000);

const OFFLINE = /ENOTFOUND|ECONNREFUSED|EAI_AGAIN|ETIMEDOUT|ECONNRESET|network|getaddrinfo/i;

t.test('npm pack, install the tarball in an empty folder, npx kyc-sim', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'kyc-sim-pack-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));

  // prepack builds dist/; `npm test` has just built it, so then the build is not repeated.
  const pack = await npm('npm', ['pack', '--pack-destination', dir, '--json', ...(DIST_FRESH ? ['--ignore-scripts'] : [])], ROOT, 110_000);
  if (pack.missing) return void t.skip('npm is not installed: cannot test npm pack', async () => {});
  t.equal(pack.code, 0, `npm pack succeeds${pack.code === 0 ? '' : `:\n${pack.stderr.slice(-2000)}`}`);
  if (pack.code !== 0) return;
  const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  const files = info.files.map((f) => f.path);
  t.ok(files.includes('dist/cli/main.js'), 'the tarball has the built CLI');
  t.ok(files.includes('dist/testing.js') && files.includes('dist/testing.d.ts') && files.includes('dist/index.d.ts'), 'and the test kit with its types');
  t.ok(files.includes('scenarios/verifime/low.yaml') && files.some((f) => f.startsWith('fixtures/')), 'and the scenarios and fixtures');
  t.notOk(files.some((f) => f.startsWith('src/') || f.startsWith('test/')), 'but no sources or tests');
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  t.equal(tarball, info.filename);

  const install = await npm('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', `./${tarball}`], dir, 60_000);
  if (install.code !== 0 && OFFLINE.test(install.stderr)) {
    return void t.skip(`the npm registry cannot be reached, so the tarball's dependencies cannot be installed:\n${install.stderr.slice(-500)}`, async () => {});
  }
  t.equal(install.code, 0, `npm install of the tarball succeeds${install.code === 0 ? '' : `:\n${install.stderr.slice(-2000)}`}`);
  if (install.code !== 0) return;

  const version = await npm('npx', ['--no-install', 'kyc-sim', '--version'], dir, 20_000);
  t.equal(version.code, 0, `npx kyc-sim --version exits 0${version.code === 0 ? '' : `: ${version.stderr}`}`);
  t.equal(version.stdout, `${VERSION}\n`, 'npx kyc-sim --version');
  const validate = await npm('npx', ['--no-install', 'kyc-sim', 'validate'], dir, 20_000);
  t.equal(validate.code, 0, `npx kyc-sim validate exits 0${validate.code === 0 ? '' : `: ${validate.stderr}`}`);

  // The test kit as a consumer imports it, from the installed package.
  writeFileSync(
    join(dir, 'kit.mjs'),
    `import { startSimulator } from 'kyc-sim/testing';
import * as root from 'kyc-sim';
const sim = await startSimulator();
const res = await fetch(sim.url + '/v1/user/invite', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'a@example.com', code: sim.verifime.organisationCode }) });
const { trackingReference } = await res.json();
await sim.complete(trackingReference, { scenario: 'high' });
await sim.advance('3m');
console.log(typeof root.startSimulator, res.status, sim.session(trackingReference).phase);
await sim.close();
`,
  );
  const kit = await npm('node', ['kit.mjs'], dir, 20_000);
  t.equal(kit.stdout, 'function 200 finished\n', `import { startSimulator } from 'kyc-sim/testing' works from the tarball${kit.code === 0 ? '' : `: ${kit.stderr}`}`);
  t.match(validate.stdout, new RegExp(`^ok: 22 valid scenarios in .*node_modules/kyc-sim/scenarios\\n`), 'npx kyc-sim validate checks the bundled scenarios');
});
