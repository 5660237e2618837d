// MetaMap authentication (reference/metamap-api.md §2): POST /oauth with HTTP Basic
// client credentials and grant_type=client_credentials issues a 1-hour JWT; every other
// call needs it as a Bearer token, and a missing, garbage or expired one gets the same
// 401 invalid_client body, which is what makes the official SDKs re-authenticate.
import t from 'tap';
import { startTestServer, type TestServer } from '../support/server.js';
import { basic, bearer, createVerification, FLOW_ID, oauth } from '../support/metamap.js';

const ENVELOPE_KEYS = ['code', 'message', 'name', 'status', 'statusCode'];
const invalidClient = (status: 400 | 401) => ({ code: status, name: 'invalid_client', status, statusCode: status });
const CANNOT_RETRIEVE = 'Invalid client: cannot retrieve client credentials';
const CLIENT_INVALID = 'Invalid client: client is invalid';

const decodePart = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, any>;

t.test('POST /oauth and /oauth/ issue a 1-hour JWT to the default client', async (t) => {
  const server = await startTestServer(t);
  for (const path of ['/oauth', '/oauth/']) {
    const res = await oauth(server, basic('kyc-sim-client', 'kyc-sim-client-secret'), 'grant_type=client_credentials', path);
    t.equal(res.status, 200, `${path} answers 200`);
    t.same(Object.keys(res.body).sort(), ['access_token', 'expiresIn', 'payload'], `${path}: documented keys`);
    t.equal(res.body.expiresIn, 3600, `${path}: expiresIn 3600`);
    t.match(res.body.payload.user._id, /^[0-9a-f]{24}$/, 'merchant user id is a 24-hex ObjectId');
    const parts = String(res.body.access_token).split('.');
    t.equal(parts.length, 3, 'access_token is a JWT');
    t.match(decodePart(parts[0]), { typ: 'JWT' }, 'JWT header');
    const claims = decodePart(parts[1]);
    t.equal(claims.exp - claims.iat, 3600, 'expires 1 hour after issue');
    t.equal(claims.iat * 1000, Date.parse('2026-01-01T00:00:00Z'), 'issued on the simulated clock');
  }
  const a = await oauth(server, basic());
  const b = await oauth(server, basic());
  t.equal(a.body.payload.user._id, b.body.payload.user._id, 'the same merchant for every token');
  t.not(a.body.access_token, b.body.access_token, 'each token is new');
});

t.test('bad client credentials get the invalid_client envelope', async (t) => {
  const server = await startTestServer(t);
  const cases: [string, string | undefined, string, 400 | 401, string][] = [
    ['no Authorization header', undefined, 'grant_type=client_credentials', 400, CANNOT_RETRIEVE],
    ['a Bearer instead of Basic', 'Bearer abc', 'grant_type=client_credentials', 400, CANNOT_RETRIEVE],
    ['Basic with characters outside base64', 'Basic !!!***', 'grant_type=client_credentials', 400, CANNOT_RETRIEVE],
    ['Basic without a colon', `Basic ${Buffer.from('kyc-sim-client').toString('base64')}`, 'grant_type=client_credentials', 400, CANNOT_RETRIEVE],
    ['Basic with an empty client id', `Basic ${Buffer.from(':kyc-sim-client-secret').toString('base64')}`, 'grant_type=client_credentials', 400, CANNOT_RETRIEVE],
    ['wrong secret', basic('kyc-sim-client', 'nope'), 'grant_type=client_credentials', 401, CLIENT_INVALID],
    ['unknown client', basic('someone-else', 'kyc-sim-client-secret'), 'grant_type=client_credentials', 401, CLIENT_INVALID],
    ['wrong grant_type', basic(), 'grant_type=password', 400, ''],
  ];
  for (const [name, authorization, body, status, message] of cases) {
    const res = await oauth(server, authorization, body);
    t.equal(res.status, status, `${name} → ${status}`);
    t.same(Object.keys(res.body).sort(), ENVELOPE_KEYS, `${name}: envelope keys`);
    t.match(res.body, invalidClient(status), `${name}: invalid_client body`);
    if (message) t.equal(res.body.message, message, `${name}: MetaMap's message`);
    else t.match(res.body.message, /^Invalid client/, `${name}: an invalid_client message`);
  }
});

t.test('METAMAP_CLIENT_ID and METAMAP_CLIENT_SECRET replace the default credentials', async (t) => {
  const server = await startTestServer(t, { METAMAP_CLIENT_ID: 'acme-app', METAMAP_CLIENT_SECRET: 'acme-Secret-1' });
  t.equal((await oauth(server, basic('acme-app', 'acme-Secret-1'))).status, 200, 'configured credentials work');
  const old = await oauth(server, basic());
  t.equal(old.status, 401, 'the defaults no longer do');
  t.match(old.body, invalidClient(401), 'invalid_client body');
});

/** A Bearer-protected call: the resource of a verification that does not exist. */
const protectedCall = (server: TestServer, authorization?: string) =>
  server.call('GET', '/v2/verifications/aaaaaaaaaaaaaaaaaaaaaaaa', undefined, authorization === undefined ? {} : { authorization });

t.test('Bearer calls without a valid token get 401 invalid_client; an expired token does too, a fresh one works', async (t) => {
  const server = await startTestServer(t);
  const cases: [string, string | undefined][] = [
    ['no Authorization header', undefined],
    ['Bearer without a token', 'Bearer '],
    ['garbage token', 'Bearer not-a-jwt'],
    ['a JWT signed by someone else', 'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VyIjp7fX0.c2lnbmF0dXJl'],
    ['Basic credentials instead of a Bearer', basic()],
  ];
  for (const [name, authorization] of cases) {
    const res = await protectedCall(server, authorization);
    t.equal(res.status, 401, `${name} → 401`);
    t.same(Object.keys(res.body).sort(), ENVELOPE_KEYS, `${name}: envelope keys`);
    t.same(res.body, { ...invalidClient(401), message: CLIENT_INVALID }, `${name}: the documented 401 body`);
  }
  for (const path of ['/v2/verifications', '/v2/identities']) {
    const res = await server.call('POST', path, { flowId: FLOW_ID }, {});
    t.equal(res.status, 401, `POST ${path} without a token → 401`);
  }

  const auth = await bearer(server);
  const ok = await protectedCall(server, auth.authorization);
  t.equal(ok.status, 404, 'a valid token gets past authentication (unknown verification → 404)');
  t.equal((await protectedCall(server, auth.authorization.replace('Bearer', 'bearer'))).status, 404, 'the scheme is case-insensitive');
  t.equal((await createVerification(server, auth, { userId: 'u1' })).status, 200, 'a valid token can create a verification');

  await server.advance('59m59s');
  t.equal((await protectedCall(server, auth.authorization)).status, 404, 'still valid just before 1 hour');
  await server.advance('2s');
  const expired = await protectedCall(server, auth.authorization);
  t.equal(expired.status, 401, 'expired after 1 hour of simulated time');
  t.same(expired.body, { ...invalidClient(401), message: CLIENT_INVALID }, 'the same 401 body as for a bad token');
  t.equal((await createVerification(server, auth, { userId: 'u1' })).status, 401, 'create refuses the expired token');

  // The SDK path: on 401, call /oauth again and retry once.
  const fresh = await bearer(server);
  t.not(fresh.authorization, auth.authorization, 'a new token');
  t.equal((await protectedCall(server, fresh.authorization)).status, 404, 'the fresh token is accepted');
  const created = await createVerification(server, fresh, { userId: 'u1' });
  t.equal(created.status, 200, 'and can create a verification');
  const claims = decodePart(fresh.authorization.split('.')[1]);
  t.equal(claims.iat * 1000, Date.parse('2026-01-01T01:00:01Z'), 'issued at the current simulated time');
});
