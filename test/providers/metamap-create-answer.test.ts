// The create answer is built as JSON text with per-flow parts; it must be exactly
// JSON.stringify(createResponse(session, flow)) for every verification just created, of any
// flow, fresh or a re-verification.
import t from 'tap';
import type { Test } from 'tap';
import { loadConfig } from '../../src/core/config.js';
import { createResponse, createResponseJsonMaker } from '../../src/providers/metamap/create-request.js';
import { DEFAULT_FLOW, type Flow } from '../../src/providers/metamap/flows.js';
import { createVerification } from '../../src/providers/metamap/lifecycle.js';
import { createSimulator, type Simulator } from '../../src/simulator.js';

async function simulator(t: Test): Promise<Simulator> {
  const sim = await createSimulator(loadConfig({ CLOCK: 'manual', SEED: 'create-answer', LOG_LEVEL: 'silent' }));
  t.teardown(() => sim.close());
  return sim;
}

const FLOWS: Flow[] = [
  DEFAULT_FLOW,
  { ...DEFAULT_FLOW, id: '0123456789abcdef01234567', name: 'Two documents, "quoted" \\ naïve 😀', documents: [DEFAULT_FLOW.documents[0], { types: ['passport'], steps: ['document-reading'] }], biometric: 'selfie-photo' },
  { ...DEFAULT_FLOW, id: 'fedcba9876543210fedcba98', name: 'No biometrics, no steps', biometric: 'none', steps: [] },
];

const METADATA: Array<Record<string, unknown> | null> = [null, {}, { userId: 'u-1', plan: 'pro' }, { note: 'line\nbreak "quoted" \u2028 😀', n: 1.5e300, ok: true, nothing: null }];

t.test('fresh verifications of every flow, with any metadata and client', async (t) => {
  const sim = await simulator(t);
  const answer = createResponseJsonMaker();
  for (const flow of FLOWS) {
    for (const [m, metadata] of METADATA.entries()) {
      for (const [ua, ip] of [['autocannon', '127.0.0.1'], ['Mozilla/5.0 "x" \\ ü', '::ffff:10.0.0.1'], ['', '']]) {
        const session = createVerification(sim, { flow, metadata, ua, ip });
        t.equal(answer(session, flow), JSON.stringify(createResponse(session, flow)), `flow ${flow.id}, metadata #${m}, user agent ${JSON.stringify(ua)}`);
      }
    }
  }
});

t.test('a re-verification, or steps no longer as created, is serialised whole', async (t) => {
  const sim = await simulator(t);
  const answer = createResponseJsonMaker();
  const first = createVerification(sim, { flow: DEFAULT_FLOW, metadata: null, ua: 'ua', ip: 'ip' });
  t.equal(answer(first, DEFAULT_FLOW), JSON.stringify(createResponse(first, DEFAULT_FLOW)), 'fresh, caching the flow');

  const again = createVerification(sim, { flow: DEFAULT_FLOW, metadata: null, ua: 'ua', ip: 'ip', earlier: [first] });
  t.equal(again.data.steps.length, DEFAULT_FLOW.steps.length + 1, 'a re-verification has an extra step');
  t.equal(answer(again, DEFAULT_FLOW), JSON.stringify(createResponse(again, DEFAULT_FLOW)), 're-verification');

  const changed = [
    (s: typeof first) => void (s.data.steps = s.data.steps.map((step, i) => (i === 0 ? { ...step, status: 200 as const } : step))),
    (s: typeof first) => void (s.data.steps = [...s.data.steps].reverse()),
    (s: typeof first) => void (s.data.steps = s.data.steps.slice(0, -1)),
  ];
  for (const change of changed) {
    const session = createVerification(sim, { flow: DEFAULT_FLOW, metadata: { a: 1 }, ua: 'ua', ip: 'ip' });
    change(session);
    t.equal(answer(session, DEFAULT_FLOW), JSON.stringify(createResponse(session, DEFAULT_FLOW)), change.toString());
  }
});
