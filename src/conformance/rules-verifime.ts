// VerifiMe's expectations of a webhook consumer (reference/verifime-api.md §6): 2xx within
// 30 s (10 s guidance); 401, and only 401, for a bad signature (it stops delivery; other
// 4xx are permanent failures, 5xx are retried); duplicates by eventId acknowledged and
// ignored; PENDING and PRELIMINARY acknowledged but not acted on.
import { loadConfig } from '../core/config.js';
import { SIGNATURE_HEADER, verifimeDelivery } from '../providers/verifime/delivery.js';
import { counted, describeAnswer, eventLabel, is2xx, ms, verdict, type Rule } from './rule.js';
import {
  badSignatureRule,
  duplicateEventRule,
  missingSignatureRule,
  reserialisedBodyRule,
  unknownFieldRule,
  validEventRule,
  type Profile,
} from './rules-common.js';
import { verifimeSamples, type VerifimeSample } from './samples.js';
import type { Suite } from './suite.js';

/** VerifiMe's older docs: "return HTTP 200 within 10 seconds"; the newer ones time out at 30 s. */
export const VERIFIME_GUIDANCE_MS = 10_000;

export const verifimeProfile: Profile<VerifimeSample> = {
  name: 'VerifiMe',
  actionableName: 'RISK_ASSESSMENT_UPDATED (ASSESSED)',
  actionable: (sample) => ({ label: eventLabel(sample.assessed), body: sample.assessed }),
  identify: (body) => `eventId ${(JSON.parse(body) as { eventId: string }).eventId}`,
  rejectionExpected: '401 exactly',
  judgeRejection(answer) {
    if (answer.status === 401) return { status: 'pass', why: '' };
    if (answer.status === null) return { status: 'fail', why: `no answer (${answer.error}): VerifiMe counts that as a transient failure and retries` };
    return {
      status: 'fail',
      why:
        `answered HTTP ${answer.status}, not 401: VerifiMe treats only 401 as an invalid signature and stops delivery; ` +
        (answer.status >= 400 && answer.status < 500 && answer.status !== 408 && answer.status !== 429
          ? 'any other 4xx is a permanent delivery failure that VerifiMe support must follow up'
          : 'this status makes VerifiMe retry the forged event'),
    };
  },
  ackExpected: (timeoutMs) => `2xx within ${ms(timeoutMs)} (VerifiMe's timeout; its guidance is ${ms(VERIFIME_GUIDANCE_MS)}); otherwise VerifiMe retries`,
};

function interimRule(status: 'PENDING' | 'PRELIMINARY'): Rule<VerifimeSample> {
  return {
    id: `${status.toLowerCase()}-ignored`,
    title: `a ${status} assessment event is acknowledged with 2xx (probe: not acted on)`,
    async check(ctx) {
      const sample = ctx.fresh();
      const body = status === 'PENDING' ? sample.pending : sample.preliminary;
      const label = eventLabel(body);
      const { result: answer, delta } = await counted(ctx, () => ctx.target.post(label, body));
      const sent = `POST ${label}, signed with the endpoint secret`;
      const expected = `2xx, and no action: VerifiMe tells receivers to ignore PENDING and PRELIMINARY and act on ASSESSED only`;
      if (!is2xx(answer)) return verdict('fail', `a ${status} event was not acknowledged: ${describeAnswer(answer)}`, { sent, got: describeAnswer(answer), expected });
      if (delta !== null && delta !== 0) {
        return verdict('fail', `a ${status} event was acted on (probe count +${delta})`, { sent, got: `${describeAnswer(answer)}; probe count +${delta}`, expected });
      }
      return verdict('pass', `${describeAnswer(answer)}${delta === null ? '' : ', not acted on (probe)'}`);
    },
  };
}

const verifimeRules: readonly Rule<VerifimeSample>[] = [
  validEventRule(verifimeProfile),
  duplicateEventRule(verifimeProfile),
  interimRule('PENDING'),
  interimRule('PRELIMINARY'),
  badSignatureRule(verifimeProfile),
  missingSignatureRule(verifimeProfile),
  reserialisedBodyRule(verifimeProfile),
  unknownFieldRule(verifimeProfile),
];

export const verifimeSuite: Suite<VerifimeSample> = {
  provider: 'verifime',
  name: 'VerifiMe',
  dialect: verifimeDelivery(loadConfig({})),
  signatureHeader: SIGNATURE_HEADER,
  slowWarnMs: VERIFIME_GUIDANCE_MS,
  samples: verifimeSamples,
  rules: verifimeRules,
};
