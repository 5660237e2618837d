// decide() and parseRetryAfter() as tables: VerifiMe's rules (reference/verifime-api.md
// §6.4) through verifimeRetryPolicy, plus the generic knobs of a RetryPolicy.
import t from 'tap';
import type { Test } from 'tap';
import { loadConfig } from '../../src/core/config.js';
import { verifimeRetryPolicy } from '../../src/providers/verifime/delivery.js';
import { decide, parseRetryAfter, type Decision, type RetryPolicy } from '../../src/webhooks/retry-policy.js';

const NOW = Date.parse('2026-01-01T00:00:00.000Z');
const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const date = (ms: number) => new Date(NOW + ms).toUTCString();
const verifime = verifimeRetryPolicy(loadConfig({}));

type Row = [name: string, status: number | null, retryAfter: string | null, attempt: number, expected: Decision['kind'] | { kind: Decision['kind']; waitMs?: number; reason?: string | RegExp }];

const check = (t: Test, policy: RetryPolicy, rows: Row[]) => {
  for (const [name, status, retryAfter, attempt, expected] of rows) {
    const decision = decide(policy, { status, error: status === null ? 'timeout: no answer within 30000 ms' : null, retryAfter }, attempt, NOW);
    if (typeof expected === 'string') t.equal(decision.kind, expected, name);
    else t.match(decision, expected, name);
  }
};

t.test('the VerifiMe policy as data', async (t) => {
  t.equal(verifime.maxAttempts, 5);
  t.same(verifime.backoffMs, [15 * MIN, 15 * MIN, 15 * MIN, 15 * MIN]);
  t.equal(verifime.timeoutMs, 30 * S);
  t.same(verifime.retryableStatuses, [408, 429]);
  t.same(verifime.retryAfter, { statuses: [429, 503], capMs: 12 * H });
  const doubled = verifimeRetryPolicy(loadConfig({ VERIFIME_RETRY_MULTIPLIER: '2' }));
  t.same(doubled.backoffMs, [15 * MIN, 30 * MIN, 60 * MIN, 120 * MIN], 'VERIFIME_RETRY_MULTIPLIER=2');
  const interval = verifimeRetryPolicy(loadConfig({ VERIFIME_RETRY_INTERVAL: '1m', VERIFIME_RETRY_MULTIPLIER: '1.5' }));
  t.same(interval.backoffMs, [60 * S, 90 * S, 135 * S, 202.5 * S], 'VERIFIME_RETRY_INTERVAL=1m, multiplier 1.5');
});

t.test('VerifiMe: what each answer leads to', async (t) => {
  check(t, verifime, [
    ['200', 200, null, 1, 'delivered'],
    ['204', 204, null, 1, 'delivered'],
    ['299', 299, null, 1, 'delivered'],
    ['200 on the last attempt', 200, null, 5, 'delivered'],
    ['401 stops for good', 401, null, 1, { kind: 'stopped', reason: /invalid signature/ }],
    ['401 on the last attempt is still stopped', 401, null, 5, 'stopped'],
    ['400 permanent', 400, null, 1, { kind: 'stopped', reason: /400: permanent failure/ }],
    ['403 permanent', 403, null, 1, 'stopped'],
    ['404 permanent', 404, null, 1, 'stopped'],
    ['410 permanent', 410, null, 1, 'stopped'],
    ['422 permanent', 422, null, 2, 'stopped'],
    ['499 permanent', 499, null, 1, 'stopped'],
    ['408 retried', 408, null, 1, { kind: 'retry', waitMs: 15 * MIN, reason: 'receiver answered 408' }],
    ['429 without Retry-After: backoff', 429, null, 1, { kind: 'retry', waitMs: 15 * MIN }],
    ['500 retried', 500, null, 1, { kind: 'retry', waitMs: 15 * MIN, reason: 'receiver answered 500' }],
    ['502 retried', 502, null, 2, { kind: 'retry', waitMs: 15 * MIN }],
    ['503 without Retry-After: backoff', 503, null, 3, { kind: 'retry', waitMs: 15 * MIN }],
    ['504 retried', 504, null, 4, { kind: 'retry', waitMs: 15 * MIN }],
    ['timeout retried, reason kept', null, null, 1, { kind: 'retry', waitMs: 15 * MIN, reason: /^timeout/ }],
    ['500 on attempt 5 → dead letter', 500, null, 5, { kind: 'dead-lettered', reason: /500; 5 attempts made/ }],
    ['timeout on attempt 5 → dead letter', null, null, 5, { kind: 'dead-lettered', reason: /^timeout.*5 attempts made/ }],
    ['429 with Retry-After on attempt 5 → dead letter', 429, '60', 5, 'dead-lettered'],
    ['408 on attempt 5 → dead letter', 408, null, 5, 'dead-lettered'],
  ]);
});

t.test('VerifiMe: Retry-After on 429 and 503, capped at 12 hours', async (t) => {
  check(t, verifime, [
    ['429, 120 s', 429, '120', 1, { kind: 'retry', waitMs: 2 * MIN, reason: /Retry-After honoured/ }],
    ['503, 120 s', 503, '120', 1, { kind: 'retry', waitMs: 2 * MIN }],
    ['429, 0 s', 429, '0', 1, { kind: 'retry', waitMs: 0 }],
    ['429, HTTP date 5 min ahead', 429, date(5 * MIN), 1, { kind: 'retry', waitMs: 5 * MIN }],
    ['503, HTTP date 3 h ahead', 503, date(3 * H), 2, { kind: 'retry', waitMs: 3 * H }],
    ['429, exactly 12 h', 429, String(12 * 3600), 1, { kind: 'retry', waitMs: 12 * H }],
    ['429, 12 h + 1 s → 12 h', 429, String(12 * 3600 + 1), 1, { kind: 'retry', waitMs: 12 * H }],
    ['503, a week → 12 h', 503, String(7 * 24 * 3600), 1, { kind: 'retry', waitMs: 12 * H }],
    ['503, date 2 days ahead → 12 h', 503, date(48 * H), 1, { kind: 'retry', waitMs: 12 * H }],
    ['429, date in the past → 0', 429, date(-MIN), 1, { kind: 'retry', waitMs: 0 }],
    ['429, garbage → backoff', 429, 'soon', 1, { kind: 'retry', waitMs: 15 * MIN, reason: 'receiver answered 429' }],
    ['500 ignores Retry-After', 500, '120', 1, { kind: 'retry', waitMs: 15 * MIN }],
    ['408 ignores Retry-After', 408, '120', 1, { kind: 'retry', waitMs: 15 * MIN }],
    ['404 with Retry-After still permanent', 404, '120', 1, 'stopped'],
  ]);
});

t.test('generic policy knobs', async (t) => {
  const lenient: RetryPolicy = {
    maxAttempts: 10,
    backoffMs: [1 * S, 2 * S, 4 * S],
    timeoutMs: 5 * S,
    stopStatuses: { 410: 'gone' },
    clientErrorsArePermanent: false,
    retryableStatuses: [],
  };
  check(t, lenient, [
    ['attempt 1 waits the first value', 500, null, 1, { kind: 'retry', waitMs: 1 * S }],
    ['attempt 2 waits the second', 500, null, 2, { kind: 'retry', waitMs: 2 * S }],
    ['attempt 3 waits the third', 500, null, 3, { kind: 'retry', waitMs: 4 * S }],
    ['the last value repeats', 500, null, 9, { kind: 'retry', waitMs: 4 * S }],
    ['maxAttempts reached', 500, null, 10, 'dead-lettered'],
    ['4xx retried when not permanent', 404, null, 1, { kind: 'retry', waitMs: 1 * S }],
    ['stop statuses win', 410, null, 1, { kind: 'stopped', reason: 'gone' }],
    ['no retryAfter config: header ignored', 429, '60', 1, { kind: 'retry', waitMs: 1 * S }],
    ['connection error', null, null, 1, { kind: 'retry', waitMs: 1 * S }],
  ]);
  const noError = decide(lenient, { status: null, error: null, retryAfter: null }, 1, NOW);
  t.match(noError, { kind: 'retry', reason: 'no response' }, 'no status and no error: "no response"');
});

t.test("an HTTP-date Retry-After is read on the receiver's clock, not the simulated one", async (t) => {
  // The simulation runs at NOW; the receiver lives 300 days later and asks for 90 seconds.
  const receiverNow = NOW + 300 * 24 * H;
  const outcome = { status: 429, error: null, retryAfter: new Date(receiverNow + 90 * S).toUTCString(), answeredAt: receiverNow };
  t.match(decide(verifime, outcome, 1, NOW), { kind: 'retry', waitMs: 90 * S }, 'the 90 seconds the receiver meant');
  t.match(decide(verifime, { ...outcome, answeredAt: null }, 1, NOW), { kind: 'retry', waitMs: 12 * H }, 'without answeredAt: against the simulated clock');
  t.match(decide(verifime, { ...outcome, retryAfter: '90' }, 1, NOW), { kind: 'retry', waitMs: 90 * S }, 'delay-seconds need no clock');
});

t.test('parseRetryAfter', async (t) => {
  const rows: [string | null, number | undefined][] = [
    [null, undefined],
    ['', undefined],
    ['0', 0],
    ['120', 120 * S],
    [' 120 ', 120 * S],
    ['86400', 86400 * S],
    [date(90 * S), 90 * S],
    ['Thu, 01 Jan 2026 00:02:00 GMT', 2 * MIN],
    ['Thursday, 01-Jan-26 00:02:00 GMT', 2 * MIN],
    [date(-5 * MIN), 0],
    ['-5', undefined],
    ['1.5', undefined],
    ['2m', undefined],
    ['soon', undefined],
    ['120 seconds', undefined],
  ];
  for (const [header, expected] of rows) t.equal(parseRetryAfter(header, NOW), expected, JSON.stringify(header));
});
