// loadConfig: defaults, and every bad value rejected with a ConfigError that names the
// variable and says what is allowed.
import t from 'tap';
import { ConfigError, loadConfig, MANUAL_CLOCK_START } from '../../src/core/config.js';

/** The ConfigError thrown for env, or a failure when none is thrown. */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`no ConfigError for ${JSON.stringify(env)}`);
}

t.test('defaults', async (t) => {
  const config = loadConfig({});
  t.equal(config.port, 4010);
  t.equal(config.host, '127.0.0.1');
  t.equal(config.publicUrl, null, 'PUBLIC_URL defaults to localhost and the bound port');
  t.same(config.clock, { mode: 'real', scale: 1, start: undefined });
  t.same(config.phase2Delay, { min: 60_000, max: 180_000 }, 'Phase 2 takes 1–3 minutes');
  t.equal(config.logLevel, 'info');
  t.same(
    config.verifime.orgCodes.map((o) => [o.code, o.status, o.workflow, o.returnUrl]),
    [
      ['KYCSIM', 'Active', 'DEFAULT', null],
      ['KYCIND', 'Active', 'INDIVIDUAL_ONLY', null],
      ['KYCORG', 'Active', 'ORGANISATION_ONLY', null],
      ['KYCOFF', 'Inactive', 'DEFAULT', null],
    ],
  );
  t.equal(config.verifime.webhookUrl, undefined);
  t.equal(config.verifime.retryIntervalMs, 15 * 60_000, 'VerifiMe retries every 15 minutes');
  t.equal(config.verifime.interimEvents, true);
  t.ok(Object.isFrozen(config) && Object.isFrozen(config.verifime.orgCodes), 'the config is frozen');
  t.same(loadConfig({ PORT: '  ', HOST: '' }).port, 4010, 'blank values count as unset');
});

t.test('bad values throw ConfigError naming the variable and the allowed values', async (t) => {
  const cases: [Record<string, string>, string, RegExp][] = [
    [{ CLOCK: 'fast' }, 'CLOCK', /real, scaled, manual/],
    [{ PORT: 'abc' }, 'PORT', /integer from 0 to 65535/],
    [{ PORT: '70000' }, 'PORT', /integer from 0 to 65535/],
    [{ PHASE2_DELAY: 'soon' }, 'PHASE2_DELAY', /90s|1m-3m/],
    [{ PHASE2_DELAY: '3m-1m' }, 'PHASE2_DELAY', /1m-3m/],
    [{ TIME_SCALE: '0' }, 'TIME_SCALE', /number/],
    [{ TIME_SCALE: 'fast' }, 'TIME_SCALE', /number/],
    [{ VERIFIME_ORG_CODES: 'KYC-SIM:Active:DEFAULT' }, 'VERIFIME_ORG_CODES', /CODE:Active\|Inactive:WORKFLOW/],
    [{ VERIFIME_ORG_CODES: 'KYCSIM:Maybe:DEFAULT' }, 'VERIFIME_ORG_CODES', /Active or Inactive/],
    [{ VERIFIME_ORG_CODES: 'KYCSIM:Active:EVERYONE' }, 'VERIFIME_ORG_CODES', /DEFAULT, INDIVIDUAL_ONLY, ORGANISATION_ONLY/],
    [{ VERIFIME_ORG_CODES: ' , ' }, 'VERIFIME_ORG_CODES', /at least one/],
    [{ VERIFIME_WEBHOOK_URL: 'not a url' }, 'VERIFIME_WEBHOOK_URL', /absolute http\(s\) URL/],
    [{ VERIFIME_WEBHOOK_URL: 'ftp://example.com/hook' }, 'VERIFIME_WEBHOOK_URL', /absolute http\(s\) URL/],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /fatal, error, warn, info, debug, trace, silent/],
    [{ VERIFIME_INTERIM_EVENTS: 'yes' }, 'VERIFIME_INTERIM_EVENTS', /true, false/],
    [{ CLOCK_START: 'tomorrow', CLOCK: 'manual' }, 'CLOCK_START', /ISO 8601/],
    [{ WEBHOOK_TIMEOUT: 'never' }, 'WEBHOOK_TIMEOUT', /duration/],
  ];
  for (const [env, name, allowed] of cases) {
    const error = configError(env);
    const label = JSON.stringify(env);
    t.equal(error.name, 'ConfigError', label);
    // A lone bad org code also leaves "at least one organisation code is required".
    t.ok(error.problems.every((p) => p.startsWith(`${name}: `)), `${label}: only ${name} is blamed`);
    t.match(error.problems[0], new RegExp(`^${name}: `), `${label}: names ${name}`);
    t.match(error.problems[0], allowed, `${label}: says what is allowed`);
    t.match(error.message, name, `${label}: the message names ${name}`);
    const value = Object.values(env).find((v) => v.trim() !== '' && v !== 'manual');
    if (value !== undefined && name !== 'VERIFIME_ORG_CODES') t.match(error.problems[0], value.trim(), `${label}: quotes the bad value`);
  }
});

t.test('every problem is reported at once', async (t) => {
  const error = configError({ CLOCK: 'fast', PORT: 'abc', LOG_LEVEL: 'loud' });
  t.same(error.problems.map((p) => p.split(':')[0]).sort(), ['CLOCK', 'LOG_LEVEL', 'PORT']);
  t.match(error.message, /invalid configuration/);
});

t.test('clock modes', async (t) => {
  t.same(loadConfig({ TIME_SCALE: '60' }).clock, { mode: 'scaled', scale: 60, start: undefined }, 'TIME_SCALE=60 alone implies scaled');
  t.same(loadConfig({ TIME_SCALE: '1' }).clock, { mode: 'real', scale: 1, start: undefined }, 'TIME_SCALE=1 stays real');
  t.same(loadConfig({ CLOCK: 'scaled' }).clock.scale, 60, 'CLOCK=scaled defaults to 60x');
  t.same(loadConfig({ CLOCK: 'scaled', TIME_SCALE: '0.5' }).clock.scale, 0.5);
  const manual = loadConfig({ CLOCK: 'manual' }).clock;
  t.equal(manual.mode, 'manual');
  t.equal(manual.start, Date.parse('2026-01-01T00:00:00Z'), 'manual starts at 2026-01-01T00:00:00Z');
  t.equal(manual.start, MANUAL_CLOCK_START);
  t.equal(loadConfig({ CLOCK: 'manual', CLOCK_START: '2030-06-01T12:00:00Z' }).clock.start, Date.parse('2030-06-01T12:00:00Z'));
  t.match(configError({ CLOCK: 'real', TIME_SCALE: '60' }).problems[0], /^TIME_SCALE: .*CLOCK=scaled/, 'CLOCK=real with a scale is refused');
  t.match(configError({ CLOCK_START: '2030-06-01T12:00:00Z' }).problems[0], /^CLOCK_START: /, 'CLOCK_START needs a non-real clock');
});

t.test('other accepted values', async (t) => {
  t.same(loadConfig({ PHASE2_DELAY: '90s' }).phase2Delay, { min: 90_000, max: 90_000 }, 'a fixed delay');
  t.same(loadConfig({ PHASE2_DELAY: '1m..2m' }).phase2Delay, { min: 60_000, max: 120_000 });
  t.equal(loadConfig({ PORT: '0' }).port, 0, 'port 0 = any free port');
  t.equal(loadConfig({ PUBLIC_URL: 'https://kyc.example.test/' }).publicUrl, 'https://kyc.example.test', 'trailing slash dropped');
  t.equal(loadConfig({ VERIFIME_WEBHOOK_URL: 'http://127.0.0.1:9000/hook' }).verifime.webhookUrl, 'http://127.0.0.1:9000/hook');
  t.equal(loadConfig({ VERIFIME_INTERIM_EVENTS: 'false' }).verifime.interimEvents, false);
  const codes = loadConfig({ VERIFIME_ORG_CODES: 'ABC123:Active:DEFAULT:https://partner.example/return, XYZ789:Inactive' }).verifime.orgCodes;
  t.same(codes, [
    { code: 'ABC123', status: 'Active', workflow: 'DEFAULT', returnUrl: 'https://partner.example/return' },
    { code: 'XYZ789', status: 'Inactive', workflow: 'DEFAULT', returnUrl: null },
  ], 'a return URL keeps its colons; the workflow defaults to DEFAULT');
});
