// MetaMap's expectations of a webhook consumer (reference/metamap-api.md §5): 2xx in time
// for every event, whatever its name and order (non-2xx and timeouts are retried after 1,
// 3, 5, 7 and 10 minutes); x-signature checked over the exact bytes, so a bad, missing or
// re-serialised signature is refused (any non-2xx; 401/403 say why).
import { loadConfig } from '../core/config.js';
import { metamapDelivery, SIGNATURE_HEADER } from '../providers/metamap/delivery.js';
import { describeAnswer, eventLabel, is2xx, ms, verdict, type Rule, type RuleContext } from './rule.js';
import {
  badSignatureRule,
  duplicateEventRule,
  missingSignatureRule,
  reserialisedBodyRule,
  unknownFieldRule,
  validEventRule,
  type Profile,
} from './rules-common.js';
import { metamapSamples, type MetamapSample } from './samples.js';
import type { Suite } from './suite.js';
import type { Answer } from './types.js';

export const metamapProfile: Profile<MetamapSample> = {
  name: 'MetaMap',
  actionableName: 'verification_completed',
  actionable: (sample) => ({ label: eventLabel(sample.completed), body: sample.completed }),
  identify(body) {
    const event = JSON.parse(body) as { eventName: string; resource: string };
    return `${event.eventName} of ${event.resource}`;
  },
  rejectionExpected: 'a non-2xx answer, preferably 401 or 403',
  judgeRejection(answer) {
    if (answer.status === 401 || answer.status === 403) return { status: 'pass', why: '' };
    if (answer.status === null) return { status: 'fail', why: `no answer (${answer.error}): refuse it at once instead` };
    return {
      status: 'warn',
      why: `rejected with HTTP ${answer.status}; 401 or 403 preferred: they say the signature was refused (MetaMap retries any non-2xx 5 times either way)`,
    };
  },
  ackExpected: (timeoutMs) => `2xx within ${ms(timeoutMs)} (kyc-sim's MetaMap timeout); otherwise MetaMap retries after 1, 3, 5, 7 and 10 minutes`,
};

/** Sends bodies one after another; every one must get a 2xx. */
async function allAcknowledged(ctx: RuleContext<MetamapSample>, bodies: readonly string[], sentText: string, expected: string) {
  const answers: { label: string; answer: Answer }[] = [];
  for (const body of bodies) {
    const label = eventLabel(body);
    answers.push({ label, answer: await ctx.target.post(label, body) });
  }
  const got = answers.map(({ label, answer }) => `${label}: ${describeAnswer(answer)}`).join('; ');
  const refused = answers.find(({ answer }) => !is2xx(answer));
  if (refused) return verdict('fail', `${refused.label} was not acknowledged: ${describeAnswer(refused.answer)}`, { sent: sentText, got, expected });
  return verdict('pass', answers.map(({ label, answer }) => `${label} ${answer.status}`).join(', '));
}

const outOfOrderRule: Rule<MetamapSample> = {
  id: 'out-of-order',
  title: 'step_completed events arriving after verification_completed, in reverse order, are acknowledged with 2xx',
  async check(ctx) {
    const sample = ctx.fresh();
    const lateSteps = sample.steps.slice(-2).reverse();
    const bodies = [sample.completed, ...lateSteps];
    return allAcknowledged(
      ctx,
      bodies,
      `POST ${bodies.map(eventLabel).join(', then ')} (one verification, all correctly signed)`,
      '2xx for each: MetaMap guarantees no order, and a refused event is retried, not re-ordered',
    );
  },
};

const otherEventsRule: Rule<MetamapSample> = {
  id: 'other-events',
  title: 'verification_started, verification_inputs_completed and verification_expired are acknowledged with 2xx',
  async check(ctx) {
    const sample = ctx.fresh();
    const bodies = [sample.started, sample.inputsCompleted, sample.expired];
    return allAcknowledged(
      ctx,
      bodies,
      `POST ${bodies.map(eventLabel).join(', ')} (correctly signed)`,
      '2xx for every event name, also those the consumer does not act on: MetaMap retries anything else 5 times',
    );
  },
};

const metamapRules: readonly Rule<MetamapSample>[] = [
  validEventRule(metamapProfile),
  duplicateEventRule(metamapProfile),
  outOfOrderRule,
  otherEventsRule,
  badSignatureRule(metamapProfile),
  missingSignatureRule(metamapProfile),
  reserialisedBodyRule(metamapProfile),
  unknownFieldRule(metamapProfile),
];

export const metamapSuite: Suite<MetamapSample> = {
  provider: 'metamap',
  name: 'MetaMap',
  dialect: metamapDelivery(loadConfig({})),
  signatureHeader: SIGNATURE_HEADER,
  slowWarnMs: null,
  samples: metamapSamples,
  rules: metamapRules,
};
