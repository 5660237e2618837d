// kyc-sim check-webhook: sends a consumer's webhook endpoint a battery of real, signed
// provider webhooks (and deliberately forged ones) and reports, rule by rule, whether it
// answers as the provider expects. Exit 0 when no rule fails (warnings allowed), 1 when
// one does, 2 on usage errors. The rules live in src/conformance/.
import { writeFile } from 'node:fs/promises';
import { FORMATS, formatReport, type Format } from '../conformance/format.js';
import { headerLine, ruleLines, summaryLine } from '../conformance/format-human.js';
import { PROBE_CONTRACT } from '../conformance/probe.js';
import { PROVIDERS, type ProviderId } from '../conformance/types.js';
import { durationArg, parse, UsageError, type Command } from './args.js';

export const checkWebhookUsage = `Usage: kyc-sim check-webhook --provider <verifime|metamap> --url <url> --secret <secret> [options]

Sends your webhook endpoint real, signed webhooks in the provider's exact format (the bodies and
headers kyc-sim serve sends), plus forged ones, and reports rule by rule whether it answers as the
provider expects: valid events acknowledged with 2xx in time; bad, missing and re-serialised
signatures rejected (VerifiMe: 401 exactly; MetaMap: non-2xx, 401/403 preferred); duplicates
acknowledged and acted on once; VerifiMe PENDING/PRELIMINARY acknowledged and ignored; MetaMap
events acknowledged in any order. Exit 0 when every rule passes (warnings allowed), 1 when one
fails, 2 on usage errors.

Options:
  --provider <id>          verifime | metamap
  --url <url>              your webhook endpoint
  --secret <secret>        the endpoint's webhook secret
  --probe-url <url>        optional: ${PROBE_CONTRACT}, the count of
                           distinct events your app acted on; proves duplicates are acted on
                           once and ignored events not at all
  --format <format>        human | json | junit (default: human)
  --output <file>          write the report there (in --format) and print the human one
  --timeout <duration>     per request (default: 30s, the simulator's delivery timeout)
  --seed <seed>            seed of event ids and generated data (default: random: new ids each run)
`;

const OPTIONS = {
  provider: { type: 'string' },
  url: { type: 'string' },
  secret: { type: 'string' },
  'probe-url': { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string' },
  timeout: { type: 'string' },
  seed: { type: 'string' },
} as const;

function httpUrl(option: string, raw: string): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new UsageError(`--${option}: "${raw}" is not an absolute URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new UsageError(`--${option}: "${raw}" is not an http(s) URL`);
  return raw;
}

export const checkWebhookCommand: Command = async (argv, io) => {
  const { values } = parse(argv, OPTIONS, 0);
  if (values.help) {
    io.out(checkWebhookUsage);
    return 0;
  }
  const str = (name: keyof typeof OPTIONS): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const required = (name: keyof typeof OPTIONS): string => {
    const value = str(name);
    if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
    return value;
  };
  const provider = required('provider');
  if (!(PROVIDERS as readonly string[]).includes(provider)) throw new UsageError(`--provider: unknown provider "${provider}"; valid providers: ${PROVIDERS.join(', ')}`);
  const url = httpUrl('url', required('url'));
  const secret = required('secret');
  const probeUrl = str('probe-url') === undefined ? null : httpUrl('probe-url', str('probe-url')!);
  const format = (str('format') ?? 'human') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format: "${format}" is not a format; use ${FORMATS.join(', ')}`);
  const output = str('output');
  const timeoutMs = str('timeout') === undefined ? undefined : durationArg('timeout', str('timeout')!);

  // Human lines stream to stdout as rules finish unless the report itself goes to stdout.
  const streamHuman = format === 'human' || output !== undefined;
  if (streamHuman) io.out(`${headerLine({ provider: provider as ProviderId, url, probeUrl, timeoutMs: timeoutMs ?? 30_000 })}\n`);
  // Loaded only now: the runner brings in the whole simulator, which --help and usage errors do not need.
  const { checkWebhook } = await import('../conformance/runner.js');
  const report = await checkWebhook({
    provider: provider as ProviderId,
    url,
    secret,
    probeUrl,
    timeoutMs,
    seed: str('seed'),
    onRule: streamHuman ? (result) => io.out(`${ruleLines(result)}\n`) : undefined,
  });
  if (streamHuman) io.out(`${summaryLine(report)}\n`);
  if (output !== undefined) {
    try {
      await writeFile(output, formatReport(report, format));
    } catch (error) {
      io.err(`kyc-sim check-webhook: cannot write --output ${output}: ${(error as Error).message}\n`);
      return 2;
    }
  } else if (!streamHuman) {
    io.out(formatReport(report, format));
  }
  return report.ok ? 0 : 1;
};
