// Runs the kyc-sim CLI as a child process: the built dist/cli/main.js when dist/ is at least
// as new as every source file (`npm test` builds it first; a child then starts in ~0.1 s
// instead of ~1.4 s through tsx), else src/cli/main.ts through tsx, so a single test file
// run after an edit never tests stale code. Every child is killed on teardown.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Test } from 'tap';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const DIST_CLI = join(ROOT, 'dist', 'cli', 'main.js');

/** Newest modification time of the files under `dir` (0 when it does not exist). */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/** True when dist/ was built after the last change to src/ and package.json. */
export const DIST_FRESH =
  existsSync(DIST_CLI) && newest(join(ROOT, 'dist')) >= Math.max(newest(join(ROOT, 'src')), statSync(join(ROOT, 'package.json')).mtimeMs);

/** How to start the CLI: node arguments before the command's own. */
export const CLI_ARGS: readonly string[] = DIST_FRESH ? [DIST_CLI] : ['--import', 'tsx', CLI];

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment without the variables kyc-sim reads, so the host's settings do not leak in. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(PORT|HOST|PUBLIC_URL|CLOCK|CLOCK_START|TIME_SCALE|SEED|SCENARIOS_DIR|PHASE2_DELAY|WEBHOOK_TIMEOUT|DELIVERY_CONCURRENCY|VERIFIME_.*|METAMAP_.*|LOG_LEVEL|KYC_SIM_.*)$/.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

export interface RunningCli {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  /** Resolves with the first stdout/stderr line matching, or rejects after timeoutMs. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves when the process exits. */
  readonly exited: Promise<CliResult>;
}

export function startCli(t: Test, args: readonly string[], env: Record<string, string> = {}): RunningCli {
  const child = spawn(process.execPath, [...CLI_ARGS, ...args], { cwd: ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const running: RunningCli = {
    child,
    stdout: '',
    stderr: '',
    waitFor(pattern, timeoutMs = 10_000) {
      const complete = (text: string) => text.split('\n').slice(0, -1);
      const found = [...complete(running.stdout), ...complete(running.stderr)].find((line) => pattern.test(line));
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no output line matched ${pattern} in ${timeoutMs} ms; stdout:\n${running.stdout}\nstderr:\n${running.stderr}`)),
          timeoutMs,
        );
        waiters.push({
          pattern,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
      });
    },
    exited: new Promise((resolve) => {
      child.on('close', (code, signal) => resolve({ code, signal, stdout: running.stdout, stderr: running.stderr }));
    }),
  };
  const partial = { stdout: '', stderr: '' };
  const feed = (which: 'stdout' | 'stderr') => (chunk: Buffer) => {
    const text = chunk.toString();
    running[which] += text;
    const lines = (partial[which] + text).split('\n');
    partial[which] = lines.pop() ?? '';
    for (const line of lines) {
      for (const waiter of [...waiters]) {
        if (waiter.pattern.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  };
  child.stdout.on('data', feed('stdout'));
  child.stderr.on('data', feed('stderr'));
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return running;
}

/** Runs a CLI command to completion. */
export async function runCli(t: Test, args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return startCli(t, args, env).exited;
}

/** Starts `kyc-sim serve` on a free port and resolves with its URL once it listens. */
export async function startServe(t: Test, args: readonly string[] = [], env: Record<string, string> = {}): Promise<RunningCli & { url: string }> {
  const running = startCli(t, ['serve', '--port', '0', ...args], { LOG_LEVEL: 'info', ...env });
  const line = await running.waitFor(/listening on/, 15_000);
  const url = (JSON.parse(line) as { url: string }).url;
  return Object.assign(running, { url });
}

/** A port nothing listens on (it was free a moment ago). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
