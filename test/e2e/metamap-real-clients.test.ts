// What the official MetaMap SDKs and their recorded cassettes send, over real HTTP:
// POST /oauth/token (§2.2, and the python SDK's v1 service), POST /oauth with an empty form
// (the GetMetaMap python SDK), E7's skip of the back-side wait, GET /v2/identities/{id}
// (cuenca-mx/mati-python Identity.retrieve), the legacy create's unknown flowId, and
// MetaMap's 404 under /verification/ (E8, not simulated). Every answer is checked against
// the OpenAPI document too.
import { request as httpRequest } from 'node:http';
import t from 'tap';
import { checkAllResponses, loadContract, recordResponses } from '../support/contract.js';
import {
  basic,
  CLIENT_ID,
  createVerification,
  FLOW_ID,
  oauth,
  passportFile,
  sendInput,
  setupMetamap,
  T0,
  videoFile,
  videoInput,
  type InputSpec,
} from '../support/metamap.js';
import type { TestServer } from '../support/server.js';

const UNKNOWN_ID = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const INVALID_CLIENT = (status: number) => ({ code: status, name: 'invalid_client', status, statusCode: status });
const NOT_FOUND = { code: 404, name: 'NotFoundError' };

/** A request exactly as python-requests sends it, without fetch's own additions: raw headers, optional body. */
function rawPost(server: TestServer, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: any }> {
  const url = new URL(path, server.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const nationalIdInput = (page: 'front' | 'back', country = 'MX'): InputSpec => ({
  inputType: 'document-photo',
  group: 0,
  data: { type: 'national-id', country, region: '', page, filename: `ine-${page}.jpg` },
});
const nationalIdFile = (page: 'front' | 'back') => passportFile(`ine-${page}.jpg`);

t.test('POST /oauth/token: Basic or application_key in, an OAuth 2 token out that works as a Bearer', async (t) => {
  const { server, auth } = await setupMetamap(t, { METAMAP_TOKEN_TTL: '10m' });
  const seen = recordResponses(t, () => [new URL(server.url).origin]);
  const contract = await loadContract(server.url);
  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  // The python SDK's v1 service: Basic, grant_type=client_credentials&scope=identity.
  for (const path of ['/oauth/token', '/oauth/token/']) {
    const res = await oauth(server, basic(), 'grant_type=client_credentials&scope=identity', path);
    t.equal(res.status, 200, `${path}: 200`);
    t.same(Object.keys(res.body), ['access_token', 'expires_in', 'scope', 'token_type'], `${path}: §2.2's keys`);
    t.match(res.body, { access_token: /^[\w-]+\.[\w-]+\.[\w-]+$/, expires_in: 600, scope: 'identity', token_type: 'bearer' }, `${path}: expires_in is the configured TTL, the scope echoed`);
  }

  // §2.2's form: application_key (the client id), flow_id, x-mati-app, no Basic.
  const documented = await server.call(
    'POST',
    '/oauth/token',
    `grant_type=client_credentials&application_key=${CLIENT_ID}&scope=verification_flow&flow_id=${FLOW_ID}`,
    { ...form, 'x-mati-app': 'platform=web_desktop; version=22.2.10' },
  );
  t.equal(documented.status, 200, 'application_key form: 200');
  t.match(documented.body, { expires_in: 600, scope: 'verification_flow', token_type: 'bearer' });
  const withoutScope = await server.call('POST', '/oauth/token', `grant_type=client_credentials&application_key=${CLIENT_ID}`, form);
  t.equal(withoutScope.body.scope, 'verification_flow', 'scope defaults to verification_flow');
  const noHeader = await server.call('POST', '/oauth/token', `application_key=${CLIENT_ID}`, form);
  t.equal(noHeader.status, 200, 'no x-mati-app and no grant_type: still 200 (the legacy SDK sends neither)');

  // The v1 cassette: Basic, content-type form, Content-Length 0, no body.
  const empty = await rawPost(server, '/oauth/token', { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded', 'content-length': '0' });
  t.equal(empty.status, 200, 'an empty form with Basic: 200');
  t.equal(empty.body.scope, 'verification_flow');

  const bearer = { authorization: `Bearer ${documented.body.access_token as string}` };
  const created = await createVerification(server, bearer);
  t.equal(created.status, 200, 'the token works as a Bearer on the API');
  const fromOauth = await server.call('GET', `/v2/verifications/${created.body.id as string}`, undefined, auth);
  t.equal(fromOauth.status, 200, '/oauth tokens keep working alongside');

  const cases: [string, Record<string, string>, string, number, string | RegExp][] = [
    ['no credentials at all', form, 'grant_type=client_credentials', 400, 'Invalid client: cannot retrieve client credentials'],
    ['an empty application_key', form, 'grant_type=client_credentials&application_key=', 400, 'Invalid client: cannot retrieve client credentials'],
    ['an unknown application_key', form, 'grant_type=client_credentials&application_key=someone-else', 401, 'Invalid client: client is invalid'],
    ['a wrong Basic secret', { ...form, authorization: basic(CLIENT_ID, 'nope') }, 'grant_type=client_credentials', 401, 'Invalid client: client is invalid'],
    ['a wrong grant_type', { ...form, authorization: basic() }, 'grant_type=password', 400, /^Invalid client: grant_type/],
    ['a wrong grant_type with application_key', form, `grant_type=password&application_key=${CLIENT_ID}`, 400, /^Invalid client: grant_type/],
  ];
  for (const [name, headers, body, status, message] of cases) {
    const res = await server.call('POST', '/oauth/token', body, headers);
    t.equal(res.status, status, `${name} → ${status}`);
    t.same(Object.keys(res.body).sort(), ['code', 'message', 'name', 'status', 'statusCode'], `${name}: the invalid_client envelope`);
    t.match(res.body, { ...INVALID_CLIENT(status), message }, `${name}: body`);
  }

  await server.advance('10m');
  const expired = await server.call('GET', `/v2/verifications/${created.body.id as string}`, undefined, bearer);
  t.equal(expired.status, 401, 'the token expires after METAMAP_TOKEN_TTL like /oauth’s');
  t.match(expired.body, INVALID_CLIENT(401));
  t.ok(checkAllResponses(t, contract, seen) > 0, 'answers match the document');
});

t.test('POST /oauth with no body: grant_type defaults to client_credentials', async (t) => {
  const { server } = await setupMetamap(t);
  // GetMetaMap/mati-python: Basic, content-type form, Content-Length: 0; its cassettes answer 200.
  const python = await rawPost(server, '/oauth', { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded', 'content-length': '0' });
  t.equal(python.status, 200, 'an empty form: 200');
  t.same(Object.keys(python.body), ['access_token', 'expiresIn', 'payload'], "/oauth's own shape");
  const bare = await rawPost(server, '/oauth', { authorization: basic(), 'content-length': '0' });
  t.equal(bare.status, 200, 'no content type and no body: 200');
  const emptyForm = await rawPost(server, '/oauth/', { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded' }, '');
  t.equal(emptyForm.status, 200, '/oauth/ with an empty form: 200');
  const other = await rawPost(server, '/oauth', { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded' }, 'grant_type=password');
  t.equal(other.status, 400, 'an explicit other grant_type is still refused');
  t.match(other.body, { ...INVALID_CLIENT(400), message: /grant_type/ });
  const noCredentials = await rawPost(server, '/oauth', { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '0' });
  t.equal(noCredentials.status, 400, 'an empty form without Basic: 400');
  t.match(noCredentials.body, { ...INVALID_CLIENT(400), message: 'Invalid client: cannot retrieve client credentials' });
});

t.test('E7: skipping the back-side wait completes the document input at once', async (t) => {
  const { server, receiver, auth } = await setupMetamap(t);
  const seen = recordResponses(t, () => [new URL(server.url).origin]);
  const contract = await loadContract(server.url);
  const events = () => receiver.received.map((h) => h.json.eventName as string);

  const created = await createVerification(server, auth, { scenario: 'verified' });
  const { id, identity } = created.body as { id: string; identity: string };
  const upload = await sendInput(server, auth, identity, [nationalIdInput('front'), videoInput()], [nationalIdFile('front'), videoFile()]);
  t.equal(upload.status, 201, 'the front of a two-sided document and the video');
  await receiver.waitFor(1);
  t.same(events(), ['verification_started'], 'the front alone waits for its back');

  const idle = await server.call('PUT', `/v2/verifications/${id}/inputs/document-photo/skip`, undefined, {});
  t.equal(idle.status, 401, 'a Bearer is required');
  t.match(idle.body, INVALID_CLIENT(401));

  const tokenRes = await oauth(server, basic(), 'grant_type=client_credentials&scope=verification_flow', '/oauth/token');
  const skipAuth = { authorization: `Bearer ${tokenRes.body.access_token as string}` };
  await server.advance('1m');
  const skipped = await server.call('PUT', `/v2/verifications/${id}/inputs/document-photo/skip`, undefined, skipAuth);
  t.equal(skipped.status, 200, 'PUT /v2/…/skip with an /oauth/token token: 200');
  t.same(skipped.body, {}, '{}');
  t.same(events(), ['verification_started', 'verification_inputs_completed'], 'inputs complete as when the 10 minutes pass');
  const resource = await server.call('GET', `/v2/verifications/${id}`, undefined, auth);
  t.match(resource.body, { identity: { status: 'running' }, inputs: [{ id: 'connection-data', status: 200 }, { id: 'document-photo', status: 200, group: 0 }, { id: 'selfie-video', status: 200 }] });
  t.equal(resource.body.documents[0].photos.length, 1, 'the front is the document');

  await server.advance('11m');
  t.equal(events().filter((e) => e === 'verification_inputs_completed').length, 1, 'the 10-minute timer no longer completes anything');
  t.equal(events().at(-1), 'verification_completed', 'Phase 2 ran to the verdict');

  const again = await server.call('POST', `/verifications/${id}/inputs/document-photo/skip/`, undefined, auth);
  t.equal(again.status, 200, 'POST /verifications/{id}/…/skip/ (the curl sample) when nothing waits: 200');
  t.same(again.body, {});
  const count = receiver.received.length;
  const after = await server.call('GET', `/v2/verifications/${id}`, undefined, auth);
  t.same(after.body, (await server.call('GET', `/v2/verifications/${id}`, undefined, auth)).body, 'nothing changed');
  t.equal(receiver.received.length, count, 'and nothing was sent');

  for (const [method, path] of [
    ['PUT', `/v2/verifications/${UNKNOWN_ID}/inputs/document-photo/skip`],
    ['POST', `/verifications/${UNKNOWN_ID}/inputs/document-photo/skip/`],
    ['PUT', `/v2/verifications/not-an-id/inputs/document-photo/skip/`],
  ] as const) {
    const res = await server.call(method, path, undefined, auth);
    t.equal(res.status, 404, `${method} ${path}: 404`);
    t.match(res.body, { ...NOT_FOUND, message: 'Verification not found' });
  }
  t.ok(checkAllResponses(t, contract, seen) > 0, 'answers match the document');
});

t.test('E7: skip on a verification whose other inputs are still missing only completes the document', async (t) => {
  const { server, receiver, auth } = await setupMetamap(t);
  const created = await createVerification(server, auth);
  const { id, identity } = created.body as { id: string; identity: string };
  await sendInput(server, auth, identity, [nationalIdInput('front')], [nationalIdFile('front')]);
  const skipped = await server.call('POST', `/verifications/${id}/inputs/document-photo/skip`, undefined, auth);
  t.equal(skipped.status, 200, 'POST without the trailing slash: 200');
  const resource = await server.call('GET', `/v2/verifications/${id}`, undefined, auth);
  t.match(resource.body.inputs, [{ status: 200 }, { id: 'document-photo', status: 200 }, { id: 'selfie-video', status: 0 }], 'the document input is complete, the video still missing');
  await receiver.waitFor(1);
  t.same(receiver.received.map((h) => h.json.eventName), ['verification_started'], 'no verification_inputs_completed yet');
  await sendInput(server, auth, identity, [videoInput()], [videoFile()]);
  t.same(receiver.received.map((h) => h.json.eventName), ['verification_started', 'verification_inputs_completed'], 'the video completes the inputs');
});

t.test('GET /v2/identities/{id}: the legacy identity, its status following its verification', async (t) => {
  const { server, auth } = await setupMetamap(t);
  const seen = recordResponses(t, () => [new URL(server.url).origin]);
  const contract = await loadContract(server.url);
  const metadata = { nombres: 'Georg Wilhelm', scenario: 'verified' };
  const legacy = await server.call('POST', '/v2/identities', { metadata }, auth);
  t.equal(legacy.status, 200, 'legacy create');
  const identity = legacy.body._id as string;

  const read = await server.call('GET', `/v2/identities/${identity}`, undefined, auth);
  t.equal(read.status, 200, 'GET: 200');
  t.same(read.body, legacy.body, 'the same body as the create, as in the cuenca-mx cassette');
  t.same(Object.keys(read.body), ['_id', 'alive', 'dateCreated', 'dateUpdated', 'metadata', 'status', 'user'], 'the legacy keys, in order');
  const upper = await server.call('GET', `/v2/identities/${identity.toUpperCase()}`, undefined, auth);
  t.equal(upper.status, 200, 'ids are case-insensitive, as elsewhere');

  await server.advance('1m');
  await sendInput(server, auth, identity, [nationalIdInput('front'), nationalIdInput('back'), videoInput()], [nationalIdFile('front'), nationalIdFile('back'), videoFile()]);
  const running = await server.call('GET', `/v2/identities/${identity}`, undefined, auth);
  t.match(running.body, { status: 'running', dateCreated: new Date(T0).toISOString(), dateUpdated: new Date(T0 + 60_000).toISOString() }, 'running once the inputs are in');
  await server.advance('3m');
  const done = await server.call('GET', `/v2/identities/${identity}`, undefined, auth);
  t.match(done.body, { _id: identity, alive: null, status: 'verified', metadata }, 'the verdict');

  const modern = await createVerification(server, auth);
  const viaV2 = await server.call('GET', `/v2/identities/${modern.body.identity as string}`, undefined, auth);
  t.match(viaV2.body, { _id: modern.body.identity, status: 'pending', metadata: {} }, 'identities of POST /v2/verifications too');

  await server.call('DELETE', `/verifications/${modern.body.id as string}`, undefined, auth);
  const deleted = await server.call('GET', `/v2/identities/${modern.body.identity as string}`, undefined, auth);
  t.match(deleted.body, { status: 'deleted' }, 'a deleted verification leaves its identity deleted');

  for (const bad of [UNKNOWN_ID, 'not-an-id', modern.body.id as string]) {
    const res = await server.call('GET', `/v2/identities/${bad}`, undefined, auth);
    t.equal(res.status, 404, `${bad}: 404`);
    t.match(res.body, { ...NOT_FOUND, message: 'Identity not found' });
  }
  const noBearer = await server.call('GET', `/v2/identities/${identity}`);
  t.equal(noBearer.status, 401, 'a Bearer is required');
  t.ok(checkAllResponses(t, contract, seen) > 0, 'answers match the document');
});

t.test('legacy POST /v2/identities: an unknown flowId is a 404, as on POST /v2/verifications', async (t) => {
  const { server, auth } = await setupMetamap(t);
  const legacy = await server.call('POST', '/v2/identities', { flowId: UNKNOWN_ID, metadata: { a: 1 } }, auth);
  const modern = await server.call('POST', '/v2/verifications', { flowId: UNKNOWN_ID }, auth);
  t.equal(legacy.status, 404, 'legacy: 404');
  t.same(legacy.body, { code: 404, message: `Flow ${UNKNOWN_ID} not found`, name: 'NotFoundError' }, 'legacy: the same body as the modern create');
  t.same(modern.body, legacy.body, 'modern: the same');
  t.equal(server.sim.store.size(), 0, 'nothing was created');
  const known = await server.call('POST', '/v2/identities', { flowId: FLOW_ID.toUpperCase() }, auth);
  t.equal(known.status, 200, 'a configured flowId (any case) still creates');
});

t.test('/verification/… (E8, not simulated) answers MetaMap’s 404 NotFoundError', async (t) => {
  const { server, auth } = await setupMetamap(t);
  const expected = { code: 404, message: 'Not found', name: 'NotFoundError', type: 'NOT_FOUND' };
  for (const [method, path] of [
    ['POST', '/verification/v1/pdf/download'],
    ['GET', '/verification/v1/pdf/download'],
    ['POST', '/verification'],
    ['GET', '/verification/'],
  ] as const) {
    const res = await server.call(method, path, method === 'POST' ? { request_id: 'r1', verification_ids: [UNKNOWN_ID] } : undefined, auth);
    t.equal(res.status, 404, `${method} ${path}: 404`);
    t.same(res.body, expected, `${method} ${path}: MetaMap's NotFoundError`);
  }
  const unparsable = await server.call('POST', '/verification/v1/pdf/download', '{bad', auth);
  t.same([unparsable.status, unparsable.body], [404, expected], 'a body that does not parse changes nothing');
});
