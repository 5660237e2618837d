// Runs a provider's conformance rules against a consumer endpoint, one after another, and
// returns the report. Nothing is printed here (see format.ts).
import { VERSION } from '../version.js';
import { createDispatcher } from '../webhooks/dispatcher.js';
import { createProbe, PROBE_CONTRACT, ProbeError, type Probe } from './probe.js';
import { describeAnswer, verdict, type RuleContext } from './rule.js';
import { metamapSuite } from './rules-metamap.js';
import { verifimeSuite } from './rules-verifime.js';
import type { Suite } from './suite.js';
import { createTarget } from './target.js';
import type { Exchange, ProviderId, Report, RuleResult, Verdict } from './types.js';

export interface CheckOptions {
  readonly provider: ProviderId;
  /** The consumer's webhook endpoint. */
  readonly url: string;
  /** The endpoint's webhook secret. */
  readonly secret: string;
  /** GET answers {"processed": <n>}; see probe.ts. */
  readonly probeUrl?: string | null;
  /** Per request; default the simulator's delivery timeout for the provider (30 s). */
  readonly timeoutMs?: number;
  /** Warn above this acknowledgement time; default VerifiMe 10 s, MetaMap none. */
  readonly slowWarnMs?: number | null;
  /** Seed of the simulator producing the event bodies; default random (new event ids each run). */
  readonly seed?: string;
  /** Called as each rule finishes (progress output). */
  readonly onRule?: (result: RuleResult) => void;
}

export function checkWebhook(options: CheckOptions): Promise<Report> {
  return options.provider === 'verifime' ? run(verifimeSuite, options) : run(metamapSuite, options);
}

async function run<S>(suite: Suite<S>, options: CheckOptions): Promise<Report> {
  const startedAt = new Date();
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? suite.dialect.policy.timeoutMs;
  const slowWarnMs = options.slowWarnMs === undefined ? suite.slowWarnMs : options.slowWarnMs;
  const { seed, samples } = await suite.samples(suite.rules.length, options.seed);
  let nextSample = 0;
  const dispatcher = createDispatcher();
  const results: RuleResult[] = [];
  let exchanges: Exchange[] = [];
  const record = (exchange: Exchange) => void exchanges.push(exchange);
  const finish = (id: string, title: string, outcome: Verdict, ruleStarted: number) => {
    const result: RuleResult = { id, title, ...outcome, durationMs: Math.round(performance.now() - ruleStarted), exchanges };
    results.push(result);
    exchanges = [];
    options.onRule?.(result);
  };

  try {
    const target = createTarget({ url: options.url, secret: options.secret, dialect: suite.dialect, signatureHeader: suite.signatureHeader, dispatcher, timeoutMs, record });
    let probe: Probe | null = null;
    if (options.probeUrl) {
      const ruleStarted = performance.now();
      const candidate = createProbe(options.probeUrl, timeoutMs, record);
      let outcome: Verdict;
      try {
        outcome = verdict('pass', `processed = ${await candidate.read()}`);
        probe = candidate;
      } catch (error) {
        if (!(error instanceof ProbeError)) throw error;
        const got = exchanges.at(-1);
        outcome = verdict('fail', `${error.message}; the probe checks are skipped`, {
          sent: `GET ${options.probeUrl}`,
          got: got ? describeAnswer(got.answer) : error.message,
          expected: PROBE_CONTRACT,
        });
      }
      finish('probe', `the probe URL keeps its contract: ${PROBE_CONTRACT}`, outcome, ruleStarted);
    }

    const context: RuleContext<S> = {
      target,
      probe,
      timeoutMs,
      slowWarnMs,
      fresh() {
        if (nextSample >= samples.length) throw new Error('kyc-sim check-webhook: a rule used more than one sample');
        return samples[nextSample++];
      },
    };
    for (const rule of suite.rules) {
      const ruleStarted = performance.now();
      let outcome: Verdict;
      try {
        outcome = await rule.check(context);
      } catch (error) {
        if (!(error instanceof ProbeError)) throw error;
        outcome = verdict('fail', `the probe broke its contract during the rule: ${error.message}`, { expected: PROBE_CONTRACT });
      }
      finish(rule.id, rule.title, outcome, ruleStarted);
    }
  } finally {
    await dispatcher.close();
  }

  const count = (status: RuleResult['status']) => results.filter((r) => r.status === status).length;
  const summary = { total: results.length, pass: count('pass'), warn: count('warn'), fail: count('fail'), skip: count('skip') };
  return {
    tool: 'kyc-sim check-webhook',
    version: VERSION,
    provider: suite.provider,
    url: options.url,
    probeUrl: options.probeUrl ?? null,
    timeoutMs,
    seed,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    ok: summary.fail === 0,
    summary,
    rules: results,
  };
}
