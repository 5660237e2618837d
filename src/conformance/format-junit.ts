// The report as JUnit XML for CI: one <testsuite> per run, one <testcase> per rule, a
// <failure> per failed rule, warnings in <system-out>. A small escaping writer; no
// dependency is needed for this much XML.
import type { Report, RuleResult } from './types.js';

/** Characters XML 1.0 does not allow at all (most C0 controls, lone surrogates, U+FFFE/F). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlEscape(text: string): string {
  return text
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const attrs = (values: Record<string, string | number>): string =>
  Object.entries(values)
    .map(([name, value]) => ` ${name}="${xmlEscape(String(value))}"`)
    .join('');

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function details(result: RuleResult): string {
  return [result.message, result.sent && `sent: ${result.sent}`, result.got && `got: ${result.got}`, result.expected && `expected: ${result.expected}`]
    .filter(Boolean)
    .join('\n');
}

function testcase(report: Report, result: RuleResult): string {
  const open = `    <testcase${attrs({ classname: `kyc-sim.check-webhook.${report.provider}`, name: `${result.id}: ${result.title}`, time: seconds(result.durationMs) })}`;
  switch (result.status) {
    case 'pass':
      return `${open}/>`;
    case 'fail':
      return `${open}>\n      <failure${attrs({ message: result.message, type: 'ConformanceViolation' })}>${xmlEscape(details(result))}</failure>\n    </testcase>`;
    case 'warn':
      return `${open}>\n      <system-out>${xmlEscape(`WARNING: ${details(result)}`)}</system-out>\n    </testcase>`;
    case 'skip':
      return `${open}>\n      <skipped${attrs({ message: result.message })}/>\n    </testcase>`;
  }
}

export function formatJunit(report: Report): string {
  const counts = { tests: report.summary.total, failures: report.summary.fail, errors: 0, skipped: report.summary.skip, time: seconds(report.durationMs) };
  const properties = [
    ['provider', report.provider],
    ['url', report.url],
    ['probeUrl', report.probeUrl ?? ''],
    ['timeoutMs', String(report.timeoutMs)],
    ['seed', report.seed],
    ['warnings', String(report.summary.warn)],
    ['version', report.version],
  ]
    .map(([name, value]) => `      <property${attrs({ name, value })}/>`)
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'kyc-sim check-webhook', ...counts })}>`,
    `  <testsuite${attrs({ name: `check-webhook ${report.provider} ${report.url}`, ...counts, timestamp: report.startedAt })}>`,
    `    <properties>\n${properties}\n    </properties>`,
    ...report.rules.map((r) => testcase(report, r)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
