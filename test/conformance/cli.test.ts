// kyc-sim check-webhook end to end: the command run from source against real consumers,
// with its exit codes (0 pass, 1 violation, 2 usage) and its JSON and JUnit reports.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import type { Report } from '../../src/conformance/types.js';
import { checkWebhookCommand } from '../../src/cli/check-webhook.js';
import { runCli } from '../support/cli.js';
import { startConsumer } from '../support/webhook-consumer.js';
import { findAll, parseXml } from '../support/xml.js';

t.test('a compliant VerifiMe consumer: exit 0, human lines on stdout, the JSON report in --output', async (t) => {
  const consumer = await startConsumer(t, 'verifime', 'cli-secret');
  const file = join(t.testdir(), 'report.json');
  const result = await runCli(t, [
    'check-webhook', '--provider', 'verifime', '--url', consumer.url, '--secret', 'cli-secret', '--probe-url', consumer.probeUrl, '--format', 'json', '--output', file,
  ]);
  t.equal(result.code, 0, result.stderr);
  t.match(result.stdout, /^PASS {2}probe +the probe URL keeps its contract/m);
  t.match(result.stdout, /^9 rules: 9 passed, 0 warnings, 0 failed \(.*\)$/m);
  const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
  t.match(report, { tool: 'kyc-sim check-webhook', provider: 'verifime', url: consumer.url, probeUrl: consumer.probeUrl, timeoutMs: 30_000, ok: true });
  t.same(report.summary, { total: 9, pass: 9, warn: 0, fail: 0, skip: 0 });
  t.match(report.rules[1], { id: 'valid-event', status: 'pass', exchanges: [{ label: 'probe' }, { label: 'RISK_ASSESSMENT_UPDATED (ASSESSED)' }, { label: 'probe' }] });
  t.equal(consumer.processed(), 3);
});

t.test('a MetaMap consumer that accepts forged events: exit 1 and a JUnit report with the failures on stdout', async (t) => {
  const consumer = await startConsumer(t, 'metamap', 'CliMetamapSecret1', { acceptAnySignature: true });
  const result = await runCli(t, ['check-webhook', '--provider', 'metamap', '--url', consumer.url, '--secret', 'CliMetamapSecret1', '--format', 'junit', '--timeout', '5s']);
  t.equal(result.code, 1, result.stderr);
  t.match(result.stdout, /^<\?xml/, 'only the JUnit report goes to stdout');
  const suites = parseXml(result.stdout);
  t.equal(suites.name, 'testsuites');
  t.match(suites.attributes, { tests: '8', failures: '3', errors: '0', skipped: '0' });
  const cases = findAll(suites, 'testcase');
  t.equal(cases.length, 8);
  const failed = cases.filter((c) => c.children.some((child) => child.name === 'failure'));
  t.same(
    failed.map((c) => c.attributes.name.split(':')[0]),
    ['bad-signature', 'missing-signature', 'reserialised-body'],
  );
  const failure = findAll(failed[0], 'failure')[0];
  t.match(failure.attributes.message, /accepted an event whose signature does not match/);
  t.match(failure.text, /sent: POST verification_completed with x-signature computed with a different secret\ngot: HTTP 204/);
  t.match(cases[0].attributes, { classname: 'kyc-sim.check-webhook.metamap', time: /^\d+\.\d{3}$/ });
});

t.test('usage errors (exit 2 through main) and --help, in process', async (t) => {
  const out: string[] = [];
  const io = { env: {}, out: (text: string) => void out.push(text), err: (text: string) => void out.push(text) };
  const base = ['--provider', 'verifime', '--url', 'http://127.0.0.1:1/hook', '--secret', 's'];
  const cases: [string[], RegExp][] = [
    [['--provider', 'paypal', '--url', 'http://127.0.0.1:1/hook', '--secret', 's'], /--provider: unknown provider "paypal"; valid providers: verifime, metamap/],
    [['--provider', 'verifime', '--url', 'http://127.0.0.1:1/hook'], /--secret is required/],
    [['--provider', 'metamap', '--url', 'ftp://example.com/hook', '--secret', 's'], /--url: "ftp:\/\/example.com\/hook" is not an http\(s\) URL/],
    [[...base, '--format', 'xml'], /--format: "xml" is not a format; use human, json, junit/],
    [[...base, '--timeout', 'soon'], /--timeout: "soon" is not a duration/],
    [[...base, '--probe-url', 'nope'], /--probe-url: "nope" is not an absolute URL/],
    [[...base, 'extra'], /unexpected argument "extra"/],
  ];
  for (const [argv, message] of cases) {
    await t.rejects(checkWebhookCommand(argv, io), { name: 'UsageError', message }, argv.join(' '));
  }
  t.same(out, [], 'nothing is sent or printed before the arguments are valid');
  t.equal(await checkWebhookCommand(['--help'], io), 0);
  t.match(out.join(''), /^Usage: kyc-sim check-webhook --provider <verifime\|metamap> --url <url> --secret <secret>/);
});
