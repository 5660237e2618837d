// The webhook conformance checker, in process against real HTTP consumers: a compliant
// consumer passes every rule for both providers; each flawed consumer is caught by the
// rule it breaks, with a message saying what was sent, what came back and what was expected.
import t, { type Test } from 'tap';
import { formatHuman } from '../../src/conformance/format-human.js';
import { formatJunit } from '../../src/conformance/format-junit.js';
import { checkWebhook, type CheckOptions } from '../../src/conformance/runner.js';
import type { Report, RuleResult } from '../../src/conformance/types.js';
import { freePort } from '../support/cli.js';
import { startConsumer, type Flaws } from '../support/webhook-consumer.js';
import { findAll, parseXml } from '../support/xml.js';

const SECRET = { verifime: 'consumer-verifime-secret', metamap: 'ConsumerMetamapSecret1' } as const;

async function check(t: Test, provider: 'verifime' | 'metamap', flaws: Flaws = {}, options: Partial<CheckOptions> = {}) {
  const consumer = await startConsumer(t, provider, SECRET[provider], flaws);
  const report = await checkWebhook({ provider, url: consumer.url, secret: SECRET[provider], probeUrl: consumer.probeUrl, timeoutMs: 2_000, ...options });
  return { consumer, report };
}

function rule(report: Report, id: string): RuleResult {
  const found = report.rules.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id} in ${report.rules.map((r) => r.id).join(', ')}`);
  return found;
}

/** Statuses of every rule other than `except`. */
function others(report: Report, ...except: string[]): Record<string, string> {
  return Object.fromEntries(report.rules.filter((r) => !except.includes(r.id)).map((r) => [r.id, r.status]));
}

const allPass = (report: Report, ...except: string[]) => Object.fromEntries(Object.keys(others(report, ...except)).map((id) => [id, 'pass']));

t.test('VerifiMe: a compliant consumer passes every rule, with the simulator exact requests', async (t) => {
  const { consumer, report } = await check(t, 'verifime');
  t.equal(report.ok, true, JSON.stringify(report.rules.filter((r) => r.status !== 'pass'), null, 2));
  t.same(
    report.rules.map((r) => r.id),
    ['probe', 'valid-event', 'duplicate-event', 'pending-ignored', 'preliminary-ignored', 'bad-signature', 'missing-signature', 'reserialised-body', 'unknown-field'],
  );
  t.same(others(report), allPass(report));
  t.equal(consumer.processed(), 3, 'valid, duplicate (once) and unknown-field events were acted on');
  const first = consumer.requests[0];
  t.match(first.headers, { 'content-type': 'application/json', 'x-verifime-version': '1', 'x-verifime-signature': /^[0-9a-f]{64}$/ });
  t.equal(first.body, JSON.stringify(JSON.parse(first.body)), 'compact JSON, as JSON.stringify writes it');
  const event = JSON.parse(first.body);
  t.same(Object.keys(event), ['eventId', 'eventName', 'customerName', 'assessmentStatus', 'riskLevel', 'assessmentPortalUrl', 'eventTimestamp', 'metadata']);
  t.match(event, { eventName: 'RISK_ASSESSMENT_UPDATED', assessmentStatus: 'ASSESSED' });
  const ids = consumer.requests.map((r) => JSON.parse(r.body).eventId);
  t.equal(new Set(ids).size, ids.length - 1, 'every rule uses new event ids; only the duplicate repeats one');
  t.ok(report.rules.every((r) => r.exchanges.length > 0), 'every rule records its exchanges');
});

t.test('MetaMap: a compliant consumer passes every rule', async (t) => {
  const { consumer, report } = await check(t, 'metamap');
  t.equal(report.ok, true, JSON.stringify(report.rules.filter((r) => r.status !== 'pass'), null, 2));
  t.same(
    report.rules.map((r) => r.id),
    ['probe', 'valid-event', 'duplicate-event', 'out-of-order', 'other-events', 'bad-signature', 'missing-signature', 'reserialised-body', 'unknown-field'],
  );
  t.same(others(report), allPass(report));
  const first = consumer.requests[0];
  t.match(first.headers, { 'content-type': 'application/json', 'x-signature': /^[0-9a-f]{64}$/ });
  t.match(JSON.parse(first.body), { eventName: 'verification_completed', status: 'verified', identityStatus: 'verified' });
  const order = rule(report, 'out-of-order').exchanges.map((e) => e.label);
  t.equal(order[0], 'verification_completed');
  t.match(order.slice(1), [/^step_completed \(/, /^step_completed \(/]);
  t.same(
    rule(report, 'other-events').exchanges.map((e) => e.label),
    ['verification_started', 'verification_inputs_completed', 'verification_expired'],
  );
});

t.test('a consumer that accepts any signature fails the three signature rules', async (t) => {
  const { report } = await check(t, 'verifime', { acceptAnySignature: true }, { probeUrl: null });
  t.equal(report.ok, false);
  for (const id of ['bad-signature', 'missing-signature', 'reserialised-body']) t.equal(rule(report, id).status, 'fail', id);
  t.same(others(report, 'bad-signature', 'missing-signature', 'reserialised-body'), allPass(report, 'bad-signature', 'missing-signature', 'reserialised-body'));
  const bad = rule(report, 'bad-signature');
  t.match(bad.message, /accepted an event whose signature does not match/);
  t.match(bad.sent, /X-VerifiMe-Signature computed with a different secret/);
  t.match(bad.got, /^HTTP 200 in /);
  t.equal(bad.expected, '401 exactly');
  t.match(rule(report, 'missing-signature').sent, /with no X-VerifiMe-Signature header/);

  const text = formatHuman(report);
  t.match(
    text,
    /^FAIL {2}bad-signature +an event signed with another secret is rejected \(401 exactly\)\n {6}accepted an event whose signature does not match: .*\n {6}sent: {5}POST RISK_ASSESSMENT_UPDATED \(ASSESSED\) with X-VerifiMe-Signature computed with a different secret\n {6}got: {6}HTTP 200 in \d+ ms, body \{"status":200\}\n {6}expected: 401 exactly$/m,
  );
  t.match(text, /^PASS {2}valid-event +a validly signed RISK_ASSESSMENT_UPDATED \(ASSESSED\) is acknowledged with 2xx in time \(probe: acted on once\): HTTP 200 in \d+ ms/m);
  t.match(text, /\n8 rules: 5 passed, 0 warnings, 3 failed \(.*\): the endpoint does not behave as the provider expects\n$/);

  // Whatever a consumer answers ends up as well-formed XML.
  const hostile = { ...report, rules: report.rules.map((r) => (r.status === 'fail' ? { ...r, message: `<b>&"'\u0001\uFFFE`, got: ']]></failure>' } : r)) };
  const suites = parseXml(formatJunit(hostile));
  const failures = findAll(suites, 'failure');
  t.equal(failures.length, 3);
  t.equal(failures[0].attributes.message, `<b>&"'\uFFFD\uFFFD`);
  t.match(failures[0].text, 'got: ]]></failure>');
});

t.test('VerifiMe: 400 instead of 401 to a bad signature fails and says why', async (t) => {
  const { report } = await check(t, 'verifime', { rejectWith: 400 });
  const bad = rule(report, 'bad-signature');
  t.equal(bad.status, 'fail');
  t.match(bad.message, /answered HTTP 400, not 401: VerifiMe treats only 401 as an invalid signature and stops delivery; any other 4xx is a permanent delivery failure/);
  t.match(bad.got, /^HTTP 400 in .*body \{"status":400\}/);
  t.equal(rule(report, 'missing-signature').status, 'fail');
  t.equal(rule(report, 'valid-event').status, 'pass');
});

t.test('MetaMap: 400 to a bad signature is a warning (401/403 preferred), not a failure', async (t) => {
  const { report } = await check(t, 'metamap', { rejectWith: 400 });
  t.equal(report.ok, true);
  t.equal(rule(report, 'bad-signature').status, 'warn');
  t.match(rule(report, 'bad-signature').message, /rejected with HTTP 400; 401 or 403 preferred/);
  t.equal(report.summary.warn, 3);
});

t.test('a consumer that verifies re-serialised JSON fails reserialised-body only', async (t) => {
  for (const provider of ['verifime', 'metamap'] as const) {
    const { report } = await check(t, provider, { reserialise: true });
    t.same(
      Object.entries(others(report)).filter(([, status]) => status !== 'pass'),
      [['reserialised-body', 'fail']],
      provider,
    );
    const found = rule(report, 'reserialised-body');
    t.match(found.message, /checked against re-serialised JSON/);
    t.match(found.sent, /pretty-printed \(2-space indent\) with the (X-VerifiMe-Signature|x-signature) of the original compact body/);
    t.match(found.exchanges.find((e) => e.request.method === 'POST')?.request.body, /^\{\n {2}"/);
  }
});

t.test('a consumer that acts on a duplicate twice is caught through the probe', async (t) => {
  const { report } = await check(t, 'verifime', { noDedupe: true });
  const dup = rule(report, 'duplicate-event');
  t.equal(dup.status, 'fail');
  t.match(dup.message, /the same event was acted on 2 times \(probe count \+2\)/);
  t.match(dup.sent, /twice: identical bytes and signature \(eventId [0-9a-f-]{36}\)/);
  t.match(dup.got, /first HTTP 200 .*; second HTTP 200 .*; probe count \+2/);
  const without = await check(t, 'metamap', { noDedupe: true }, { probeUrl: null });
  t.equal(rule(without.report, 'duplicate-event').status, 'pass', 'without a probe only the answers can be checked');
});

t.test('VerifiMe: a consumer that acts on PENDING and PRELIMINARY is caught through the probe', async (t) => {
  const { report } = await check(t, 'verifime', { actOnInterim: true });
  for (const status of ['PENDING', 'PRELIMINARY']) {
    const found = rule(report, `${status.toLowerCase()}-ignored`);
    t.equal(found.status, 'fail');
    t.match(found.message, `a ${status} event was acted on (probe count +1)`);
    t.match(found.sent, `RISK_ASSESSMENT_UPDATED (${status})`);
    t.match(found.expected, /ignore PENDING and PRELIMINARY/);
  }
});

t.test('MetaMap: a 500 for a step_completed after verification_completed fails out-of-order', async (t) => {
  const { report } = await check(t, 'metamap', { failOutOfOrder: true });
  const found = rule(report, 'out-of-order');
  t.equal(found.status, 'fail');
  t.match(found.message, /^step_completed \([a-z-]+\) was not acknowledged: HTTP 500/);
  t.match(found.sent, /^POST verification_completed, then step_completed/);
  t.match(found.got, /verification_completed: HTTP 204 .*; step_completed \([a-z-]+\): HTTP 500/);
  t.same(Object.entries(others(report)).filter(([, s]) => s !== 'pass'), [['out-of-order', 'fail']]);
});

t.test('too slow: past the timeout fails, past VerifiMe guidance warns', async (t) => {
  const slow = await check(t, 'verifime', { delayMs: 600, slowRequests: 1 }, { timeoutMs: 250, probeUrl: null });
  const valid = rule(slow.report, 'valid-event');
  t.equal(valid.status, 'fail');
  t.match(valid.message, /a valid event was not acknowledged: no answer \(timeout: no answer within 250 ms\)/);
  t.match(valid.expected, /2xx within 250 ms \(VerifiMe's timeout; its guidance is 10 s\)/);
  t.equal(slow.report.summary.fail, 1, 'only the slow request fails');

  const late = await check(t, 'verifime', { delayMs: 150, slowRequests: 1 }, { slowWarnMs: 50 });
  const warned = rule(late.report, 'valid-event');
  t.equal(warned.status, 'warn');
  t.match(warned.message, /acknowledged in \d+ ms, slower than VerifiMe's 50 ms guidance/);
  t.equal(late.report.ok, true, 'a warning keeps the run green');
});

t.test('a probe that does not keep its contract fails one rule; the others run without it', async (t) => {
  const { report } = await check(t, 'verifime', { noProbe: true });
  const probe = rule(report, 'probe');
  t.equal(probe.status, 'fail');
  t.match(probe.message, /answered HTTP 404: no probe here; the probe checks are skipped/);
  t.match(probe.expected, /GET answers 200 with JSON \{"processed": <integer >= 0>\}/);
  t.same(others(report, 'probe'), allPass(report, 'probe'));
});

t.test('an endpoint nobody listens on fails every rule without crashing', async (t) => {
  const url = `http://127.0.0.1:${await freePort()}/hook`;
  const report = await checkWebhook({ provider: 'metamap', url, secret: 'x', timeoutMs: 1_000 });
  t.equal(report.summary.fail, report.summary.total);
  t.match(rule(report, 'valid-event').message, /no answer \(connection error: ECONNREFUSED\)/);
});
