// The rules both providers share, parameterised by what differs between them: which event
// every consumer acts on, how a forged or unverifiable request must be answered, and how
// fast an acknowledgement must be.
import {
  counted,
  describeAnswer,
  is2xx,
  ms,
  prettyPrinted,
  timesText,
  verdict,
  withExtraField,
  type Rule,
  type RuleContext,
  type Sent,
} from './rule.js';
import type { Signing } from './target.js';
import type { Answer, Verdict } from './types.js';

export interface Profile<S> {
  /** "VerifiMe" or "MetaMap". */
  readonly name: string;
  /** The event every consumer acts on, as the rule titles name it. */
  readonly actionableName: string;
  actionable(sample: S): Sent;
  /** How the report names one event for the duplicate rule, e.g. "eventId 3e2f…". */
  identify(body: string): string;
  /** What a forged or unverifiable request must get, in words. */
  readonly rejectionExpected: string;
  /** Judges a non-2xx answer to such a request (a 2xx is always a failure). */
  judgeRejection(answer: Answer): { status: 'pass' | 'warn' | 'fail'; why: string };
  /** What an acknowledgement must look like, in words. */
  ackExpected(timeoutMs: number): string;
}

export function validEventRule<S>(p: Profile<S>): Rule<S> {
  return {
    id: 'valid-event',
    title: `a validly signed ${p.actionableName} is acknowledged with 2xx in time (probe: acted on once)`,
    async check(ctx) {
      const event = p.actionable(ctx.fresh());
      const sent = `POST ${event.label}, signed with the endpoint secret`;
      const { result: answer, delta } = await counted(ctx, () => ctx.target.post(event.label, event.body));
      const details = { sent, got: describeAnswer(answer), expected: p.ackExpected(ctx.timeoutMs) };
      if (!is2xx(answer)) return verdict('fail', `a valid event was not acknowledged: ${describeAnswer(answer)}`, details);
      if (delta !== null && delta !== 1) {
        return verdict('fail', `acknowledged, but the probe says it was acted on ${timesText(delta)}`, {
          ...details,
          got: `${describeAnswer(answer)}; probe count +${delta}`,
          expected: 'the probe count goes up by exactly 1 for a new, valid event',
        });
      }
      if (ctx.slowWarnMs !== null && answer.latencyMs > ctx.slowWarnMs) {
        return verdict('warn', `acknowledged in ${ms(answer.latencyMs)}, slower than ${p.name}'s ${ms(ctx.slowWarnMs)} guidance`, {
          ...details,
          expected: `2xx within ${ms(ctx.slowWarnMs)} (guidance); acknowledge first and do slow work afterwards`,
        });
      }
      return verdict('pass', `${describeAnswer(answer)}${delta === null ? '' : ', acted on once (probe)'}`);
    },
  };
}

interface Forgery {
  readonly id: string;
  readonly title: string;
  /** Words for the report, the bytes sent and how the signature header is made. */
  forge(event: Sent, signatureHeader: string): { sent: string; body: string; signing: Signing };
  /** Why accepting it is wrong. */
  readonly accepted: string;
}

function rejectionRule<S>(p: Profile<S>, forgery: Forgery): Rule<S> {
  return {
    id: forgery.id,
    title: forgery.title,
    async check(ctx): Promise<Verdict> {
      const { sent, body, signing } = forgery.forge(p.actionable(ctx.fresh()), ctx.target.signatureHeader);
      const { result: answer, delta } = await counted(ctx, () => ctx.target.post(sent, body, signing));
      const details = { sent: `POST ${sent}`, got: describeAnswer(answer), expected: p.rejectionExpected };
      if (is2xx(answer)) return verdict('fail', forgery.accepted, details);
      const judged = p.judgeRejection(answer);
      if (judged.status === 'fail') return verdict('fail', judged.why, details);
      if (delta !== null && delta > 0) {
        return verdict('fail', `answered HTTP ${answer.status} but acted on the event anyway (probe count +${delta})`, {
          ...details,
          got: `${describeAnswer(answer)}; probe count +${delta}`,
          expected: `${p.rejectionExpected}, and nothing done with the event`,
        });
      }
      if (judged.status === 'warn') return verdict('warn', judged.why, details);
      return verdict('pass', `rejected: ${describeAnswer(answer)}`);
    },
  };
}

export function badSignatureRule<S>(p: Profile<S>): Rule<S> {
  return rejectionRule(p, {
    id: 'bad-signature',
    title: `an event signed with another secret is rejected (${p.rejectionExpected})`,
    forge: (event, header) => ({ sent: `${event.label} with ${header} computed with a different secret`, body: event.body, signing: 'wrong-secret' }),
    accepted: 'accepted an event whose signature does not match: anyone who knows the URL can forge events',
  });
}

export function missingSignatureRule<S>(p: Profile<S>): Rule<S> {
  return rejectionRule(p, {
    id: 'missing-signature',
    title: `an event without a signature header is rejected (${p.rejectionExpected})`,
    forge: (event, header) => ({ sent: `${event.label} with no ${header} header`, body: event.body, signing: 'missing' }),
    accepted: 'accepted an event without a signature header: the signature is optional for this endpoint',
  });
}

export function reserialisedBodyRule<S>(p: Profile<S>): Rule<S> {
  return rejectionRule(p, {
    id: 'reserialised-body',
    title: `a re-serialised body (pretty-printed, signature of the compact original) is rejected (${p.rejectionExpected})`,
    forge: (event, header) => ({
      sent: `${event.label} pretty-printed (2-space indent) with the ${header} of the original compact body`,
      body: prettyPrinted(event.body),
      signing: { signedBody: event.body },
    }),
    accepted:
      'accepted a body whose exact bytes do not match the signature: the signature is checked against re-serialised JSON ' +
      '(e.g. JSON.stringify(req.body)) instead of the raw bytes received',
  });
}

export function duplicateEventRule<S>(p: Profile<S>): Rule<S> {
  return {
    id: 'duplicate-event',
    title: `the same ${p.actionableName} delivered twice gets the same 2xx both times (probe: acted on once)`,
    async check(ctx: RuleContext<S>) {
      const event = p.actionable(ctx.fresh());
      const sent = `POST ${event.label} twice: identical bytes and signature (${p.identify(event.body)}), as a retry would send it`;
      const { result, delta } = await counted(ctx, async () => {
        const first = await ctx.target.post(`${event.label} (first delivery)`, event.body);
        const second = await ctx.target.post(`${event.label} (same bytes again)`, event.body);
        return { first, second };
      });
      const { first, second } = result;
      const got = `first ${describeAnswer(first)}; second ${describeAnswer(second)}${delta === null ? '' : `; probe count +${delta}`}`;
      const expected = `the same 2xx both times (a duplicate is a success, not an error), acted on once`;
      if (!is2xx(first)) return verdict('fail', `the first delivery was not acknowledged: ${describeAnswer(first)}`, { sent, got, expected });
      if (!is2xx(second)) return verdict('fail', `the repeated delivery was not acknowledged: ${describeAnswer(second)}`, { sent, got, expected });
      if (delta !== null && delta !== 1) return verdict('fail', `the same event was acted on ${timesText(delta)} (probe count +${delta})`, { sent, got, expected });
      if (first.status !== second.status) return verdict('warn', `acknowledged with HTTP ${first.status}, then HTTP ${second.status}`, { sent, got, expected });
      return verdict('pass', `HTTP ${first.status} both times${delta === null ? '' : ', acted on once (probe)'}`);
    },
  };
}

export function unknownFieldRule<S>(p: Profile<S>): Rule<S> {
  return {
    id: 'unknown-field',
    title: `a ${p.actionableName} with an unknown extra field is still acknowledged with 2xx (probe: acted on)`,
    async check(ctx) {
      const event = p.actionable(ctx.fresh());
      const label = `${event.label} with an extra top-level field "kycSimUnknownField", correctly signed`;
      const { result: answer, delta } = await counted(ctx, () => ctx.target.post(label, withExtraField(event.body)));
      const details = { sent: `POST ${label}`, got: describeAnswer(answer), expected: `${p.ackExpected(ctx.timeoutMs)}: providers add fields without notice` };
      if (!is2xx(answer)) return verdict('fail', `an event with an unknown field was not acknowledged: ${describeAnswer(answer)}`, details);
      if (delta !== null && delta !== 1) {
        return verdict('fail', `acknowledged, but the probe says it was acted on ${timesText(delta)}`, { ...details, got: `${describeAnswer(answer)}; probe count +${delta}` });
      }
      return verdict('pass', `${describeAnswer(answer)}${delta === null ? '' : ', acted on once (probe)'}`);
    },
  };
}
