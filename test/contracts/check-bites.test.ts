// The contract checks must fail on drift, not only pass on today's payloads: real webhook
// bodies and answers pass, and each deliberately wrong copy of them (a missing or extra
// field, a value outside an enum, a broken signature header, fastify's default error shape)
// is rejected.
import t, { type Test } from 'tap';
import { loadContract, type Contract, type WebhookLike } from '../support/contract.js';
import { createVerification, setupMetamap, uploadPassportAndVideo } from '../support/metamap.js';
import { startReceiver, type Received } from '../support/receiver.js';
import { INVITE } from '../support/server.js';

const VERIFIME_SECRET = 'whsec-bites';

type Body = Record<string, any>;
/** A copy of a received webhook with its body changed by `change` (and headers by `headers`). */
function mutate(hook: Received, change: (body: Body) => void, headers: (h: Record<string, unknown>) => void = () => {}): WebhookLike {
  const body = structuredClone(hook.json) as Body;
  change(body);
  const copy = { ...hook.headers } as Record<string, unknown>;
  headers(copy);
  return { headers: copy as WebhookLike['headers'], body: JSON.stringify(body) };
}

/** Rejected means: a documented operation, and at least one problem. */
function rejects(t: Test, problems: string[] | null, label: string) {
  t.ok(problems !== null && problems.length > 0, label);
}

function bites(t: Test, contract: Contract, label: string, request: WebhookLike) {
  t.not(contract.checkWebhook(request).length, 0, `rejected: ${label}`);
}

t.test('a payload or answer that drifts from the document fails the check', async (t) => {
  const verifime = await startReceiver({ secret: VERIFIME_SECRET, signatureHeader: 'X-VerifiMe-Signature' });
  t.teardown(() => verifime.close());
  const { server, receiver, auth } = await setupMetamap(t, { VERIFIME_WEBHOOK_URL: verifime.url, VERIFIME_WEBHOOK_SECRET: VERIFIME_SECRET, PHASE2_DELAY: '1m' });
  const contract = await loadContract(server.url);

  const invite = await server.call('POST', '/v1/user/invite', { ...INVITE, referenceData: 'scenario=progressive' });
  await server.call('POST', `/__admin/sessions/${invite.body.trackingReference}/complete`, {});
  const created = await createVerification(server, auth, { userId: 'u1', scenario: 'facematch-low' });
  await receiver.waitFor(1);
  await uploadPassportAndVideo(server, auth, created.body.identity);
  await server.advance('3m');

  const [pending, , assessed] = verifime.received;
  const byName = (name: string) => receiver.received.find((r) => r.json.eventName === name) as Received;
  const step = (id: string) => receiver.received.find((r) => (r.json.step as Body | undefined)?.id === id) as Received;
  for (const hook of [...verifime.received, ...receiver.received]) t.same(contract.checkWebhook(hook), [], `real ${hook.json.eventName} passes`);

  t.test('VerifiMe RISK_ASSESSMENT_UPDATED', async (t) => {
    bites(t, contract, 'an extra field', mutate(assessed, (b) => (b.trackingReference = 'x')));
    bites(t, contract, 'a missing field', mutate(assessed, (b) => delete b.metadata));
    bites(t, contract, 'riskLevel outside the enum', mutate(assessed, (b) => (b.riskLevel = 'LOWW')));
    bites(t, contract, 'assessmentStatus outside the enum', mutate(assessed, (b) => (b.assessmentStatus = 'DONE')));
    bites(t, contract, 'PENDING with a risk level', mutate(pending, (b) => (b.riskLevel = 'LOW')));
    bites(t, contract, 'ASSESSED without a risk level', mutate(assessed, (b) => (b.riskLevel = null)));
    bites(t, contract, 'eventTimestamp with milliseconds', mutate(assessed, (b) => (b.eventTimestamp = '2026-01-01T00:02:15.000Z')));
    bites(t, contract, 'eventId not a UUID', mutate(assessed, (b) => (b.eventId = 'evt-1')));
    bites(t, contract, 'an unknown eventName', mutate(assessed, (b) => (b.eventName = 'RISK_ASSESSMENT_CHANGED')));
    bites(t, contract, 'no X-VerifiMe-Signature', mutate(assessed, () => {}, (h) => delete h['x-verifime-signature']));
    bites(t, contract, 'an upper-case signature', mutate(assessed, () => {}, (h) => (h['x-verifime-signature'] = String(h['x-verifime-signature']).toUpperCase())));
    bites(t, contract, 'X-VerifiMe-Version 2', mutate(assessed, () => {}, (h) => (h['x-verifime-version'] = '2')));
  });

  t.test('MetaMap webhooks', async (t) => {
    const completed = byName('verification_completed');
    const facematch = step('facematch');
    const reading = step('document-reading');
    bites(t, contract, 'an extra envelope field', mutate(byName('verification_started'), (b) => (b.verificationId = 'x')));
    bites(t, contract, 'no resource', mutate(byName('verification_inputs_completed'), (b) => delete b.resource));
    bites(t, contract, 'timestamp without milliseconds', mutate(byName('verification_started'), (b) => (b.timestamp = '2026-01-01T00:00:00Z')));
    bites(t, contract, 'nested metadata', mutate(byName('verification_started'), (b) => (b.metadata = { user: { id: 1 } })));
    bites(t, contract, 'identityStatus outside the final statuses', mutate(completed, (b) => (b.identityStatus = 'approved')));
    bites(t, contract, 'details with an unknown key', mutate(completed, (b) => (b.details.score = 1)));
    bites(t, contract, 'verification_completed without deviceFingerprint', mutate(completed, (b) => delete b.deviceFingerprint));
    bites(t, contract, 'a step still running', mutate(facematch, (b) => (b.step.status = 100)));
    bites(t, contract, 'an unknown step id', mutate(facematch, (b) => (b.step.id = 'face-match')));
    bites(t, contract, 'a step error without type and message', mutate(facematch, (b) => (b.step.error = { code: 'facematch.differentPerson' })));
    bites(t, contract, 'a facematch score as a string', mutate(facematch, (b) => (b.step.data.score = '42')));
    bites(t, contract, 'a document field without its label', mutate(reading, (b) => delete b.step.data.fullName.label));
    bites(t, contract, 'documentType outside the enum', mutate(reading, (b) => (b.step.documentType = 'id-card')));
    bites(t, contract, 'no x-signature', mutate(completed, () => {}, (h) => delete h['x-signature']));
  });

  t.test('API answers', async (t) => {
    const answer = (method: string, path: string, status: number, body: unknown, contentType = 'application/json; charset=utf-8') =>
      contract.checkResponse({ method, path, status, contentType, text: typeof body === 'string' ? body : JSON.stringify(body) });
    const ref = invite.body.trackingReference as string;
    t.same(answer('POST', '/v1/user/invite', 200, invite.body), [], 'the real invite answer passes');
    const { qrCodeUrl: _q, ...withoutQr } = invite.body;
    rejects(t, answer('POST', '/v1/user/invite', 200, withoutQr), 'rejected: invite answer without qrCodeUrl');
    rejects(t, answer('POST', '/v1/user/invite', 200, { ...invite.body, extra: 1 }), 'rejected: invite answer with an extra field');
    rejects(t, answer('POST', '/v1/user/invite', 200, invite.body, 'text/html'), 'rejected: an undocumented content type');
    const fastifyDefault = { statusCode: 400, code: 'FST_ERR_VALIDATION', error: 'Bad Request', message: 'body must be object' };
    rejects(t, answer('POST', '/v1/user/invite', 400, fastifyDefault), 'rejected: fastify’s default error shape on a VerifiMe route');
    rejects(t, answer('PUT', '/v2/verifications/aaaaaaaaaaaaaaaaaaaaaaaa/status', 400, fastifyDefault), 'rejected: fastify’s default error shape on a MetaMap route');
    rejects(t, answer('GET', `/v1/user/signup/tracking/${ref}/status`, 418, { status: 'Active' }), 'rejected: an undocumented status');
    rejects(t, answer('GET', `/v1/user/signup/tracking/${ref}/status`, 200, { status: 'Verified' }), 'rejected: a tracking status outside the enum');
    const resource = (await server.call('GET', `/v2/verifications/${created.body.id}`, undefined, auth)).body;
    t.same(answer('GET', `/v2/verifications/${created.body.id}`, 200, resource), [], 'the real resource passes');
    rejects(t, answer('GET', `/v2/verifications/${created.body.id}`, 200, { ...resource, identity: resource.identity.status }), 'rejected: resource identity as a string');
    const problem = { type: 'urn:kyc-sim:problem:session-not-found', title: 'session not found', status: 404, detail: 'x' };
    t.same(answer('GET', '/__admin/sessions/x', 404, problem, 'application/problem+json'), [], 'a real-shaped problem passes');
    rejects(t, answer('GET', '/__admin/sessions/x', 404, problem), 'rejected: an admin error that is not problem+json');
    t.equal(answer('GET', '/v1/nope', 404, {}), null, 'an undocumented route is reported as such, not as valid');
  });
});
