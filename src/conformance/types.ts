// The data of a webhook conformance check: what was sent, what came back, each rule's
// verdict and the report the formatters print. No behaviour here.

export const PROVIDERS = ['verifime', 'metamap'] as const;
export type ProviderId = (typeof PROVIDERS)[number];

/** pass and warn keep the exit code 0; fail makes it 1; skip means the rule could not run. */
export type RuleStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** What the consumer answered to one request (or why it did not). */
export interface Answer {
  /** HTTP status, or null when there was no answer (timeout, connection error). */
  readonly status: number | null;
  /** Why there was no answer, e.g. "timeout: no answer within 30000 ms". */
  readonly error: string | null;
  readonly latencyMs: number;
  /** The first characters of the response body. */
  readonly body: string;
}

/** One request the checker made and its answer, kept in the JSON report. */
export interface Exchange {
  /** What was sent, in words: "RISK_ASSESSMENT_UPDATED (ASSESSED), signed with a different secret". */
  readonly label: string;
  readonly request: {
    readonly method: 'POST' | 'GET';
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string;
  };
  readonly answer: Answer;
}

/** A rule's outcome. `sent`, `got` and `expected` explain every warning and failure. */
export interface Verdict {
  readonly status: RuleStatus;
  /** One line: what happened. */
  readonly message: string;
  readonly sent?: string;
  readonly got?: string;
  readonly expected?: string;
}

export interface RuleResult extends Verdict {
  readonly id: string;
  /** What the rule checks, e.g. "a bad signature is rejected with 401". */
  readonly title: string;
  readonly durationMs: number;
  readonly exchanges: readonly Exchange[];
}

export interface Summary {
  readonly total: number;
  readonly pass: number;
  readonly warn: number;
  readonly fail: number;
  readonly skip: number;
}

export interface Report {
  readonly tool: 'kyc-sim check-webhook';
  readonly version: string;
  readonly provider: ProviderId;
  readonly url: string;
  readonly probeUrl: string | null;
  readonly timeoutMs: number;
  /** Seed of the in-process simulator that produced the event bodies. */
  readonly seed: string;
  readonly startedAt: string;
  readonly durationMs: number;
  /** True when no rule failed (warnings allowed): exit code 0. */
  readonly ok: boolean;
  readonly summary: Summary;
  readonly rules: readonly RuleResult[];
}
