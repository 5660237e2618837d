// The report for people: a header, one line per rule (PASS / WARN / FAIL), and under each
// warning or failure what was sent, what came back and what was expected.
import { ms } from './rule.js';
import type { Report, RuleResult } from './types.js';

/** Wide enough for every rule id. */
export const ID_WIDTH = 19;

const PROVIDER_NAMES = { verifime: 'VerifiMe', metamap: 'MetaMap' } as const;

export function headerLine(report: Pick<Report, 'provider' | 'url' | 'probeUrl' | 'timeoutMs'>): string {
  const probe = report.probeUrl ? `, probe ${report.probeUrl}` : ', no probe';
  return `kyc-sim check-webhook: ${PROVIDER_NAMES[report.provider]} webhooks → ${report.url} (timeout ${ms(report.timeoutMs)}${probe})`;
}

export function ruleLines(result: RuleResult, idWidth = ID_WIDTH): string {
  const head = `${result.status.toUpperCase().padEnd(4)}  ${result.id.padEnd(idWidth)}  ${result.title}`;
  if (result.status === 'pass') return `${head}: ${result.message}`;
  const indent = ' '.repeat(6);
  const lines = [head, `${indent}${result.message}`];
  if (result.sent) lines.push(`${indent}sent:     ${result.sent}`);
  if (result.got) lines.push(`${indent}got:      ${result.got}`);
  if (result.expected) lines.push(`${indent}expected: ${result.expected}`);
  return lines.join('\n');
}

export function summaryLine(report: Pick<Report, 'summary' | 'durationMs'>): string {
  const { total, pass, warn, fail, skip } = report.summary;
  const parts = [`${pass} passed`, `${warn} warning${warn === 1 ? '' : 's'}`, `${fail} failed`, ...(skip > 0 ? [`${skip} skipped`] : [])];
  return `${total} rules: ${parts.join(', ')} (${ms(report.durationMs)})${fail > 0 ? ': the endpoint does not behave as the provider expects' : ''}`;
}

export function formatHuman(report: Report): string {
  return [headerLine(report), ...report.rules.map((r) => ruleLines(r)), summaryLine(report)].join('\n') + '\n';
}
