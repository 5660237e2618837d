// The rest of MetaMap's API (reference/metamap-api.md §3): status changes (E5), deletion
// (E6), media (E4), send-input's edge cases (E2), the legacy identity call (L1) and the
// metadata limits of E1.
import t from 'tap';
import type { Test } from 'tap';
import {
  createVerification,
  MIN,
  oauth,
  basic,
  PASSPORT_JPG,
  passportFile,
  passportInput,
  SELFIE_MP4,
  sendInput,
  setupMetamap,
  T0,
  uploadPassportAndVideo,
  videoFile,
  videoInput,
  type Setup,
} from '../support/metamap.js';

const MOLECULER = { code: 400, name: 'MoleculerError' };

/** A verification with its passport and video uploaded (scenario from metadata). */
async function uploaded(t: Test, s: Setup, scenario = 'verified') {
  const before = s.receiver.received.length;
  const created = await createVerification(s.server, s.auth, { userId: 'u1', scenario });
  t.equal(created.status, 200, 'created');
  await s.receiver.waitFor(before + 1);
  t.equal((await uploadPassportAndVideo(s.server, s.auth, created.body.identity)).status, 201, 'inputs uploaded');
  return created.body as { id: string; identity: string };
}

t.test('PUT /v2/verifications/{id}/status', async (t) => {
  const s = await setupMetamap(t);
  const { server, receiver, auth } = s;
  const { id } = await uploaded(t, s);
  const put = (status: string, vid = id) => server.call('PUT', `/v2/verifications/${vid}/status`, { status }, auth);

  const early = await put('verified');
  t.equal(early.status, 400, 'no status change before the verdict');
  t.match(early.body.message, /Invalid status movement/);
  await server.advance('3m');
  t.match(receiver.received.at(-1)?.json, { eventName: 'verification_completed', status: 'verified' }, 'verdict verified');

  for (const status of ['reviewNeeded', 'rejected', 'verified']) {
    const count = receiver.received.length;
    const res = await put(status);
    t.equal(res.status, 200, `→ ${status}: 200`);
    t.same(res.body, {}, `→ ${status}: {}`);
    t.equal(receiver.received.length, count + 1, `→ ${status}: one webhook`);
    const hook = receiver.received[count];
    t.ok(hook.signatureValid, 'signed');
    t.match(hook.json, { eventName: 'verification_updated', identityStatus: status, status: 'verified' }, `verification_updated ${status}; status keeps the automatic verdict`);
    t.equal((await server.call('GET', `/v2/verifications/${id}`, undefined, auth)).body.identity.status, status, `resource shows ${status}`);
  }
  for (const status of ['pending', 'running', 'postponed', 'reviewRunning']) {
    t.equal((await put(status)).status, 400, `${status} is not a valid movement`);
  }
  t.equal((await put('nonsense')).status, 400, 'a value outside the enum → 400');
  const missing = await put('verified', 'aaaaaaaaaaaaaaaaaaaaaaaa');
  t.equal(missing.status, 404, 'unknown verification → 404');
  t.match(missing.body, { code: 404, message: 'Verification not found' });
  t.equal((await put('verified', 'not-an-id')).status, 404, 'a malformed id → 404');
});

t.test('DELETE /verifications/{id}', async (t) => {
  const s = await setupMetamap(t);
  const { server, receiver, auth } = s;
  const { id } = await uploaded(t, s);
  const before = (await server.call('GET', `/v2/verifications/${id}`, undefined, auth)).body as { documents: { photos: string[] }[] };
  const photo = new URL(before.documents[0].photos[0]).pathname;
  t.equal((await server.call('GET', photo, undefined, auth)).status, 200, 'media served while the verification exists');
  const res = await server.call('DELETE', `/verifications/${id}`, undefined, auth);
  t.equal(res.status, 200);
  t.same(res.body, {}, '200 {}');
  const count = receiver.received.length;
  t.equal((await server.call('GET', `/v2/verifications/${id}`, undefined, auth)).status, 404, 'then GET → 404');
  t.equal((await server.call('GET', photo, undefined, auth)).status, 400, 'and its media is gone');
  t.equal((await server.call('DELETE', `/verifications/${id}`, undefined, auth)).status, 404, 'deleting again → 404');
  t.equal((await server.call('PUT', `/v2/verifications/${id}/status`, { status: 'verified' }, auth)).status, 404, 'status of a deleted one → 404');
  await server.advance('35m');
  t.equal(receiver.received.length, count, 'its pending steps and verdict never fire');
  t.equal((await server.call('DELETE', '/verifications/aaaaaaaaaaaaaaaaaaaaaaaa', undefined, auth)).status, 404, 'unknown → 404');
  t.equal((await server.call('DELETE', `/verifications/${id}`)).status, 401, 'needs a bearer');
});

t.test('media: uploaded bytes to a bearer only', async (t) => {
  const s = await setupMetamap(t);
  const { server, auth } = s;
  const { id } = await uploaded(t, s);
  await server.advance('3m');
  const res = (await server.call('GET', `/v2/verifications/${id}`, undefined, auth)).body;
  const local = (url: string) => url.replace(server.sim.publicUrl, server.url);
  const photo: string = res.documents[0].photos[0];
  t.match(photo, new RegExp(`^${server.sim.publicUrl}/media/[\\w-]+$`), 'photo URL under PUBLIC_URL/media');
  const got = await fetch(local(photo), { headers: auth });
  t.equal(got.status, 200);
  t.equal(got.headers.get('content-type'), 'image/jpeg', 'uploaded content type');
  t.same(Buffer.from(await got.arrayBuffer()), PASSPORT_JPG, 'the uploaded passport bytes');
  const video = await fetch(local(res.steps.find((st: any) => st.id === 'liveness').data.videoUrl), { headers: auth });
  t.same(Buffer.from(await video.arrayBuffer()), SELFIE_MP4, 'liveness videoUrl serves the uploaded video');
  const token = photo.split('/').pop() as string;
  const byLocation = await fetch(`${server.url}/file?location=${token}`, { headers: auth });
  t.same(Buffer.from(await byLocation.arrayBuffer()), PASSPORT_JPG, '/file?location= form too');

  const anonymous = await server.call('GET', `/media/${token}`);
  t.equal(anonymous.status, 401, 'no bearer → 401');
  t.match(anonymous.body, { code: 401, name: 'invalid_client' });
  const malformedBody = { code: 400, data: {}, message: 'Media URL malformed', name: 'MoleculerError', type: 'MEDIA_API_ERROR' };
  for (const path of ['/media/%24%24not*a*token', '/media/0000000000000000deadbeef00000000', '/file', '/file?location=..%2F..']) {
    const bad = await server.call('GET', path, undefined, auth);
    t.equal(bad.status, 400, `${path} → 400`);
    t.same(bad.body, malformedBody, `${path}: MEDIA_API_ERROR body`);
  }
});

t.test('send-input edge cases', async (t) => {
  const s = await setupMetamap(t);
  const { server, receiver, auth } = s;
  const fresh = async () => {
    const before = receiver.received.length;
    const created = await createVerification(server, auth, { userId: 'u1' });
    await receiver.waitFor(before + 1);
    return created.body as { id: string; identity: string };
  };
  const v = await fresh();
  const files = [passportFile(), videoFile()];
  for (const [name, inputs] of [['missing inputs part', undefined], ['inputs not JSON', '[{"inputType":'], ['inputs not an array', '{"inputType":"selfie-video"}']] as const) {
    const res = await sendInput(server, auth, v.identity, inputs, files);
    t.equal(res.status, 400, `${name} → 400`);
    t.equal(res.body.message, 'Invalid structure of request body', `${name}: MetaMap's exact message`);
    t.match(res.body, { ...MOLECULER, data: { detail: String } }, `${name}: MoleculerError body, kyc-sim's reason in data.detail`);
  }
  const strategy = await sendInput(server, auth, v.identity, [{ inputType: 'selfie-photo', data: { type: 'selfie-photo', filename: 's.jpg' } }], [{ field: 'selfie', filename: 's.jpg', type: 'image/jpeg', bytes: PASSPORT_JPG }]);
  t.equal(strategy.status, 400, 'an input type the flow lacks → 400');
  t.match(strategy.body, { code: 400, message: 'No input strategy found for selfie-photo' });

  const stray = { field: 'document', filename: 'stray.jpg', type: 'image/jpeg', bytes: PASSPORT_JPG };
  const partial = await sendInput(server, auth, v.identity, [passportInput('nowhere.jpg'), videoInput()], [videoFile(), stray]);
  t.equal(partial.status, 201, 'per-input problems still answer 201');
  t.equal(partial.body.length, 2, 'one result per input; the stray file is ignored');
  t.match(partial.body[0], { data: { inputType: 'document-photo', filename: 'nowhere.jpg' }, error: { type: 'ValidationError', code: 'documentPhoto.unexpectedData' } }, 'no file for the input');
  t.notOk('result' in partial.body[0], 'an error result has no result: true');
  t.same(partial.body[1], { data: { inputType: 'selfie-video', filename: 'selfie.mp4' }, result: true }, 'the video is accepted');
  let res = (await server.call('GET', `/v2/verifications/${v.id}`, undefined, auth)).body;
  t.same(res.inputs.map((i: any) => [i.id, i.status]), [['connection-data', 200], ['document-photo', 0], ['selfie-video', 200]], 'the document is still missing');
  t.equal(receiver.received.length, 1, 'inputs not complete yet');

  // A national id's front without its back: MetaMap waits 10 minutes for the back.
  const front = { inputType: 'document-photo', group: 0, data: { type: 'national-id', country: 'MX', region: '', page: 'front', filename: 'id-front.jpg' } };
  const frontOnly = await sendInput(server, auth, v.identity, [front], [passportFile('id-front.jpg')]);
  t.same(frontOnly.body, [{ data: { inputType: 'document-photo', ...front.data }, result: true }], 'front accepted');
  res = (await server.call('GET', `/v2/verifications/${v.id}`, undefined, auth)).body;
  t.equal(res.inputs[1].status, 0, 'document-photo stays pending without the back');
  await server.advance('9m59s');
  t.equal(receiver.received.length, 1, 'no verification_inputs_completed before 10 minutes');
  await server.advance('1s');
  t.equal(receiver.received.length, 2, 'inputs complete after 10 minutes anyway');
  t.match(receiver.received[1].json, { eventName: 'verification_inputs_completed', timestamp: new Date(T0 + 10 * MIN).toISOString() });

  const both = await fresh();
  const back = { ...front, data: { ...front.data, page: 'back', filename: 'id-back.jpg' } };
  const count = receiver.received.length;
  const twoSided = await sendInput(server, auth, both.identity, [front, back, videoInput()], [passportFile('id-front.jpg'), passportFile('id-back.jpg'), videoFile()]);
  t.equal(twoSided.status, 201);
  t.equal(receiver.received.length, count + 1, 'front and back together complete at once');

  const missing = await sendInput(server, auth, 'aaaaaaaaaaaaaaaaaaaaaaaa', [videoInput()], [videoFile()]);
  t.equal(missing.status, 404, 'unknown identity → 404');
  t.equal((await sendInput(server, auth, 'nope', [videoInput()], [videoFile()])).status, 404, 'malformed identity → 404');
  t.equal((await sendInput(server, auth, v.id, [videoInput()], [videoFile()])).status, 404, 'the verification id is not an identity id');
});

t.test('legacy POST /v2/identities', async (t) => {
  const { server, receiver, auth } = await setupMetamap(t);
  const token = await oauth(server, basic());
  const res = await server.call('POST', '/v2/identities', { metadata: { userId: 'legacy-1' } }, auth);
  t.equal(res.status, 200);
  t.same(Object.keys(res.body), ['_id', 'alive', 'dateCreated', 'dateUpdated', 'metadata', 'status', 'user'], 'the documented keys');
  t.match(res.body, { _id: /^[0-9a-f]{24}$/, alive: null, dateCreated: new Date(T0).toISOString(), dateUpdated: new Date(T0).toISOString(), status: 'pending' });
  t.same(res.body.metadata, { userId: 'legacy-1' });
  t.equal(res.body.user, token.body.payload.user._id, 'user is the merchant of the token');
  await receiver.waitFor(1);
  const upload = await uploadPassportAndVideo(server, auth, res.body._id);
  t.equal(upload.status, 201, 'send-input with _id works');
  t.equal(receiver.received.length, 2, 'and completes the inputs');
});

t.test('metadata must be at most 4 KB and one level deep', async (t) => {
  const { server, auth } = await setupMetamap(t);
  const cases: [string, Record<string, unknown>][] = [
    ['over 4 KB', { blob: 'x'.repeat(4100) }],
    ['nested object', { user: { id: 'u1' } }],
    ['array value', { tags: ['a', 'b'] }],
  ];
  for (const [name, metadata] of cases) {
    for (const path of ['/v2/verifications', '/v2/identities']) {
      const res = path === '/v2/verifications' ? await createVerification(server, auth, metadata) : await server.call('POST', path, { metadata }, auth);
      t.equal(res.status, 400, `${path} ${name} → 400`);
      t.match(res.body, MOLECULER, `${path} ${name}: MoleculerError`);
    }
  }
  t.equal((await createVerification(server, auth, { blob: 'x'.repeat(3000), n: 1, ok: true })).status, 200, 'a flat 3 KB object is fine');
  // The limit is on the serialised UTF-8 bytes: {"b":"…"} is 8 bytes around the value.
  t.equal((await createVerification(server, auth, { b: 'x'.repeat(4088) })).status, 200, 'exactly 4,096 bytes is fine');
  t.equal((await createVerification(server, auth, { b: 'x'.repeat(4089) })).status, 400, '4,097 bytes is not');
  t.equal((await createVerification(server, auth, { b: 'é'.repeat(2044) })).status, 200, '2,044 two-byte characters: 4,096 bytes');
  t.equal((await createVerification(server, auth, { b: 'é'.repeat(2045) })).status, 400, '2,045 of them: 4,098 bytes');
  t.equal((await createVerification(server, auth, { a: '"'.repeat(1000), n: -1.7976931348623157e308 })).status, 200, 'escaped quotes and a long number under the limit');
  t.equal((await createVerification(server, auth, { a: '"'.repeat(2045) })).status, 400, '2,045 escaped quotes: 4,098 bytes');
});
