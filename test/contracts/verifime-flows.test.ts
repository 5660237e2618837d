// Every VerifiMe scenario, end to end over real HTTP with a real receiver: each webhook body
// and its signature headers must match the document's `webhooks` entry, and every answer the
// test saw (admin API included) must match its route's response schema for its status.
import { readdirSync } from 'node:fs';
import t from 'tap';
import { checkAllResponses, loadContract, recordResponses } from '../support/contract.js';
import { startReceiver } from '../support/receiver.js';
import { INVITE, startTestServer } from '../support/server.js';

const SECRET = 'whsec-contracts';
const SCENARIOS = readdirSync(new URL('../../scenarios/verifime/', import.meta.url))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''));

t.test('VerifiMe: every scenario’s webhooks and answers match the OpenAPI document', async (t) => {
  const receiver = await startReceiver({ secret: SECRET, signatureHeader: 'X-VerifiMe-Signature' });
  t.teardown(() => receiver.close());
  const server = await startTestServer(t, { VERIFIME_WEBHOOK_URL: receiver.url, VERIFIME_WEBHOOK_SECRET: SECRET, PHASE2_DELAY: '1m-3m' });
  const seen = recordResponses(t, () => [server.url, server.sim.publicUrl].map((u) => new URL(u).origin));
  const contract = await loadContract(server.url);

  const refs = new Map<string, string>();
  for (const [i, scenario] of SCENARIOS.entries()) {
    // Half the invites carry customerContext (the customer name comes from it), half do not
    // (a generated name); one has no referenceData at all (metadata null).
    const extra = i % 2 === 0 ? { customerContext: { firstName: 'Jane', middleName: 'Mary', familyName: 'Citizen' } } : {};
    const invite = await server.call('POST', '/v1/user/invite', { ...INVITE, referenceData: `contract-${i} scenario=${scenario}`, ...extra });
    t.equal(invite.status, 200, `${scenario}: invited`);
    const ref = invite.body.trackingReference as string;
    refs.set(scenario, ref);
    await server.call('GET', `/v1/user/signup/tracking/${ref}/status`);
    t.equal((await fetch(invite.body.inviteUrl)).status, 200, `${scenario}: portal opened`);
    await server.call('GET', `/v1/user/signup/tracking/${ref}/status`);
    const done = await server.call('POST', `/__admin/sessions/${ref}/complete`, {});
    t.equal(done.status, 200, `${scenario}: data entry complete`);
    await server.call('GET', `/v1/user/signup/tracking/${ref}/status`);
  }
  const bare = await server.call('POST', '/v1/user/invite', INVITE);
  const forced = await server.call('POST', `/v1/user/signup/tracking/${bare.body.trackingReference}/force-verify`);
  t.equal(forced.status, 200, 'Force Verify without referenceData');

  await server.advance('3m');
  await server.advance('10m'); // slow (6–8 minutes)
  await server.advance('20m'); // retries of dropped attempts (15 minutes)

  for (const [scenario, ref] of refs) {
    const detail = await server.call('GET', `/__admin/sessions/${ref}`);
    t.equal(detail.body.phase, 'finished', `${scenario}: finished`);
    await server.call('GET', `/__admin/deliveries?session=${ref}`);
    await server.call('GET', `/__admin/events?session=${ref}`);
  }
  const deliveries = (await server.call('GET', '/__admin/deliveries')).body.deliveries as { id: string }[];
  await server.call('GET', `/__admin/deliveries/${deliveries[0].id}`);
  await server.call('POST', `/__admin/deliveries/${deliveries[0].id}/redeliver`);
  for (const path of ['/__admin/health', '/__admin/clock', '/__admin/scenarios', '/__admin/sessions', '/__admin/webhooks', '/__admin/webhooks?showSecrets=true']) {
    t.equal((await server.call('GET', path)).status, 200, path);
  }
  const hook = await server.call('POST', '/__admin/webhooks', { provider: 'verifime', url: 'http://127.0.0.1:9/hook', scope: 'KYCSIM' });
  t.equal(hook.status, 201);
  t.equal((await server.call('DELETE', `/__admin/webhooks/${hook.body.id}`)).status, 204);

  t.ok(receiver.received.length >= SCENARIOS.length + 1, `${receiver.received.length} webhooks received`);
  const statuses = new Set(receiver.received.map((r) => r.json.assessmentStatus));
  t.same([...statuses].sort(), ['ASSESSED', 'PENDING', 'PRELIMINARY'], 'every assessment status was sent');
  t.ok(receiver.received.some((r) => r.json.metadata === null), 'an event without referenceData (metadata null)');
  for (const request of receiver.received) {
    t.same(contract.checkWebhook(request), [], `${request.json.eventName} ${request.json.assessmentStatus}/${request.json.riskLevel} matches its webhooks entry`);
  }
  const checked = checkAllResponses(t, contract, seen);
  t.ok(checked > 60, `${checked} answers checked against their response schemas`);
});
