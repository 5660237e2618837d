// The command line's surface: --help of kyc-sim and serve (an option for every SETTINGS
// variable, with its default), --version, usage errors (exit 2) and bad values (exit 1).
import t from 'tap';
import { SETTINGS } from '../../src/core/settings.js';
import { runCli } from '../support/cli.js';

t.test('--help lists an option for every environment variable, with its default', async (t) => {
  const result = await runCli(t, ['serve', '--help']);
  t.equal(result.code, 0);
  for (const setting of SETTINGS) {
    const flag = `--${setting.name.toLowerCase().replaceAll('_', '-')} <value>`;
    const line = result.stdout.split('\n').find((l) => l.trimStart().startsWith(flag));
    t.ok(line, `${flag} is listed`);
    t.match(line ?? '', `${setting.name}: `, `${flag} names ${setting.name}`);
    t.match(line ?? '', `(default: ${setting.default})`, `${flag} shows its default`);
  }
  t.match(result.stdout, /--watch/);
  const top = await runCli(t, ['--help']);
  t.equal(top.code, 0);
  for (const command of ['serve', 'validate', 'trigger', 'healthcheck', 'wait-ready']) t.match(top.stdout, new RegExp(`\\n  ${command} `), `kyc-sim --help lists ${command}`);
});

t.test('bad values name the variable and the option; unknown options are usage errors', async (t) => {
  const bad = await runCli(t, ['serve', '--port', 'abc', '--clock', 'fast']);
  t.equal(bad.code, 1);
  t.match(bad.stderr, /PORT \(--port\): "abc" is not allowed/);
  t.match(bad.stderr, /CLOCK \(--clock\): "fast" is not allowed; use one of real, scaled, manual/);
  const env = await runCli(t, ['serve'], { LOG_LEVEL: 'loud' });
  t.equal(env.code, 1);
  t.match(env.stderr, /LOG_LEVEL: "loud"/, 'a bad variable without an option is named as before');
  const unknown = await runCli(t, ['serve', '--prot', '4010']);
  t.equal(unknown.code, 2);
  t.match(unknown.stderr, /Unknown option '--prot'/);
  const command = await runCli(t, ['serv']);
  t.equal(command.code, 2);
  t.match(command.stderr, /unknown command "serv"/);
  const version = await runCli(t, ['--version']);
  t.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
});

