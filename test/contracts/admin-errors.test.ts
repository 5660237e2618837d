// The admin API's errors are application/problem+json (so they are never mistaken for a
// provider's answer), including unknown paths, wrong methods and malformed URLs, and every
// answer matches the document.
import t, { type Test } from 'tap';
import { checkAllResponses, loadContract, raw, recordResponses, type Contract, type RawAnswer } from '../support/contract.js';
import { INVITE, startTestServer } from '../support/server.js';

const JSON_TYPE = { 'content-type': 'application/json' };

function problem(t: Test, contract: Contract, res: RawAnswer, status: number, type: string, label: string) {
  t.equal(res.status, status, `${label}: ${status}`);
  t.match(res.headers.get('content-type'), /^application\/problem\+json/, `${label}: problem+json`);
  t.same(contract.checkComponent('Problem', res.body), [], `${label}: a problem`);
  t.equal(res.body?.type, `urn:kyc-sim:problem:${type}`, `${label}: ${type}`);
}

t.test('admin API errors', async (t) => {
  const server = await startTestServer(t);
  const seen = recordResponses(t, () => [new URL(server.url).origin]);
  const contract = await loadContract(server.url);
  const req = (method: string, path: string, init?: Parameters<typeof raw>[3]) => raw(server.url, method, path, init);
  const ref = (await server.call('POST', '/v1/user/invite', INVITE)).body.trackingReference as string;

  problem(t, contract, await req('GET', '/__admin/sessions/nope'), 404, 'session-not-found', 'unknown session');
  problem(t, contract, await req('POST', `/__admin/sessions/${ref}/complete`, { headers: JSON_TYPE, body: '{"scenario":"bogus"}' }), 422, 'unknown-scenario', 'unknown scenario');
  problem(t, contract, await req('POST', `/__admin/sessions/${ref}/complete`, { headers: JSON_TYPE, body: '{"scenario":{"name":"low"}}' }), 400, 'invalid-request', 'scenario an object');
  problem(t, contract, await req('POST', `/__admin/sessions/${ref}/complete`, { headers: JSON_TYPE, body: '{bad' }), 400, 'invalid-request', 'not JSON');
  t.equal((await req('POST', `/__admin/sessions/${ref}/complete`, { headers: JSON_TYPE, body: '{}' })).status, 200, 'completed');
  problem(t, contract, await req('POST', `/__admin/sessions/${ref}/complete`, { headers: JSON_TYPE, body: '{}' }), 409, 'already-complete', 'twice');
  problem(t, contract, await req('POST', '/__admin/clock/advance', { headers: JSON_TYPE, body: '{"by":"soon"}' }), 400, 'invalid-duration', 'a bad duration');
  problem(t, contract, await req('POST', '/__admin/clock/advance', { headers: { 'content-type': 'application/xml' }, body: '<x/>' }), 415, 'invalid-request', 'XML');
  problem(t, contract, await req('GET', '/__admin/deliveries?state=bogus'), 400, 'invalid-request', 'a state outside the enum');
  problem(t, contract, await req('GET', '/__admin/deliveries/nope'), 404, 'delivery-not-found', 'unknown delivery');
  problem(t, contract, await req('POST', '/__admin/webhooks', { headers: JSON_TYPE, body: '{"provider":"acme","url":"ftp://x"}' }), 400, 'invalid-request', 'bad webhook');
  problem(t, contract, await req('DELETE', '/__admin/webhooks/nope'), 404, 'webhook-not-found', 'unknown webhook');
  problem(t, contract, await req('GET', '/__admin/nope'), 404, 'route-not-found', 'unknown path');
  const wrongMethod = await req('PUT', '/__admin/clock');
  problem(t, contract, wrongMethod, 405, 'method-not-allowed', 'wrong method');
  t.equal(wrongMethod.headers.get('allow'), 'GET, HEAD');
  problem(t, contract, await req('GET', '/__admin/sessions/%ZZ'), 400, 'invalid-url', 'bad percent-encoding');

  t.ok(checkAllResponses(t, contract, seen) >= 14, 'every answer matches the document');
});
