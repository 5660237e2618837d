// What a conformance rule is, what it gets to work with, and the small helpers every rule
// uses to judge an answer and to read the probe around its requests.
import type { Probe } from './probe.js';
import { oneLine } from './probe.js';
import type { Target } from './target.js';
import type { Answer, RuleStatus, Verdict } from './types.js';

export interface RuleContext<S> {
  readonly target: Target;
  /** null without --probe-url, or when the probe did not keep its contract at the start. */
  readonly probe: Probe | null;
  readonly timeoutMs: number;
  /** Acknowledgements slower than this get a warning (VerifiMe's 10 s guidance); null: none. */
  readonly slowWarnMs: number | null;
  /** A sample no other rule has used: new event ids, resources and timestamps. */
  fresh(): S;
}

export interface Rule<S> {
  readonly id: string;
  readonly title: string;
  check(context: RuleContext<S>): Promise<Verdict>;
}

/** An event as sent: words for the report and the exact compact body. */
export interface Sent {
  readonly label: string;
  readonly body: string;
}

export const is2xx = (answer: Answer): boolean => answer.status !== null && answer.status >= 200 && answer.status < 300;

export function describeAnswer(answer: Answer): string {
  if (answer.status === null) return `no answer (${answer.error}) after ${ms(answer.latencyMs)}`;
  const body = oneLine(answer.body, 120);
  return `HTTP ${answer.status} in ${ms(answer.latencyMs)}${body ? `, body ${body}` : ''}`;
}

export function ms(value: number): string {
  return value >= 1000 ? `${Math.round(value / 100) / 10} s` : `${Math.round(value)} ms`;
}

export function verdict(status: RuleStatus, message: string, details: { sent?: string; got?: string; expected?: string } = {}): Verdict {
  return { status, message, ...details };
}

/** Runs `send` between two probe reads; delta is null without a probe. */
export async function counted<T>(context: RuleContext<unknown>, send: () => Promise<T>): Promise<{ result: T; delta: number | null }> {
  const before = context.probe ? await context.probe.read() : null;
  const result = await send();
  const after = context.probe && before !== null ? await context.probe.read() : null;
  return { result, delta: before !== null && after !== null ? after - before : null };
}

export function timesText(delta: number): string {
  return delta === 1 ? 'once' : `${delta} times`;
}

/** The body pretty-printed: same JSON value, different bytes. */
export function prettyPrinted(body: string): string {
  return JSON.stringify(JSON.parse(body), null, 2);
}

/** The body with one more top-level field, as a provider adding a field would send it. */
export function withExtraField(body: string): string {
  return JSON.stringify({ ...(JSON.parse(body) as Record<string, unknown>), kycSimUnknownField: { added: 'by kyc-sim check-webhook', tolerate: true } });
}

export function eventLabel(body: string): string {
  const event = JSON.parse(body) as { eventName?: string; assessmentStatus?: string; step?: { id?: string } };
  if (event.assessmentStatus) return `${event.eventName} (${event.assessmentStatus})`;
  if (event.step?.id) return `${event.eventName} (${event.step.id})`;
  return String(event.eventName);
}
