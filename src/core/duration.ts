// Durations as people write them in env vars and scenario files: "15m", "90s", "2h",
// or a range "1m-3m" / "1m..3m" sampled uniformly. Parsing is delegated to `ms`.
import ms from 'ms';

export interface DelayRange {
  readonly min: number;
  readonly max: number;
}

export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  // Compound forms such as "2m30s" or "1h 15m" add up their parts.
  const parts = trimmed.match(/\d+(\.\d+)?\s*[a-z]+/gi);
  if (!parts || parts.join('').replace(/\s+/g, '') !== trimmed.replace(/\s+/g, '')) return undefined;
  let total = 0;
  for (const part of parts) {
    const value = ms(part.replace(/\s+/g, '') as ms.StringValue);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined;
    total += value;
  }
  return total;
}

/** "2m" → {2m,2m}; "1m-3m" or "1m..3m" → {1m,3m}. */
export function parseRange(text: string): DelayRange | undefined {
  const parts = text.includes('..') ? text.split('..') : text.split(/(?<=[a-z\d\s])-(?=\s*\d)/i);
  if (parts.length === 1) {
    const value = parseDuration(parts[0]);
    return value === undefined ? undefined : { min: value, max: value };
  }
  if (parts.length !== 2) return undefined;
  const min = parseDuration(parts[0]);
  const max = parseDuration(parts[1]);
  if (min === undefined || max === undefined || max < min) return undefined;
  return { min, max };
}

export function formatDuration(milliseconds: number): string {
  return ms(milliseconds, { long: false });
}
