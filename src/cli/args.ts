// Argument parsing shared by the commands (node:util parseArgs, strict), and the small
// things every command needs: where output goes, usage errors, durations.
import { parseArgs } from 'node:util';
import { parseDuration } from '../core/duration.js';
import { SETTINGS, type Setting } from '../core/settings.js';

/** Where a command writes and what environment it reads; tests pass their own. */
export interface Io {
  readonly env: Readonly<Record<string, string | undefined>>;
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  env: process.env,
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** A command's entry point: resolves with the exit code (0 ok, 1 failed, 2 usage error). */
export type Command = (argv: readonly string[], io: Io) => Promise<number>;

/** Bad arguments: the command prints the message and its usage, and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly default?: string | boolean;
}

export interface Parsed {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

/** Strict parse: unknown options and missing values are UsageErrors; at most `maxPositionals`. */
export function parse(argv: readonly string[], options: Record<string, OptionSpec>, maxPositionals: number): Parsed {
  let parsed: Parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true }) as Parsed;
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(`unexpected argument "${parsed.positionals[maxPositionals]}"`);
  }
  return parsed;
}

/** `--scenarios-dir` for SCENARIOS_DIR: every serve option is derived from SETTINGS. */
export function flagFor(setting: Pick<Setting, 'name'>): string {
  return setting.name.toLowerCase().replaceAll('_', '-');
}

export const SETTING_FLAGS: readonly { readonly flag: string; readonly setting: Setting }[] = SETTINGS.map((setting) => ({
  flag: flagFor(setting),
  setting,
}));

/** "30s", "2m", "500ms" or a plain number of seconds. */
export function durationArg(name: string, raw: string): number {
  const ms = /^\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) * 1000 : parseDuration(raw);
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0) throw new UsageError(`--${name}: "${raw}" is not a duration; use e.g. 30s, 2m or 500ms`);
  return ms;
}

/** The local server's base URL from PORT (and HOST when it is a concrete address). */
export function localUrl(env: Io['env']): string {
  const port = env.PORT?.trim() || '4010';
  const bound = env.HOST?.trim();
  const host = !bound || bound === '0.0.0.0' || bound === '::' ? '127.0.0.1' : bound;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export function formatTable(rows: readonly (readonly [string, string])[], indent = 2): string {
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => `${' '.repeat(indent)}${left.padEnd(width)}${right}`).join('\n');
}
