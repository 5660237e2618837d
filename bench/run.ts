// Runs every benchmark and prints one summary table. Not part of `npm test`.
//   npm run bench
// Exits 0 when the benchmarks ran (whether or not a target was met) and 1 on a crash.
// Optional environment: BENCH_ONLY=invite,deliveries,lateness,metamap-create,metamap-deliveries
// BENCH_DELIVERY_SESSIONS, BENCH_LATENESS_SESSIONS, BENCH_LATENESS_RELAXED ('' skips the
// lower-rate lateness run), BENCH_LATENESS_WARMUP (sessions sent before each lateness run; 0 skips), BENCH_INVITE_SECONDS, BENCH_METAMAP_CREATE_SECONDS (seconds per
// server per round), BENCH_THROUGHPUT_ROUNDS (rounds of both throughput benchmarks),
// BENCH_METAMAP_SESSIONS (verifications of metamap-deliveries, 11 deliveries each with the
// default flow), BENCH_DELIVERY_CONCURRENCY (DELIVERY_CONCURRENCY of both
// deliveries benchmarks and their baselines; defaults follow the issues' targets),
// BENCH_SOURCE=src (load src/ through tsx instead of the dist/ build that `npm run bench`
// makes first).
import { cpus } from 'node:os';
import { benchDeliveries, DELIVERY_DEFAULTS } from './delivery-throughput.js';
import { benchInvite, INVITE_DEFAULTS } from './invite-throughput.js';
import { benchLateness, LATENESS_DEFAULTS } from './lateness.js';
import { benchMetamapCreate, METAMAP_CREATE_DEFAULTS } from './metamap-create.js';
import { benchMetamapDeliveries, METAMAP_DELIVERY_DEFAULTS } from './metamap-deliveries.js';
import { log, SOURCE, startReceiverProcess, type ReceiverHandle, type Row } from './lib.js';

const only = new Set((process.env.BENCH_ONLY ?? 'invite,deliveries,lateness,metamap-create,metamap-deliveries').split(',').map((s) => s.trim()));
const intEnv = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name}: "${raw}" is not a positive integer`);
  return value;
};

function table(rows: readonly Row[]): string {
  const header = ['metric', 'measured', 'baseline', 'ratio / target', 'result'];
  const cells = rows.map((r) => [r.metric, r.measured, r.baseline, r.target, r.pass === null ? 'info' : r.pass ? 'PASS' : 'FAIL']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

async function main(): Promise<void> {
  const started = performance.now();
  log(`node ${process.version}, ${cpus().length} CPU(s), pid ${process.pid}; kyc-sim from ${SOURCE}/`);
  const rows: Row[] = [];
  let receiver: ReceiverHandle | undefined;
  try {
    if (only.has('invite')) {
      rows.push(
        ...(await benchInvite({
          ...INVITE_DEFAULTS,
          seconds: intEnv('BENCH_INVITE_SECONDS', INVITE_DEFAULTS.seconds),
          rounds: intEnv('BENCH_THROUGHPUT_ROUNDS', INVITE_DEFAULTS.rounds),
        })),
      );
    }
    if (only.has('metamap-create')) {
      rows.push(
        ...(await benchMetamapCreate({
          ...METAMAP_CREATE_DEFAULTS,
          seconds: intEnv('BENCH_METAMAP_CREATE_SECONDS', METAMAP_CREATE_DEFAULTS.seconds),
          rounds: intEnv('BENCH_THROUGHPUT_ROUNDS', METAMAP_CREATE_DEFAULTS.rounds),
        })),
      );
    }
    if (only.has('deliveries') || only.has('lateness') || only.has('metamap-deliveries')) {
      receiver = await startReceiverProcess();
      log(`receiver process ${receiver.pid} listening on ${receiver.url}`);
    }
    if (only.has('deliveries') && receiver) {
      rows.push(
        ...(await benchDeliveries(receiver, {
          sessions: intEnv('BENCH_DELIVERY_SESSIONS', DELIVERY_DEFAULTS.sessions),
          concurrency: intEnv('BENCH_DELIVERY_CONCURRENCY', DELIVERY_DEFAULTS.concurrency),
        })),
      );
    }
    if (only.has('metamap-deliveries') && receiver) {
      rows.push(
        ...(await benchMetamapDeliveries(receiver, {
          sessions: intEnv('BENCH_METAMAP_SESSIONS', METAMAP_DELIVERY_DEFAULTS.sessions),
          concurrency: intEnv('BENCH_DELIVERY_CONCURRENCY', METAMAP_DELIVERY_DEFAULTS.concurrency),
        })),
      );
    }
    if (only.has('lateness') && receiver) {
      rows.push(
        ...(await benchLateness(receiver, {
          ...LATENESS_DEFAULTS,
          sessions: intEnv('BENCH_LATENESS_SESSIONS', LATENESS_DEFAULTS.sessions),
          relaxedDelay: process.env.BENCH_LATENESS_RELAXED ?? LATENESS_DEFAULTS.relaxedDelay,
          warmup: process.env.BENCH_LATENESS_WARMUP === '0' ? 0 : intEnv('BENCH_LATENESS_WARMUP', LATENESS_DEFAULTS.warmup),
        })),
      );
    }
  } finally {
    await receiver?.close();
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `\nkyc-sim benchmarks (${SOURCE}/, ${seconds.toFixed(0)} s, node ${process.version}, ${cpus().length} CPU(s))\n\n${table(rows)}\n`,
  );
  const failed = rows.filter((r) => r.pass === false).length;
  process.stdout.write(failed === 0 ? '\nAll targets met.\n' : `\n${failed} target(s) missed (reported above; exit code stays 0).\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`[bench] crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
