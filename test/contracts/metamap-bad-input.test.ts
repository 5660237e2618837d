// Bad input on every MetaMap API route answers in MetaMap's error shape ({code, message,
// name, …}) with the right status, never fastify's default {statusCode, code, error, message}
// and never a 500: wrong content types, bodies that are not JSON, empty bodies, wrong types,
// unknown query parameters, oversized bodies, malformed multipart, malformed path parameters
// and URLs, unknown paths and wrong methods. Every answer is also checked against the document.
import t, { type Test } from 'tap';
import { checkAllResponses, loadContract, raw, recordResponses, type Contract, type RawAnswer } from '../support/contract.js';
import { basic, FLOW_ID, passportFile, passportInput, PASSPORT_JPG, sendInput, setupMetamap, videoFile, videoInput } from '../support/metamap.js';

const JSON_TYPE = { 'content-type': 'application/json' };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const UNKNOWN_ID = 'aaaaaaaaaaaaaaaaaaaaaaaa';

/** MetaMap's error shape with `status`; `expect` is matched against the body. */
function metamapError(t: Test, contract: Contract, res: RawAnswer, status: number, expect: Record<string, unknown>, label: string) {
  t.equal(res.status, status, `${label}: ${status}`);
  t.match(res.headers.get('content-type'), /^application\/json/, `${label}: JSON`);
  t.same(contract.checkComponent('MetamapError', res.body), [], `${label}: MetaMap's error shape`);
  t.match(res.body, { code: status, ...expect }, label);
}

t.test('MetaMap API: bad input gets MetaMap’s error shape', async (t) => {
  const { server, auth } = await setupMetamap(t);
  const seen = recordResponses(t, () => [new URL(server.url).origin]);
  const contract = await loadContract(server.url);
  const req = (method: string, path: string, init?: Parameters<typeof raw>[3]) => raw(server.url, method, path, init);
  const withAuth = (headers: Record<string, string> = {}) => ({ ...auth, ...headers });
  const created = (await server.call('POST', '/v2/verifications', { flowId: FLOW_ID, metadata: { userId: 'u1' } }, auth)).body as { id: string; identity: string };
  const MOLECULER = { name: 'MoleculerError', message: 'Invalid structure of request body' };
  const NOT_FOUND = { name: 'NotFoundError' };

  t.test('POST /oauth', async (t) => {
    const oauth = (headers: Record<string, string>, body?: string, path = '/oauth') => req('POST', path, { headers, body });
    metamapError(t, contract, await oauth(FORM, 'grant_type=client_credentials'), 400, { name: 'invalid_client' }, 'no credentials');
    metamapError(t, contract, await oauth({ ...FORM, authorization: 'Basic !!!' }, 'grant_type=client_credentials'), 400, { name: 'invalid_client' }, 'unreadable credentials');
    metamapError(t, contract, await oauth({ ...FORM, authorization: basic('x', 'y') }, 'grant_type=client_credentials'), 401, { name: 'invalid_client', status: 401, statusCode: 401 }, 'wrong credentials');
    metamapError(t, contract, await oauth({ ...FORM, authorization: basic() }, 'grant_type=password'), 400, { name: 'invalid_client' }, 'wrong grant_type');
    t.equal((await oauth({ authorization: basic() })).status, 200, 'no body: grant_type defaults to client_credentials (the python SDK posts an empty form)');
    metamapError(t, contract, await oauth({ ...JSON_TYPE, authorization: basic() }, '{bad'), 400, MOLECULER, 'JSON that does not parse');
    metamapError(t, contract, await oauth({ 'content-type': 'text/xml', authorization: basic() }, '<x/>'), 415, MOLECULER, 'XML');
    metamapError(t, contract, await oauth({ ...FORM, authorization: basic() }, `grant_type=${'x'.repeat(1_100_000)}`), 413, MOLECULER, 'over 1 MiB');
    t.equal((await oauth({ ...JSON_TYPE, authorization: basic() }, '{"grant_type":"client_credentials"}')).status, 200, 'JSON is accepted too');
    t.equal((await oauth({ ...FORM, authorization: basic() }, 'grant_type=client_credentials', '/oauth?x=1')).status, 200, 'unknown query parameters are ignored');
  });

  t.test('POST /v2/verifications', async (t) => {
    const create = (body: string | undefined, headers: Record<string, string> = JSON_TYPE) => req('POST', '/v2/verifications', { headers: withAuth(headers), body });
    metamapError(t, contract, await req('POST', '/v2/verifications', { headers: JSON_TYPE, body: JSON.stringify({ flowId: FLOW_ID }) }), 401, { name: 'invalid_client' }, 'no bearer');
    metamapError(t, contract, await req('POST', '/v2/verifications', { headers: { ...JSON_TYPE, authorization: 'Bearer nope' }, body: '{}' }), 401, { name: 'invalid_client' }, 'a bad bearer');
    metamapError(t, contract, await create('{bad'), 400, MOLECULER, 'not JSON');
    metamapError(t, contract, await create(''), 400, MOLECULER, 'empty JSON body');
    metamapError(t, contract, await create(undefined, {}), 400, MOLECULER, 'no body');
    metamapError(t, contract, await create('x', { 'content-type': 'text/plain' }), 400, MOLECULER, 'text/plain');
    metamapError(t, contract, await create('<x/>', { 'content-type': 'application/xml' }), 415, MOLECULER, 'XML');
    metamapError(t, contract, await create('{}'), 400, MOLECULER, 'no flowId');
    metamapError(t, contract, await create('{"flowId":123}'), 400, MOLECULER, 'flowId a number');
    metamapError(t, contract, await create(`{"flowId":["${FLOW_ID}"]}`), 400, MOLECULER, 'flowId an array (never coerced)');
    metamapError(t, contract, await create(`{"flowId":"${FLOW_ID}","metadata":"x"}`), 400, MOLECULER, 'metadata a string');
    metamapError(t, contract, await create(`{"flowId":"${FLOW_ID}","metadata":{"a":{"b":1}}}`), 400, MOLECULER, 'nested metadata');
    metamapError(t, contract, await create(JSON.stringify({ flowId: FLOW_ID, metadata: { blob: 'x'.repeat(5000) } })), 400, MOLECULER, 'metadata over 4 KB');
    metamapError(t, contract, await create(JSON.stringify({ flowId: FLOW_ID, metadata: { scenario: 'nope' } })), 400, MOLECULER, 'unknown scenario');
    metamapError(t, contract, await create(JSON.stringify({ flowId: UNKNOWN_ID })), 404, { message: /not found/ }, 'unknown flow');
    metamapError(t, contract, await create(JSON.stringify({ flowId: FLOW_ID, metadata: { blob: 'x'.repeat(1_100_000) } })), 413, MOLECULER, 'over 1 MiB');
    const query = await req('POST', '/v2/verifications?debug=1', { headers: withAuth(JSON_TYPE), body: JSON.stringify({ flowId: FLOW_ID }) });
    t.equal(query.status, 200, 'unknown query parameters are ignored');
    metamapError(t, contract, await req('POST', '/v2/identities', { headers: withAuth(JSON_TYPE), body: '{"metadata":[1]}' }), 400, MOLECULER, 'legacy identity: metadata an array');
  });

  t.test('resource, status, deletion, media', async (t) => {
    const put = (id: string, body: string | undefined, headers: Record<string, string> = JSON_TYPE) => req('PUT', `/v2/verifications/${id}/status`, { headers: withAuth(headers), body });
    metamapError(t, contract, await put(created.id, '{"status":5}'), 400, MOLECULER, 'status a number');
    metamapError(t, contract, await put(created.id, '{"status":["verified"]}'), 400, MOLECULER, 'status an array (never coerced)');
    metamapError(t, contract, await put(created.id, '[]'), 400, MOLECULER, 'a JSON array');
    metamapError(t, contract, await put(created.id, undefined, {}), 400, MOLECULER, 'no body');
    metamapError(t, contract, await put(created.id, '{"status":"verified"}'), 400, { message: 'Invalid status movement' }, 'before the verdict');
    metamapError(t, contract, await put(UNKNOWN_ID, '{"status":"verified"}'), 404, NOT_FOUND, 'unknown verification');
    for (const id of ['not-an-id', '%ZZ', 'a'.repeat(200)]) {
      metamapError(t, contract, await req('GET', `/v2/verifications/${id}`, { headers: auth }), 404, NOT_FOUND, `GET resource ${id.slice(0, 12)}`);
      metamapError(t, contract, await req('DELETE', `/verifications/${id}`, { headers: auth }), 404, NOT_FOUND, `DELETE ${id.slice(0, 12)}`);
    }
    t.equal((await req('GET', `/v2/verifications/${created.id}?fields=all`, { headers: auth })).status, 200, 'unknown query parameters are ignored');
    metamapError(t, contract, await req('GET', `/v2/verifications/${created.id}`), 401, { name: 'invalid_client' }, 'no bearer');
    const malformed = { type: 'MEDIA_API_ERROR', message: 'Media URL malformed' };
    for (const path of ['/media/unknown-token', '/media/%ZZ', `/media/${'a'.repeat(200)}`, '/file', '/file?location=%2e%2e']) {
      metamapError(t, contract, await req('GET', path, { headers: auth }), 400, malformed, `GET ${path.slice(0, 20)}`);
    }
  });

  t.test('POST /v2/identities/{identity}/send-input', async (t) => {
    const path = `/v2/identities/${created.identity}/send-input`;
    const multipart = (body: string, boundary = 'kycsim') => req('POST', path, { headers: withAuth({ 'content-type': `multipart/form-data; boundary=${boundary}` }), body });
    metamapError(t, contract, await req('POST', path, { headers: withAuth({ 'content-type': 'multipart/form-data' }), body: 'x' }), 400, MOLECULER, 'multipart without a boundary');
    metamapError(t, contract, await multipart('--kycsim\r\nContent-Disposition: form-data; name="inputs"\r\n\r\n[]'), 400, MOLECULER, 'truncated multipart');
    metamapError(t, contract, await multipart('garbage'), 400, MOLECULER, 'not multipart at all');
    metamapError(t, contract, await multipart(''), 400, MOLECULER, 'an empty multipart body (no inputs)');
    metamapError(t, contract, await req('POST', path, { headers: withAuth(JSON_TYPE), body: '{}' }), 400, MOLECULER, 'JSON');
    metamapError(t, contract, await req('POST', path, { headers: withAuth({ 'content-type': 'application/xml' }), body: '<x/>' }), 415, MOLECULER, 'XML');
    metamapError(t, contract, await sendInput(server, auth, created.identity, '[{"inputType":', [videoFile()]).then(asRaw), 400, MOLECULER, 'inputs not JSON');
    metamapError(t, contract, await sendInput(server, auth, created.identity, [{ inputType: 'voice', data: { filename: 'v.mp4' } }], [videoFile()]).then(asRaw), 400, { message: 'No input strategy found for voice' }, 'an input type the flow lacks');
    const many = Array.from({ length: 21 }, (_, i) => ({ ...passportFile(`p${i}.jpg`), bytes: PASSPORT_JPG }));
    metamapError(t, contract, await sendInput(server, auth, created.identity, [passportInput('p0.jpg'), videoInput()], many).then(asRaw), 413, MOLECULER, 'more than 20 files');
    metamapError(t, contract, await req('POST', `/v2/identities/${UNKNOWN_ID}/send-input`, { headers: withAuth(JSON_TYPE), body: '{}' }), 404, { message: 'Identity not found' }, 'unknown identity');
    metamapError(t, contract, await req('POST', path, { headers: JSON_TYPE, body: '{}' }), 401, { name: 'invalid_client' }, 'no bearer');

    // The verification page posts the same multipart shape to its own path (no bearer needed).
    const page = `/verify/${created.identity}/inputs`;
    for (const [body, why] of [['--kycsim\r\nContent-Disposition: form-data; name="inputs"\r\n\r\n[]', 'truncated'], ['garbage', 'garbage']]) {
      const res = await req('POST', page, { headers: { 'content-type': 'multipart/form-data; boundary=kycsim' }, body });
      t.equal(res.status, 400, `verification page, ${why} multipart: 400, not a 500`);
    }
  });

  t.test('unknown paths, wrong methods, malformed URLs', async (t) => {
    const moleculer404 = { message: 'Not found', name: 'NotFoundError', type: 'NOT_FOUND' };
    for (const [method, path] of [
      ['GET', '/v2/verifications'],
      ['PATCH', `/v2/verifications/${created.id}`],
      ['GET', `/v2/identities/${created.identity}/send-input`],
      ['GET', '/oauth'],
      ['POST', '/media/x'],
      ['GET', '/v2/nope'],
      ['GET', '/v2'],
    ]) {
      metamapError(t, contract, await req(method, path, { headers: auth }), 404, moleculer404, `${method} ${path.slice(0, 40)}`);
    }
    metamapError(t, contract, await req('GET', '/v2/nope'), 404, moleculer404, 'an unknown path without a bearer');
    metamapError(t, contract, await req('POST', '/v2/nope', { headers: withAuth(JSON_TYPE), body: '{bad' }), 404, moleculer404, 'an unknown path with a body that is not JSON');
    metamapError(t, contract, await req('GET', '/v2/verif%ZZications', { headers: auth }), 404, moleculer404, 'bad percent-encoding');
  });

  t.test('every answer above matches the document where the route is documented', async (t) => {
    t.ok(checkAllResponses(t, contract, seen) > 40, 'checked');
    t.notOk(seen.some((s) => s.status >= 500), 'no 5xx');
  });
});

function asRaw(res: { status: number; body: unknown }): RawAnswer {
  return { status: res.status, headers: new Headers({ 'content-type': 'application/json' }), text: JSON.stringify(res.body), body: res.body };
}
