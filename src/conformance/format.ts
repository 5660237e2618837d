// The report in each output format: human text, JSON (the Report object as is) or JUnit XML.
import { formatHuman } from './format-human.js';
import { formatJunit } from './format-junit.js';
import type { Report } from './types.js';

export const FORMATS = ['human', 'json', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

export function formatReport(report: Report, format: Format): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'junit') return formatJunit(report);
  return formatHuman(report);
}
