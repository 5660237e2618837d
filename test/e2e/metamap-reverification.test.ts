// Re-verification (reference §3 E1 `identityId`, §5.5 re-facematch), over real HTTP: the
// identity is kept, the verification id is new, the steps start with re-facematch, inputs
// go to the newest verification, and re-facematch compares its selfie with the previous
// verification's (a 0-1 score; facematch.differentPerson when the scenario fails facematch).
import t from 'tap';
import type { Received } from '../support/receiver.js';
import { checkAllResponses, loadContract, recordResponses } from '../support/contract.js';
import { createVerification, FLOW_ID, plusTwo, setupMetamap, uploadPassportAndVideo, type Setup } from '../support/metamap.js';

const UNKNOWN_ID = 'aaaaaaaaaaaaaaaaaaaaaaaa';

type Step = Record<string, any>;
const stepOf = (h: Received) => h.json.step as Step | undefined;
const stepHooks = (hooks: Received[], id: string, verification: string): Step[] =>
  hooks.filter((h) => stepOf(h)?.id === id && String(h.json.resource).endsWith(verification)).map((h) => stepOf(h)!);

/** Create (or re-verify), upload, and run Phase 2 to the verdict. */
async function verify({ server, auth }: Setup, body: Record<string, unknown>) {
  const created = await server.call('POST', '/v2/verifications', { flowId: FLOW_ID, ...body }, auth);
  if (created.status !== 200) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const upload = await uploadPassportAndVideo(server, auth, created.body.identity as string);
  if (upload.status !== 201) throw new Error(`send-input: ${upload.status}`);
  await server.advance('3m');
  return created.body as { id: string; identity: string; steps: { id: string; status: number }[] };
}

t.test('re-verifying an identity: same identity, new verification, re-facematch first', async (t) => {
  const setup = await setupMetamap(t);
  const { server, receiver, auth } = setup;
  const seen = recordResponses(t, () => [new URL(server.url).origin]);
  const contract = await loadContract(server.url);

  const first = await verify(setup, { metadata: { userId: 'u1' } });
  t.equal(first.id, plusTwo(first.identity), 'a first verification: identity + 2');

  const created = await server.call('POST', '/v2/verifications', { flowId: FLOW_ID, identityId: first.identity.toUpperCase(), metadata: { userId: 'u1', attempt: 2 } }, auth);
  t.equal(created.status, 200, 'create with identityId: 200');
  const second = created.body as { id: string; identity: string };
  t.equal(second.identity, first.identity, 'the identity is kept');
  t.match(second.id, /^[0-9a-f]{24}$/, 'a new ObjectId');
  t.not(second.id, first.id, 'not the first verification’s id');
  t.not(second.id, plusTwo(first.identity), 'not identity + 2 (taken)');
  t.same(created.body.steps, [{ status: 0, id: 're-facematch' }, { status: 0, id: 'liveness' }, { status: 0, id: 'ip-validation' }], 'steps start with re-facematch (OAS "Existing User Verified")');
  t.match(created.body, { documents: [], expired: false, hasProblem: false, metadata: { attempt: 2 } });

  // Inputs for the identity go to its newest verification.
  const upload = await uploadPassportAndVideo(server, auth, first.identity);
  t.equal(upload.status, 201, 'send-input to the identity');
  const newer = await server.call('GET', `/v2/verifications/${second.id}`, undefined, auth);
  t.match(newer.body.inputs, [{ status: 200 }, { status: 200 }, { status: 200 }], 'the new verification got the inputs');
  t.match(newer.body.steps[0], { status: 0, id: 're-facematch' }, 're-facematch pending until Phase 2');
  const older = await server.call('GET', `/v2/verifications/${first.id}`, undefined, auth);
  t.equal(older.body.identity.status, 'verified', 'the first verification keeps its verdict');

  await server.advance('3m');
  const [hook] = stepHooks(receiver.received, 're-facematch', second.id);
  t.ok(hook, 'a step_completed for re-facematch');
  const secondSteps = receiver.received.filter((h) => stepOf(h) && String(h.json.resource).endsWith(second.id)).map((h) => stepOf(h)!.id as string);
  t.equal(secondSteps[0], 're-facematch', 'the first step to complete, as it is the first step');
  t.equal(secondSteps.length, 9, 're-facematch and the flow’s 8 steps');
  const [firstReading] = stepHooks(receiver.received, 'document-reading', first.id);
  const [secondReading] = stepHooks(receiver.received, 'document-reading', second.id);
  t.same(
    [secondReading.data.fullName, secondReading.data.documentNumber],
    [firstReading.data.fullName, firstReading.data.documentNumber],
    'the same person with the same document as before',
  );
  t.same(Object.keys(hook.data), ['currentSelfiePhotoUrl', 'currentSelfieVideoUrl', 'facematchScore', 'previousSelfiePhotoUrl', 'previousSelfieVideoUrl', 'previousVerificationId'], '§5.5’s data keys, in order');
  t.match(hook, { status: 200, id: 're-facematch', error: null }, 'passes');
  t.equal(hook.documentType, undefined, 'a verification-level step: no documentType');
  t.ok(hook.data.facematchScore >= 0.95 && hook.data.facematchScore <= 1, `a 0-1 score over the re-verification threshold (${hook.data.facematchScore})`);
  t.equal(hook.data.previousVerificationId, first.id, 'compared with the identity’s previous verification');
  t.equal(hook.data.currentSelfiePhotoUrl, null, 'no selfie photo in a video flow: null');
  t.equal(hook.data.previousSelfiePhotoUrl, null);
  for (const key of ['currentSelfieVideoUrl', 'previousSelfieVideoUrl']) {
    t.match(hook.data[key], new RegExp(`^${server.sim.publicUrl}/media/[0-9a-f]{56}$`), `${key}: a media URL kyc-sim serves`);
    const media = await fetch(hook.data[key] as string, { headers: auth });
    t.equal(media.status, 200, `${key}: served`);
    t.equal(media.headers.get('content-type'), 'video/mp4', `${key}: the uploaded video`);
  }
  t.not(hook.data.currentSelfieVideoUrl, hook.data.previousSelfieVideoUrl, 'two different selfies');
  const received = receiver.received.find((h) => stepOf(h)?.id === 're-facematch')!;
  t.same(contract.checkWebhook(received), [], 'the webhook matches the document');

  const resource = await server.call('GET', `/v2/verifications/${second.id}`, undefined, auth);
  t.same(resource.body.steps[0], { status: 200, id: 're-facematch', data: hook.data, error: null }, 'the resource shows what the webhook said');
  t.match(resource.body, { identity: { status: 'verified' }, hasProblem: false });
  const done = receiver.received.filter((h) => h.json.eventName === 'verification_completed').map((h) => h.json);
  t.equal(done.length, 2, 'two verdicts');
  t.equal(done[1].matiDashboardUrl, `${server.sim.publicUrl}/identities/${first.identity}`, 'the dashboard URL names the identity');

  // A third verification compares with the second.
  const third = await verify(setup, { identityId: first.identity });
  t.not(third.id, second.id, 'another new id');
  const [thirdHook] = stepHooks(receiver.received, 're-facematch', third.id);
  t.equal(thirdHook.data.previousVerificationId, second.id, 'previousVerificationId is the latest earlier verification');

  const identity = await server.call('GET', `/v2/identities/${first.identity}`, undefined, auth);
  t.match(identity.body, { _id: first.identity, status: 'verified', metadata: { userId: 'u1' } }, 'GET /v2/identities: the identity, first metadata kept');
  const page = await fetch(`${server.url}/identities/${first.identity}`);
  t.match(await page.text(), third.id, 'the dashboard page shows the newest verification');
  t.ok(checkAllResponses(t, contract, seen) > 0, 'answers match the document');
});

t.test('a scenario that fails facematch fails re-facematch with facematch.differentPerson', async (t) => {
  const setup = await setupMetamap(t);
  const first = await verify(setup, {});
  const second = await verify(setup, { identityId: first.identity, metadata: { scenario: 'facematch-low' } });
  const [hook] = stepHooks(setup.receiver.received, 're-facematch', second.id);
  t.same(hook.error, { type: 'StepError', code: 'facematch.differentPerson', message: 'There are different persons on photos' }, 'differentPerson');
  t.ok(hook.data.facematchScore >= 0 && hook.data.facematchScore < 0.1, `a different person’s score, a 0-1 fraction (${hook.data.facematchScore})`);
  t.equal(hook.data.previousVerificationId, first.id, 'data on failure too (D-cam)');
  const resource = await setup.server.call('GET', `/v2/verifications/${second.id}`, undefined, setup.auth);
  t.match(resource.body, { hasProblem: true, identity: { status: 'reviewNeeded' } }, 'reviewNeeded, like facematch');
});

t.test('identityId: malformed is a 400 MoleculerError, unknown a 404, a deleted previous verification has no selfie', async (t) => {
  const setup = await setupMetamap(t);
  const { server, auth, receiver } = setup;
  for (const bad of ['123', 'zzzzzzzzzzzzzzzzzzzzzzzz', 42]) {
    const res = await server.call('POST', '/v2/verifications', { flowId: FLOW_ID, identityId: bad }, auth);
    t.equal(res.status, 400, `${JSON.stringify(bad)}: 400`);
    t.match(res.body, { code: 400, name: 'MoleculerError', message: 'Invalid structure of request body' });
  }
  const first = (await createVerification(server, auth)).body as { id: string; identity: string };
  for (const unknown of [UNKNOWN_ID, first.id]) {
    const res = await server.call('POST', '/v2/verifications', { flowId: FLOW_ID, identityId: unknown }, auth);
    t.equal(res.status, 404, `${unknown}: 404`);
    t.same(res.body, { code: 404, message: 'Identity not found', name: 'NotFoundError' }, 'MetaMap’s NotFoundError shape');
  }
  t.equal(server.sim.store.size(), 1, 'nothing was created');

  await uploadPassportAndVideo(server, auth, first.identity);
  await server.advance('3m');
  t.equal((await server.call('DELETE', `/verifications/${first.id}`, undefined, auth)).status, 200, 'the first verification deleted');
  const second = await verify(setup, { identityId: first.identity });
  const [hook] = stepHooks(receiver.received, 're-facematch', second.id);
  t.equal(hook.data.previousVerificationId, first.id, 'still the previous verification');
  t.equal(hook.data.previousSelfieVideoUrl, null, 'its media are gone: null');
  t.match(hook.data.currentSelfieVideoUrl, /\/media\//, 'the new selfie is there');
});
