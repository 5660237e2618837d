// The whole MetaMap flow for every scenario in scenarios/metamap, through the real server
// and a real receiver: create (E1), send-input (E2), the clock, the signed webhooks (§5) and
// the resource (E3, §6) at several points in time.
import { readdirSync, readFileSync } from 'node:fs';
import t from 'tap';
import type { Test } from 'tap';
import { parse } from 'yaml';
import type { Received, Receiver } from '../support/receiver.js';
import type { TestServer } from '../support/server.js';
import { createVerification, FLOW_ID, MIN, plusTwo, SEC, setupMetamap, T0, uploadPassportAndVideo } from '../support/metamap.js';

const DIR = new URL('../../scenarios/metamap/', import.meta.url);
const DOCUMENT_STEPS = ['document-reading', 'template-matching', 'alteration-detection', 'watchlists', 'facematch', 'age-check'];
const FLOW_STEPS = ['ip-validation', 'liveness', ...DOCUMENT_STEPS];
const CREATE_KEYS = ['documents', 'expired', 'flow', 'identity', 'inputs', 'metadata', 'steps', 'id', 'deviceFingerprint', 'hasProblem'];
const RESULT_KEYS = ['resource', 'deviceFingerprint', 'identityStatus', 'details', 'matiDashboardUrl', 'status', 'eventName', 'flowId', 'timestamp', 'metadata'];

const negligence = { type: 'StepError', code: 'alterationDetection.negligence', message: 'Document is considered as negligence', reasonCode: 'blurred' };
const EXPECT: Record<string, { status: string; errors: Record<string, object> }> = {
  verified: { status: 'verified', errors: {} },
  'out-of-order': { status: 'verified', errors: {} },
  'review-negligence': { status: 'reviewNeeded', errors: { 'alteration-detection': negligence } },
  'manual-review-then-verified': { status: 'reviewNeeded', errors: { 'alteration-detection': negligence } },
  'rejected-fraud': {
    status: 'rejected',
    errors: { 'alteration-detection': { type: 'StepError', code: 'alterationDetection.fraudAttempt', message: 'Document is considered as fraud attempt', reasonCode: 'digitalPhotoReplacement' } },
  },
  'watchlist-hit': { status: 'reviewNeeded', errors: { watchlists: { type: 'StepError', code: 'basicWatchlists.matchFound', message: String } } },
  'liveness-failed': { status: 'reviewNeeded', errors: { liveness: { type: 'LegacyError', code: 'legacy.error', message: 'User did not pass liveness' } } },
  'facematch-low': { status: 'reviewNeeded', errors: { facematch: { type: 'StepError', code: 'facematch.differentPerson', message: 'There are different persons on photos' } } },
  underage: { status: 'rejected', errors: { 'age-check': { type: 'StepError', code: 'underage.error', message: 'This user is currently underage' } } },
};

/** step_completed items of a scenario file, in file order, with their delay in ms. */
function fileSteps(name: string): { step: string; at: number }[] {
  const doc = parse(readFileSync(new URL(`${name}.yaml`, DIR), 'utf8')) as { timeline: { event: string; step?: string; at?: string }[] };
  return doc.timeline
    .filter((i) => i.event === 'step_completed')
    .map((i) => {
      const m = /^(\d+)(s|m)$/.exec(i.at ?? '');
      if (!m) throw new Error(`test expects simple delays, got ${i.at}`);
      return { step: i.step as string, at: Number(m[1]) * (m[2] === 's' ? SEC : MIN) };
    });
}

const iso = (ms: number) => new Date(ms).toISOString();
const steps = (hooks: Received[]) => hooks.filter((h) => h.json.eventName === 'step_completed').map((h) => h.json.step as Record<string, any>);
const get = async (server: TestServer, auth: Record<string, string>, id: string) => {
  const res = await server.call('GET', `/v2/verifications/${id}`, undefined, auth);
  if (res.status !== 200) throw new Error(`GET resource: ${res.status}`);
  return res.body as Record<string, any>;
};

/** What every MetaMap webhook must be: signed, compact, with the envelope. */
function checkEnvelope(t: Test, hook: Received, server: TestServer, id: string, metadata: object) {
  const name = String(hook.json.eventName);
  t.ok(hook.signatureValid, `${name}: x-signature is the HMAC of the exact body`);
  t.match(hook.headers['x-signature'], /^[0-9a-f]{64}$/, `${name}: lowercase hex signature`);
  t.match(hook.headers['content-type'], /^application\/json/, `${name}: JSON content type`);
  t.equal(JSON.stringify(JSON.parse(hook.body)), hook.body, `${name}: compact JSON`);
  const keys = Object.keys(hook.json);
  t.equal(keys[0], 'resource', `${name}: resource first`);
  t.same(keys.slice(-4), ['eventName', 'flowId', 'timestamp', 'metadata'], `${name}: envelope order`);
  t.match(hook.json, { resource: `${server.sim.publicUrl}/v2/verifications/${id}`, flowId: FLOW_ID, timestamp: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/ }, `${name}: envelope`);
  t.same(hook.json.metadata, metadata, `${name}: metadata echoed`);
}

/** The resource agrees with the step webhooks received so far. */
async function checkConsistent(t: Test, server: TestServer, auth: Record<string, string>, receiver: Receiver, id: string, label: string) {
  const res = await get(server, auth, id);
  const fired = new Map(steps(receiver.received).map((s) => [s.id as string, s]));
  const inResource = [...res.steps, ...res.documents.flatMap((d: any) => d.steps)];
  t.same(inResource.map((s) => s.id).sort(), [...FLOW_STEPS].sort(), `${label}: every flow step in the resource`);
  for (const s of inResource) {
    const hook = fired.get(s.id);
    if (!hook) {
      t.same(s, { status: 0, id: s.id }, `${label}: ${s.id} pending (status 0)`);
      continue;
    }
    const { documentType: _d, ...step } = hook;
    t.same(s, step, `${label}: ${s.id} as its webhook said`);
  }
  t.equal(res.hasProblem, [...fired.values()].some((s) => s.error !== null), `${label}: hasProblem follows the errors`);
  return res;
}

async function runScenario(t: Test, scenario: string) {
  const expect = EXPECT[scenario];
  const { server, receiver, auth } = await setupMetamap(t);
  const metadata = { userId: 'u1', scenario };
  const created = await createVerification(server, auth, metadata);
  t.equal(created.status, 200, 'created');
  t.same(Object.keys(created.body), CREATE_KEYS, 'the documented create response keys, in order');
  const { id, identity } = created.body as { id: string; identity: string };
  t.match(identity, /^[0-9a-f]{24}$/, 'identity is an ObjectId string');
  t.equal(id, plusTwo(identity), 'verification id = identity + 2');
  t.match(created.body, { documents: [], expired: false, flow: { id: FLOW_ID, name: String }, metadata, hasProblem: false, deviceFingerprint: { ua: String, ip: String } });
  t.same(created.body.inputs, [{ id: 'connection-data', status: 200, optional: false }, { id: 'document-photo', status: 0, group: 0 }, { id: 'selfie-video', status: 0 }], 'inputs');
  t.same(created.body.steps, [{ status: 0, id: 'liveness' }, { status: 0, id: 'ip-validation' }], 'top-level steps, all pending');

  await receiver.waitFor(1);
  const before = await get(server, auth, id);
  t.match(before, { id, expired: false, hasProblem: false, identity: { status: 'pending' }, documents: [], metadata }, 'resource before inputs');
  t.ok(before.steps.every((s: any) => s.status === 0), 'no step has run');

  const upload = await uploadPassportAndVideo(server, auth, identity);
  t.equal(upload.status, 201, 'send-input 201');
  t.same(upload.body, [
    { data: { inputType: 'document-photo', type: 'passport', country: 'MX', region: '', page: 'front', filename: 'passport.jpg' }, result: true },
    { data: { inputType: 'selfie-video', filename: 'selfie.mp4' }, result: true },
  ], 'one result per input, in input order');
  t.equal(receiver.received.length, 2, 'verification_inputs_completed sent before the 201');

  await server.advance('21s');
  const mid = await checkConsistent(t, server, auth, receiver, id, 'after 21s');
  t.equal(mid.identity.status, 'running', 'running while steps complete');
  await server.advance('2m39s');

  const hooks = receiver.received;
  t.same(hooks.map((h) => h.json.eventName), ['verification_started', 'verification_inputs_completed', ...FLOW_STEPS.map(() => 'step_completed'), 'verification_completed'], 'event sequence');
  for (const hook of hooks) checkEnvelope(t, hook, server, id, metadata);
  t.same(Object.keys(hooks[0].json), ['resource', 'eventName', 'flowId', 'timestamp', 'metadata'], 'verification_started: envelope only');
  t.same(Object.keys(hooks[1].json), ['resource', 'eventName', 'flowId', 'timestamp', 'metadata'], 'verification_inputs_completed: envelope only');
  t.same([hooks[0].json.timestamp, hooks[1].json.timestamp], [iso(T0), iso(T0)], 'both at creation/upload time');

  const stepHooks = hooks.filter((h) => h.json.eventName === 'step_completed');
  const sent = steps(hooks);
  t.same(sent.map((s) => s.id).sort(), [...FLOW_STEPS].sort(), 'one step_completed per flow step');
  const fromFile = fileSteps(scenario);
  t.same(sent.slice(0, fromFile.length).map((s) => s.id), fromFile.map((s) => s.step), 'the scenario file’s steps first, in file order');
  fromFile.forEach((f, i) => t.equal(stepHooks[i].json.timestamp, iso(T0 + f.at), `${f.step} at +${f.at / SEC}s`));
  stepHooks.slice(fromFile.length).forEach((h) => t.equal(h.json.timestamp, iso(T0 + 2 * MIN), `${(h.json.step as any).id} fills in at Phase 2`));
  for (const step of sent) {
    t.equal(step.status, 200, `${step.id}: status 200`);
    if (DOCUMENT_STEPS.includes(step.id)) t.equal(step.documentType, 'passport', `${step.id}: documentType passport`);
    else t.notOk('documentType' in step, `${step.id}: no documentType`);
    const error = expect.errors[step.id];
    if (error) {
      t.match(step.error, error, `${step.id}: the step error`);
      t.same(Object.keys(step.error), Object.keys(error), `${step.id}: error keys`);
    } else t.equal(step.error, null, `${step.id}: no error`);
  }
  const byId = Object.fromEntries(sent.map((s) => [s.id, s]));

  const done = hooks[hooks.length - 1].json as Record<string, any>;
  t.same(Object.keys(done), RESULT_KEYS, 'verification_completed keys in documented order');
  t.match(done, { identityStatus: expect.status, status: expect.status, timestamp: iso(T0 + 2 * MIN) }, `verdict ${expect.status}`);
  t.equal(done.matiDashboardUrl, `${server.sim.publicUrl}/identities/${identity}`, 'dashboard URL uses the identity id');
  t.same(done.deviceFingerprint, created.body.deviceFingerprint, 'deviceFingerprint as at creation');

  const end = await checkConsistent(t, server, auth, receiver, id, 'at the end');
  t.match(end, { id, expired: false, identity: { status: expect.status }, hasProblem: Object.keys(expect.errors).length > 0 }, 'final resource');
  t.same(end.inputs.map((i: any) => i.status), [200, 200, 200], 'every input in');
  const [doc] = end.documents;
  t.match(doc, { type: 'passport', country: 'MX', region: '', photos: [String] }, 'the uploaded passport');
  t.same(doc.fields, byId['document-reading'].data, 'documents[0].fields repeats document-reading');
  for (const key of ['fullName', 'firstName', 'surname', 'documentNumber', 'dateOfBirth', 'expirationDate']) t.type(doc.fields[key]?.value, 'string', `field ${key} read`);
  t.same(end.computed, done.details, 'webhook details = resource computed');
  t.equal(end.computed.age.data, byId['age-check'].data.age, 'computed.age agrees with age-check');
  const birthYear = Number(doc.fields.dateOfBirth.value.slice(0, 4));
  t.ok(end.computed.age.data === 2025 - birthYear || end.computed.age.data === 2026 - birthYear, 'computed.age agrees with dateOfBirth');
  return { server, receiver, auth, id, byId };
}

const scenarios = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).filter((n) => n !== 'expired-abandoned' && n !== 'faulty-delivery'); // faulty-delivery: scenario-faults.test.ts
t.same(scenarios.filter((n) => !(n in EXPECT)), [], 'every MetaMap scenario has an expectation in this test');

for (const scenario of scenarios.filter((n) => n in EXPECT)) {
  t.test(`scenario ${scenario}`, async (t) => {
    const { server, receiver, auth, id, byId } = await runScenario(t, scenario);
    if (scenario === 'out-of-order') {
      t.same(steps(receiver.received).map((s) => s.id), fileSteps(scenario).map((s) => s.step), 'delivered exactly in file order');
    }
    if (scenario === 'underage') t.match(byId['age-check'].data, { age: 16, ageThreshold: 18, underage: true }, 'underage data');
    else t.match(byId['age-check'].data, { ageThreshold: 18, underage: false }, 'adult');
    if (scenario === 'facematch-low') t.equal(byId.facematch.data.score, 42, 'facematch score 42');
    else if (scenario !== 'watchlist-hit') t.ok(byId.facematch.data.score >= 70, 'facematch score above the threshold');
    if (scenario === 'watchlist-hit') t.match(byId.watchlists.data, [{ watchlist: { id: Number, name: String }, searchParams: { fullName: String }, searchResult: Object }], 'the match');
    if (scenario === 'manual-review-then-verified') {
      await server.advance('30m');
      t.equal(receiver.received.length, 12, 'one more webhook');
      const updated = receiver.received[11];
      checkEnvelope(t, updated, server, id, { userId: 'u1', scenario });
      t.same(Object.keys(updated.json), RESULT_KEYS, 'verification_updated has the completed shape');
      t.match(updated.json, { eventName: 'verification_updated', identityStatus: 'verified', status: 'reviewNeeded' }, 'reviewer verified; status stays reviewNeeded');
      t.equal((await get(server, auth, id)).identity.status, 'verified', 'resource shows verified');
    }
  });
}

t.test('expired-abandoned: uploads accepted, inputs never complete, verification_expired at 30 minutes', async (t) => {
  const { server, receiver, auth } = await setupMetamap(t);
  const metadata = { userId: 'u1', scenario: 'expired-abandoned' };
  const created = await createVerification(server, auth, metadata);
  const { id, identity } = created.body as { id: string; identity: string };
  await receiver.waitFor(1);
  t.equal((await uploadPassportAndVideo(server, auth, identity)).status, 201, 'uploads accepted');
  const inputs = (await get(server, auth, id)).inputs as { id: string; status: number }[];
  t.same(inputs.filter((i) => i.id !== 'connection-data').map((i) => i.status), [0, 0], 'the abandoning customer’s inputs stay incomplete');
  const admin = await server.call('POST', `/__admin/sessions/${id}/complete`, {});
  t.equal(admin.status, 422, 'the admin API cannot complete an abandoning customer');
  await server.advance('29m59s');
  t.same(receiver.received.map((h) => h.json.eventName), ['verification_started'], 'nothing but verification_started before 30 minutes');
  t.equal((await get(server, auth, id)).expired, false, 'not expired yet');
  await server.advance('1m1s');
  t.same(receiver.received.map((h) => h.json.eventName), ['verification_started', 'verification_expired']);
  const expired = receiver.received[1];
  checkEnvelope(t, expired, server, id, metadata);
  t.same(Object.keys(expired.json), ['resource', 'eventName', 'flowId', 'timestamp', 'metadata'], 'envelope only');
  t.equal(expired.json.timestamp, iso(T0 + 30 * MIN), 'at 30 minutes');
  t.match(await get(server, auth, id), { expired: true, identity: { status: 'pending' } }, 'resource expired:true');
  await server.advance('1h');
  t.equal(receiver.received.length, 2, 'nothing after expiry');
});

t.test('admin complete: inputs complete without uploads, the flow runs on the clock', async (t) => {
  const { server, receiver, auth } = await setupMetamap(t);
  const created = await createVerification(server, auth, { userId: 'u1' });
  const { id } = created.body as { id: string };
  await receiver.waitFor(1);
  const done = await server.call('POST', `/__admin/sessions/${id}/complete`, {});
  t.equal(done.status, 200, 'admin complete');
  t.equal(done.body.scenario, 'verified', 'the default scenario');
  t.same(receiver.received.map((h) => h.json.eventName), ['verification_started', 'verification_inputs_completed']);
  const res = await get(server, auth, id);
  t.same(res.inputs.map((i: any) => i.status), [200, 200, 200], 'inputs all complete');
  t.equal(res.documents.length, 1, 'a document without uploads');
  const photo = await fetch(res.documents[0].photos[0].replace(server.sim.publicUrl, server.url), { headers: auth });
  t.equal(photo.status, 200, 'its placeholder photo is served');
  t.equal(photo.headers.get('content-type'), 'image/png');
  await server.advance('3m');
  const hooks = receiver.received;
  t.equal(hooks.length, 11, 'started, inputs completed, 8 steps, completed');
  for (const hook of hooks) t.ok(hook.signatureValid, `${String(hook.json.eventName)} signed`);
  t.ok(steps(hooks).filter((s) => DOCUMENT_STEPS.includes(s.id)).every((s) => s.documentType === 'national-id'), 'document steps name the flow’s first type');
  t.match(hooks[10].json, { eventName: 'verification_completed', identityStatus: 'verified', status: 'verified' });
  const again = await server.call('POST', `/__admin/sessions/${id}/complete`, {});
  t.equal(again.status, 409, 'completing twice is refused');
});
