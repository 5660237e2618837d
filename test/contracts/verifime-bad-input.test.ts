// Bad input on every VerifiMe API route answers in VerifiMe's validation envelope with the
// right status, never fastify's default {statusCode, code, error, message} and never a 500:
// wrong content types, bodies that are not JSON, empty bodies, wrong types, unknown query
// parameters, oversized bodies, malformed path parameters and URLs, unknown paths and wrong
// methods. Every answer is also checked against the document where the route is documented.
import t, { type Test } from 'tap';
import { checkAllResponses, loadContract, raw, recordResponses, type Contract, type RawAnswer } from '../support/contract.js';
import { INVITE, startTestServer } from '../support/server.js';

const JSON_TYPE = { 'content-type': 'application/json' };
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/** VerifiMe's envelope with `status`, whose results are `resultNames` (in order). */
function envelope(t: Test, contract: Contract, res: RawAnswer, status: number, resultNames: string[], label: string) {
  t.equal(res.status, status, `${label}: ${status}`);
  t.match(res.headers.get('content-type'), /^application\/json/, `${label}: JSON`);
  t.same(contract.checkComponent('VerifimeErrorEnvelope', res.body), [], `${label}: VerifiMe's envelope`);
  t.same((res.body?.validationResults ?? []).map((r: { resultName: string }) => r.resultName), resultNames, `${label}: ${resultNames.join(', ')}`);
}

t.test('VerifiMe API: bad input gets VerifiMe’s envelope', async (t) => {
  const server = await startTestServer(t);
  const seen = recordResponses(t, () => [new URL(server.url).origin]);
  const contract = await loadContract(server.url);
  const req = (method: string, path: string, init?: Parameters<typeof raw>[3]) => raw(server.url, method, path, init);
  const invite = (body: string | undefined, headers: Record<string, string> = JSON_TYPE) => req('POST', '/v1/user/invite', { headers, body });
  const ref = (await server.call('POST', '/v1/user/invite', INVITE)).body.trackingReference as string;

  t.test('POST /v1/user/invite', async (t) => {
    const good = JSON.stringify(INVITE);
    for (const [label, type] of [['text/plain', 'text/plain'], ['a form', 'application/x-www-form-urlencoded'], ['multipart', 'multipart/form-data; boundary=x'], ['XML', 'application/xml']]) {
      envelope(t, contract, await invite(type === 'application/x-www-form-urlencoded' ? 'email=a%40b.co&code=KYCSIM' : good, { 'content-type': type }), 415, ['UnsupportedMediaType'], label);
    }
    envelope(t, contract, await invite('{bad'), 400, ['InvalidRequestBody'], 'not JSON');
    envelope(t, contract, await invite(''), 400, ['InvalidRequestBody'], 'empty JSON body');
    envelope(t, contract, await invite(undefined, {}), 400, ['InvalidRequestBody'], 'no body, no content type');
    envelope(t, contract, await invite('[]'), 400, ['InvalidRequestBody'], 'a JSON array');
    envelope(t, contract, await invite('{"email":1,"code":[],"sendInvitationEmail":"yes"}'), 400, ['InvalidFieldType', 'InvalidFieldType', 'InvalidFieldType'], 'wrong types');
    envelope(t, contract, await invite('{"email":"a@b.co","code":"KYCSIM","customerContext":"Jane"}'), 400, ['InvalidFieldType'], 'customerContext not an object');
    envelope(t, contract, await invite('{}'), 400, ['FieldRequired', 'FieldRequired'], 'empty object');
    envelope(t, contract, await invite(JSON.stringify({ ...INVITE, referenceData: 'x'.repeat(1_100_000) })), 413, ['RequestTooLarge'], 'over 1 MiB');
    const query = await req('POST', '/v1/user/invite?debug=1&foo=bar', { headers: JSON_TYPE, body: good });
    t.equal(query.status, 200, 'unknown query parameters are ignored, as the real API does');
  });

  t.test('tracking status and Force Verify', async (t) => {
    for (const action of ['status', 'force-verify']) {
      const method = action === 'status' ? 'GET' : 'POST';
      const path = (r: string) => `/v1/user/signup/tracking/${r}/${action}`;
      envelope(t, contract, await req(method, path('not-a-uuid')), 400, ['InvalidTrackingReference'], `${action}: not a UUID`);
      envelope(t, contract, await req(method, path('%ZZ')), 400, ['InvalidTrackingReference'], `${action}: bad percent-encoding`);
      envelope(t, contract, await req(method, path('a'.repeat(200))), 400, ['InvalidTrackingReference'], `${action}: a 200-character reference`);
      envelope(t, contract, await req(method, path(UNKNOWN)), 404, ['TrackingReferenceNotFound'], `${action}: unknown reference`);
    }
    const malformed = await req('GET', '/v1/user/signup/tracking/%ZZ/status');
    t.same(malformed.body.request, { trackingReference: '%ZZ' }, 'the malformed reference is echoed as sent');
    t.equal(malformed.headers.get('access-control-allow-origin'), '*', 'CORS stays open on the fallback answers');
    t.equal((await req('GET', `/v1/user/signup/tracking/${ref}/status?_=1700000000`)).status, 200, 'a cache-busting query parameter is ignored');
    const forced = `/v1/user/signup/tracking/${UNKNOWN}/force-verify`;
    // Force Verify reads nothing but its path: a body it cannot parse does not matter.
    envelope(t, contract, await req('POST', forced, { headers: JSON_TYPE, body: '{bad' }), 404, ['TrackingReferenceNotFound'], 'force-verify: a body that is not JSON is ignored');
    envelope(t, contract, await req('POST', forced, { headers: { 'content-type': 'application/xml' }, body: '<x/>' }), 404, ['TrackingReferenceNotFound'], 'force-verify: XML is ignored');
  });

  t.test('unknown paths, wrong methods, malformed URLs', async (t) => {
    for (const [method, path, allow] of [
      ['GET', '/v1/user/invite', 'POST'],
      ['PUT', `/v1/user/signup/tracking/${ref}/status`, 'GET, HEAD'],
      ['DELETE', `/v1/user/signup/tracking/${ref}/force-verify`, 'POST'],
    ]) {
      const res = await req(method, path);
      envelope(t, contract, res, 405, ['MethodNotAllowed'], `${method} ${path}`);
      t.equal(res.headers.get('allow'), allow, `Allow: ${allow}`);
    }
    for (const path of ['/v1/nope', '/v1', '/v1/user/signup/tracking']) envelope(t, contract, await req('GET', path), 404, ['RouteNotFound'], `GET ${path}`);
    envelope(t, contract, await req('POST', '/v1/nope', { headers: JSON_TYPE, body: '{bad' }), 404, ['RouteNotFound'], 'an unknown path with a body that is not JSON');
    envelope(t, contract, await req('GET', '/v1/us%ZZer/invite'), 400, ['InvalidUrl'], 'bad percent-encoding elsewhere');
  });

  t.test('every answer above matches the document where the route is documented', async (t) => {
    t.ok(checkAllResponses(t, contract, seen) > 20, 'checked');
    t.notOk(seen.some((s) => s.status >= 500), 'no 5xx');
  });
});
