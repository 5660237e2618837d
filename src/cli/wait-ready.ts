// kyc-sim wait-ready: polls GET /__admin/health until kyc-sim is ready (exit 0) or the
// timeout passes (exit 1). For CI steps that start kyc-sim in the background.
import { durationArg, localUrl, parse, type Command } from './args.js';
import { describeHealth, probe } from './healthcheck.js';

export const waitReadyUsage = `Usage: kyc-sim wait-ready [--url <url>] [--timeout <duration>] [--interval <duration>]

Polls GET /__admin/health until kyc-sim is ready (exit 0) or the timeout passes (exit 1).

Options:
  --url <url>              base URL (default: http://127.0.0.1:$PORT, or $HOST when it names one
                           interface; PORT defaults to 4010)
  --timeout <duration>     give up after this long (default: 30s; a plain number means seconds)
  --interval <duration>    wait between attempts (default: 250ms)
`;

export const waitReady: Command = async (argv, io) => {
  const { values } = parse(argv, { url: { type: 'string' }, timeout: { type: 'string' }, interval: { type: 'string' } }, 0);
  if (values.help) {
    io.out(waitReadyUsage);
    return 0;
  }
  const url = typeof values.url === 'string' ? values.url : localUrl(io.env);
  const timeoutMs = typeof values.timeout === 'string' ? durationArg('timeout', values.timeout) : 30_000;
  const intervalMs = typeof values.interval === 'string' ? durationArg('interval', values.interval) : 250;
  const deadline = performance.now() + timeoutMs;
  let reason = 'no answer yet';
  for (;;) {
    const left = deadline - performance.now();
    const result = await probe(url, Math.max(100, Math.min(2_000, left)));
    if (result.ok) {
      io.out(`${describeHealth(url, result.health)}\n`);
      return 0;
    }
    reason = result.reason;
    if (performance.now() + intervalMs > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  io.err(`kyc-sim wait-ready: not ready after ${Math.round(timeoutMs / 100) / 10}s: ${reason}\n`);
  return 1;
};
