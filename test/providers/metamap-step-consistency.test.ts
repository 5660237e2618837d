// A MetaMap step's data, its error and the verdict agree (reference §5.4, §5.5, §7): flow
// thresholds decide facematch and age-check when a scenario names no error, a named error
// shapes the data it contradicts, errors carry `details`, and default messages follow the
// step. Each case runs a scenario file through the provider's own timeline, then compares
// the step_completed bodies, the verification_completed body and the resource.
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import t from 'tap';
import type { Test } from 'tap';
import { BUNDLED_SCENARIOS_DIR, loadConfig } from '../../src/core/config.js';
import type { Scenario } from '../../src/engine/scenario-catalogue.js';
import { loadScenarios } from '../../src/engine/scenario-loader.js';
import type { TimelineEntry } from '../../src/engine/session.js';
import { DEFAULT_FLOW, type Flow } from '../../src/providers/metamap/flows.js';
import { createMetamapProvider } from '../../src/providers/metamap/index.js';
import { createVerification } from '../../src/providers/metamap/lifecycle.js';
import { verificationResource } from '../../src/providers/metamap/resource.js';
import { documentFieldSchema, stepErrorSchema, webhookStepSchema } from '../../src/providers/metamap/step-schemas.js';
import { toStepError } from '../../src/providers/metamap/step-errors.js';
import { fitTimeline, timelineEvent } from '../../src/providers/metamap/timeline.js';
import { createSimulator, type Simulator } from '../../src/simulator.js';

const metamap = createMetamapProvider(loadConfig({}));
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema([stepErrorSchema, documentFieldSchema]);
const validStep = ajv.compile(webhookStepSchema);

type Step = { id: string; status: number; data?: any; error: any; documentType?: string };

async function simulator(t: Test): Promise<Simulator> {
  const sim = await createSimulator(loadConfig({ CLOCK: 'manual', SEED: 'step-consistency', LOG_LEVEL: 'silent' }));
  t.teardown(() => sim.close());
  return sim;
}

/** A scenario file of `items` (YAML flow mappings) then the verdict, after `head` (top-level sections). */
async function scenarioFrom(t: Test, items: string[], head = ''): Promise<Scenario> {
  const timeline = [...items, '{ event: verification_completed }'].map((item) => `  - ${item}\n`).join('');
  const dir = t.testdir({ metamap: { 'case.yaml': `version: 1\ndescription: test case\n${head}timeline:\n${timeline}` } });
  const [scenario] = await loadScenarios(dir, [metamap]);
  return scenario;
}

/** Runs `scenario` on `flow` through fitTimeline and timelineEvent; every step body must match its schema. */
function run(t: Test, sim: Simulator, flow: Flow, scenario: Scenario) {
  const session = createVerification(sim, { flow, metadata: null, ua: 'tap', ip: '127.0.0.1' });
  const steps: Step[] = [];
  let completed: Record<string, any> | undefined;
  for (const [index, item] of fitTimeline(flow, scenario).entries()) {
    const entry = { index, event: item.event } as TimelineEntry;
    const { eventName, payload } = timelineEvent(sim, session, flow, item, scenario, entry);
    const body = payload as Record<string, any>;
    if (eventName === 'step_completed') {
      t.ok(validStep(body.step), `${String(body.step.id)}: the webhook step matches its schema ${ajv.errorsText(validStep.errors)}`);
      steps.push(body.step as Step);
    } else if (eventName === 'verification_completed') completed = body;
  }
  const resource = verificationResource(sim, session, flow) as Record<string, any>;
  const byId = Object.fromEntries(steps.map((s) => [s.id, s]));
  return { session, steps, byId, completed: completed!, resource };
}

/** The resource shows every step as its webhook did, and the verdict agrees with both. */
function agree(t: Test, result: ReturnType<typeof run>, status: string) {
  const { steps, completed, resource } = result;
  const inResource = new Map<string, unknown>([...resource.steps, ...resource.documents.flatMap((d: any) => d.steps)].map((s: any) => [s.id, s]));
  for (const { documentType: _d, ...step } of steps) t.same(inResource.get(step.id), step, `${step.id}: resource = webhook`);
  t.match(completed, { identityStatus: status, status }, `verification_completed says ${status}`);
  t.equal(resource.identity.status, status, `resource says ${status}`);
  t.equal(resource.hasProblem, status !== 'verified', 'hasProblem follows the errors');
}

const withPremiumAml: Flow = { ...DEFAULT_FLOW, documents: [{ ...DEFAULT_FLOW.documents[0], steps: [...DEFAULT_FLOW.documents[0].steps, 'premium-aml-watchlists-search-validation'] }] };

t.test('default flow and bundled scenarios: generated data stays on the passing side of the thresholds', async (t) => {
  const sim = await simulator(t);
  const scenarios = await loadScenarios(BUNDLED_SCENARIOS_DIR, [metamap]);
  const verified = scenarios.find((s) => s.name === 'verified')!;
  for (let i = 0; i < 25; i++) {
    const result = run(t, sim, DEFAULT_FLOW, verified);
    const person = result.session.data.person!;
    t.equal(result.byId.facematch.data.score, person.facematchScore, 'the generated score, unchanged');
    t.ok(person.age >= 21 && person.age <= 68, 'the generated age, unchanged');
    t.ok(result.steps.every((s) => s.error === null), 'no step derives an error');
    agree(t, result, 'verified');
  }
  const low = run(t, sim, DEFAULT_FLOW, scenarios.find((s) => s.name === 'facematch-low')!);
  t.match(low.byId.facematch, { data: { score: 42 }, error: { code: 'facematch.differentPerson', message: 'There are different persons on photos' } }, 'facematch-low: score 42 as the file says');
  t.same(Object.keys(low.byId.facematch.error), ['type', 'code', 'message'], 'no details on other errors');
  const underage = run(t, sim, DEFAULT_FLOW, scenarios.find((s) => s.name === 'underage')!);
  t.match(underage.byId['age-check'].data, { age: 16, ageThreshold: 18, underage: true }, 'underage: the customer’s 16');
  agree(t, underage, 'rejected');
});

t.test('without a named error, facematch fails below the flow threshold', async (t) => {
  const sim = await simulator(t);
  const strict: Flow = { ...DEFAULT_FLOW, facematchThreshold: 90 };
  const score85 = await scenarioFrom(t, ['{ event: step_completed, step: facematch, data: { score: 85 } }']);
  const failed = run(t, sim, strict, score85);
  t.same(failed.byId.facematch.error, { type: 'StepError', code: 'facematch.differentPerson', message: 'There are different persons on photos' }, '85 < 90: the facematch failure');
  t.equal(failed.byId.facematch.data.score, 85);
  agree(t, failed, 'reviewNeeded');

  const passed = run(t, sim, DEFAULT_FLOW, score85);
  t.equal(passed.byId.facematch.error, null, '85 >= 70 on the default flow: passes');
  agree(t, passed, 'verified');

  const forced = await scenarioFrom(t, ['{ event: step_completed, step: facematch, data: { score: 12 }, error: null }']);
  t.equal(run(t, sim, DEFAULT_FLOW, forced).byId.facematch.error, null, 'error: null forces a pass');

  const verified = await scenarioFrom(t, []);
  const strictest: Flow = { ...DEFAULT_FLOW, facematchThreshold: 100 };
  for (let i = 0; i < 5; i++) {
    const result = run(t, sim, strictest, verified);
    t.equal(result.byId.facematch.data.score, 100, 'generated scores are lifted to a stricter threshold');
    agree(t, result, 'verified');
  }
});

t.test('without a named error, age-check follows the age and the flow threshold', async (t) => {
  const sim = await simulator(t);
  const young = await scenarioFrom(t, ['{ event: step_completed, step: age-check }'], 'customer: { age: 16 }\n');
  const underage = run(t, sim, DEFAULT_FLOW, young);
  t.same(underage.byId['age-check'], { status: 200, id: 'age-check', data: { age: 16, ageThreshold: 18, underage: true }, error: { type: 'StepError', code: 'underage.error', message: 'This user is currently underage' }, documentType: 'national-id' });
  agree(t, underage, 'rejected');

  const byData = await scenarioFrom(t, ['{ event: step_completed, step: age-check, data: { age: 15 } }']);
  const fifteen = run(t, sim, DEFAULT_FLOW, byData);
  t.match(fifteen.byId['age-check'], { data: { age: 15, underage: true }, error: { code: 'underage.error' } }, 'an age the scenario sets decides underage');
  agree(t, fifteen, 'rejected');

  const unread = await scenarioFrom(t, ['{ event: step_completed, step: age-check, data: { age: null } }']);
  t.match(run(t, sim, DEFAULT_FLOW, unread).byId['age-check'], { data: { age: null, underage: null }, error: { code: 'underage.noDOB' } }, 'no age: noDOB');

  const adults: Flow = { ...DEFAULT_FLOW, ageThreshold: 70 };
  const plain = await scenarioFrom(t, []);
  for (let i = 0; i < 5; i++) {
    const result = run(t, sim, adults, plain);
    const age = result.byId['age-check'].data.age as number;
    t.ok(age >= 70, `generated ages are lifted over a higher threshold (${age})`);
    t.equal(result.resource.computed.age.data, age, 'computed.age agrees');
    agree(t, result, 'verified');
  }
});

t.test('a named error shapes the data it would contradict; the scenario’s data still wins', async (t) => {
  const sim = await simulator(t);
  const vpn = run(t, sim, DEFAULT_FLOW, await scenarioFrom(t, ['{ event: step_completed, step: ip-validation, error: ip.vpnDetected }']));
  t.match(vpn.byId['ip-validation'], { data: { safe: false, country: String }, error: { code: 'ip.vpnDetected', message: 'The user is using a VPN/Proxy' } });
  agree(t, vpn, 'reviewNeeded');
  const vpnSafe = run(t, sim, DEFAULT_FLOW, await scenarioFrom(t, ['{ event: step_completed, step: ip-validation, error: ip.vpnDetected, data: { safe: true } }']));
  t.equal(vpnSafe.byId['ip-validation'].data.safe, true, 'explicit data wins');

  const noDob = run(t, sim, DEFAULT_FLOW, await scenarioFrom(t, ['{ event: step_completed, step: age-check, error: underage.noDOB }']));
  t.match(noDob.byId['age-check'].data, { age: null, ageThreshold: 18, underage: null }, 'noDOB: age and underage null');
  t.equal(noDob.byId['document-reading'].data.dateOfBirth.value, null, 'the document shows no date of birth');
  t.notOk('age' in noDob.resource.computed, 'no computed.age');
  agree(t, noDob, 'reviewNeeded');

  const under = run(t, sim, DEFAULT_FLOW, await scenarioFrom(t, ['{ event: step_completed, step: age-check, error: underage.error }']));
  t.match(under.byId['age-check'].data, { age: 17, ageThreshold: 18, underage: true }, 'underage.error: a customer under the threshold');
  t.equal(under.resource.computed.age.data, 17, 'computed.age agrees');
  const birthYear = Number(under.resource.documents[0].fields.dateOfBirth.value.slice(0, 4));
  const thisYear = new Date(sim.clock.now()).getUTCFullYear();
  t.ok(thisYear - birthYear === 17 || thisYear - birthYear === 18, 'so does the date of birth');
  agree(t, under, 'rejected');
  const adult = run(t, sim, DEFAULT_FLOW, await scenarioFrom(t, ['{ event: step_completed, step: age-check, error: underage.error }'], 'customer: { age: 30 }\n'));
  t.match(adult.byId['age-check'].data, { age: 17, underage: true }, 'an adult customer still gets an underage age-check');

  const strict: Flow = { ...DEFAULT_FLOW, facematchThreshold: 80 };
  for (const [error, message] of [
    ['facematch.differentPerson', 'There are different persons on photos'],
    ['legacy.error', 'The face did not match the document'],
  ]) {
    const result = run(t, sim, strict, await scenarioFrom(t, [`{ event: step_completed, step: facematch, error: ${error} }`]));
    const { score } = result.byId.facematch.data as { score: number };
    t.ok(score < 80 && score >= 40, `${error}: score ${score} under the flow's threshold`);
    t.match(result.byId.facematch.error, { code: error, message }, `${error}: ${message}`);
    agree(t, result, 'reviewNeeded');
  }
  const given = run(t, sim, DEFAULT_FLOW, await scenarioFrom(t, ['{ event: step_completed, step: facematch, error: facematch.differentPerson, data: { score: 95 } }']));
  t.equal(given.byId.facematch.data.score, 95, 'the scenario’s score wins');
});

t.test('scenario errors carry details; premium AML matches default matchStatus', async (t) => {
  const sim = await simulator(t);
  const explicit = run(
    t,
    sim,
    withPremiumAml,
    await scenarioFrom(t, [
      '{ event: step_completed, step: premium-aml-watchlists-search-validation, error: { code: premiumAmlWatchlists.matchFound, details: { matchStatus: aka_exact, hits: 2 } } }',
    ]),
  );
  const step = explicit.byId['premium-aml-watchlists-search-validation'];
  t.same(step.error, { type: 'StepError', code: 'premiumAmlWatchlists.matchFound', message: 'Match found in premium AML watchlists', details: { matchStatus: 'aka_exact', hits: 2 } });
  t.same(Object.keys(step.error), ['type', 'code', 'message', 'details'], '§5.4 key order');
  t.match(step.data, { isMonitoringAvailable: false, nameSearched: String, searchId: Number, searchedOn: String }, 'premium AML data keeps its documented object shape');
  agree(t, explicit, 'reviewNeeded');

  const byCode = run(t, sim, withPremiumAml, await scenarioFrom(t, ['{ event: step_completed, step: premium-aml-watchlists-search-validation, error: premiumAmlWatchlists.matchFound }']));
  t.same(byCode.byId['premium-aml-watchlists-search-validation'].error.details, { matchStatus: 'name_exact' }, 'default matchStatus');

  const other = run(
    t,
    sim,
    DEFAULT_FLOW,
    await scenarioFrom(t, ['{ event: step_completed, step: alteration-detection, error: { code: alterationDetection.negligence, reasonCode: blurred, details: { note: x } } }']),
  );
  t.same(Object.keys(other.byId['alteration-detection'].error), ['type', 'code', 'message', 'reasonCode', 'details'], 'details after reasonCode');

  await t.rejects(scenarioFrom(t, ['{ event: step_completed, step: watchlists, error: { code: watchlists.notEnoughParams, details: 3 } }']), /details: must be object/, 'details must be an object');
});

t.test('default messages follow the step where MetaMap words them per step', async (t) => {
  const sim = await simulator(t);
  const withLiveness = await scenarioFrom(t, [
    '{ event: step_completed, step: liveness, error: system.internalError }',
    '{ event: step_completed, step: ip-validation, error: system.internalError }',
    '{ event: step_completed, step: watchlists, error: legacy.error }',
    '{ event: step_completed, step: alteration-detection, error: { code: legacy.error, message: Custom words } }',
  ]);
  const result = run(t, sim, DEFAULT_FLOW, withLiveness);
  t.same(result.byId.liveness.error, { type: 'SystemError', code: 'system.internalError', message: 'Step timeout' }, 'liveness: Step timeout');
  t.same(result.byId['ip-validation'].error, { type: 'SystemError', code: 'system.internalError', message: 'Internal error' }, 'elsewhere: Internal error');
  t.same(result.byId.watchlists.error, { type: 'LegacyError', code: 'legacy.error', message: 'No data to extract information' }, 'watchlists legacy');
  t.equal(result.byId['alteration-detection'].error.message, 'Custom words', 'a scenario’s message wins');
  agree(t, result, 'reviewNeeded');

  const ipParams = run(t, sim, DEFAULT_FLOW, await scenarioFrom(t, ['{ event: step_completed, step: ip-validation, error: ip.notValidParams }']));
  t.same(ipParams.byId['ip-validation'].error, { type: 'StepError', code: 'ip.notValidParams', message: 'Parameters validation error!' });

  t.equal(toStepError('legacy.error', 'liveness').message, 'User did not pass liveness', 'liveness keeps its message');
  t.equal(toStepError('legacy.error').message, 'User did not pass liveness', 'without a step: the existing default');
  t.equal(toStepError('legacy.error', 'facematch').message, 'The face did not match the document');
});
