import t from 'tap';
import { BUNDLED_SCENARIOS_DIR, loadConfig } from '../../src/core/config.js';
import { loadScenarios } from '../../src/engine/scenario-loader.js';
import { DEFAULT_FLOW, type Flow } from '../../src/providers/metamap/flows.js';
import { createMetamapProvider } from '../../src/providers/metamap/index.js';
import { fitTimeline } from '../../src/providers/metamap/timeline.js';

const metamap = createMetamapProvider(loadConfig({}));

t.test('the bundled MetaMap scenarios load', async (t) => {
  const scenarios = await loadScenarios(BUNDLED_SCENARIOS_DIR, [metamap]);
  const names = scenarios.map((s) => s.name).sort();
  t.same(names, [
    'expired-abandoned',
    'facematch-low',
    'faulty-delivery',
    'liveness-failed',
    'manual-review-then-verified',
    'out-of-order',
    'rejected-fraud',
    'review-negligence',
    'underage',
    'verified',
    'watchlist-hit',
  ]);
  const abandoned = scenarios.find((s) => s.name === 'expired-abandoned')!;
  t.equal(abandoned.extra.abandon, true);
  t.same(scenarios.find((s) => s.name === 'underage')!.extra.customer, { age: 16 });
});

t.test('fitTimeline fits a scenario to the flow', async (t) => {
  const scenarios = await loadScenarios(BUNDLED_SCENARIOS_DIR, [metamap]);
  const get = (name: string) => scenarios.find((s) => s.name === name)!;
  const label = (steps: ReturnType<typeof fitTimeline>) =>
    steps.map((s) => (s.event === 'step_completed' ? `${String(s.params.step)}${s.params.document === undefined ? '' : `@${String(s.params.document)}`}` : s.event));

  const fraud = label(fitTimeline(DEFAULT_FLOW, get('rejected-fraud')));
  t.same(fraud.slice(0, 2), ['document-reading@0', 'alteration-detection@0'], 'listed steps first, in file order');
  t.same(fraud.at(-1), 'verification_completed');
  t.same(
    fraud.slice(2, -1).sort(),
    ['age-check@0', 'facematch@0', 'ip-validation', 'liveness', 'template-matching@0', 'watchlists@0'].sort(),
    'every other flow step completes just before the verdict',
  );

  const twoDocuments: Flow = {
    ...DEFAULT_FLOW,
    documents: [DEFAULT_FLOW.documents[0], { types: ['proof-of-residency'], steps: ['document-reading'] }],
    steps: ['ip-validation'],
  };
  const fitted = label(fitTimeline(twoDocuments, get('verified')));
  t.ok(fitted.includes('document-reading@0') && fitted.includes('document-reading@1'), 'document steps run for every document');
  t.notOk(fitted.includes('liveness'), 'steps the flow lacks are dropped');
  t.equal(fitted.filter((x) => x === 'verification_completed').length, 1);

  const review = label(fitTimeline(DEFAULT_FLOW, get('manual-review-then-verified')));
  t.same(review.slice(-2), ['verification_completed', 'verification_updated'], 'a later review stays after the verdict');
});
