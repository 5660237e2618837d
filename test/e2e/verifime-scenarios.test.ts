// Scenario selection, the progressive event sequence, Force Verify and the portal over
// real HTTP (reference/verifime-api.md §6.3, §7, §8), with a real signed-webhook receiver.
import t, { type Test } from 'tap';
import { startReceiver, type Received, type Receiver } from '../support/receiver.js';
import { INVITE, startTestServer, type TestServer } from '../support/server.js';

const SECRET = 'whsec-scenarios';
const SCENARIOS = ['extreme', 'faulty-delivery', 'high', 'low', 'medium', 'no-risk-detected', 'pep', 'pep-sanction', 'progressive', 'sanction', 'slow'];

async function setup(t: Test, env: Record<string, string> = {}): Promise<{ server: TestServer; receiver: Receiver }> {
  const receiver = await startReceiver({ secret: SECRET, signatureHeader: 'X-VerifiMe-Signature' });
  t.teardown(() => receiver.close());
  const server = await startTestServer(t, { VERIFIME_WEBHOOK_URL: receiver.url, VERIFIME_WEBHOOK_SECRET: SECRET, PHASE2_DELAY: '1m', ...env });
  return { server, receiver };
}

async function invite(server: TestServer, extra: Record<string, unknown>): Promise<string> {
  const res = await server.call('POST', '/v1/user/invite', { ...INVITE, ...extra });
  if (res.status !== 200) throw new Error(`invite failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.trackingReference;
}

const byMetadata = (receiver: Receiver, metadata: string): Received[] => receiver.received.filter((r) => r.json.metadata === metadata);

t.test('scenario selection: middle name, referenceData, explicit, default', async (t) => {
  const { server, receiver } = await setup(t);
  const cases = [
    { label: 'middle name Pep', extra: { customerContext: { firstName: 'Jane', middleName: 'Pep', familyName: 'Smith' } }, scenario: 'pep', source: 'convention', risk: 'HIGH' },
    { label: 'middle name SANCTIONS', extra: { customerContext: { firstName: 'Jane', middleName: 'SANCTIONS', familyName: 'Smith' } }, scenario: 'sanction', source: 'convention', risk: 'EXTREME' },
    { label: 'middle name pep sanction', extra: { customerContext: { middleName: 'pep sanction' } }, scenario: 'pep-sanction', source: 'convention', risk: 'EXTREME' },
    { label: 'referenceData scenario=medium', extra: { referenceData: 'app-9 scenario=medium' }, scenario: 'medium', source: 'metadata', risk: 'MEDIUM' },
    { label: 'referenceData JSON', extra: { referenceData: '{"scenario":"high","app":"x"}' }, scenario: 'high', source: 'metadata', risk: 'HIGH' },
    { label: 'no hint', extra: { customerContext: { firstName: 'Jane', middleName: 'Mary' } }, scenario: 'low', source: 'default', risk: 'LOW' },
    { label: 'explicit beats middle name', extra: { customerContext: { middleName: 'Pep' } }, explicit: 'medium', scenario: 'medium', source: 'explicit', risk: 'MEDIUM' },
  ];
  for (const [i, c] of cases.entries()) {
    const metadata = 'referenceData' in c.extra ? (c.extra.referenceData as string) : `case-${i}`;
    const ref = await invite(server, { referenceData: metadata, ...c.extra });
    const done = await server.call('POST', `/__admin/sessions/${ref}/complete`, c.explicit ? { scenario: c.explicit } : {});
    t.equal(done.status, 200, `${c.label}: completed`);
    t.match(done.body, { scenario: c.scenario, scenarioSource: c.source }, `${c.label}: ${c.scenario} from ${c.source}`);
    Object.assign(c, { metadata });
  }
  t.equal(receiver.received.length, 0, 'nothing before the Phase 2 delay');
  await server.advance('2m');
  t.equal(receiver.received.length, cases.length, 'one verdict per reference');
  for (const c of cases as (typeof cases[number] & { metadata: string })[]) {
    const hooks = byMetadata(receiver, c.metadata);
    t.equal(hooks.length, 1, `${c.label}: one event`);
    t.match(hooks[0]?.json, { eventName: 'RISK_ASSESSMENT_UPDATED', assessmentStatus: 'ASSESSED', riskLevel: c.risk }, `${c.label}: riskLevel ${c.risk}`);
    t.ok(hooks[0]?.signatureValid, `${c.label}: signed`);
  }
});

t.test('progressive: PENDING, PRELIMINARY, ASSESSED as three events in order', async (t) => {
  const { server, receiver } = await setup(t);
  const ref = await invite(server, { referenceData: 'scenario=progressive' });
  await server.call('POST', `/__admin/sessions/${ref}/complete`, {});
  await server.advance('2m');
  const hooks = byMetadata(receiver, 'scenario=progressive');
  t.same(hooks.map((h) => h.json.assessmentStatus), ['PENDING', 'PRELIMINARY', 'ASSESSED']);
  t.equal(hooks[0]?.json.riskLevel, null, 'PENDING carries riskLevel null');
  t.equal(hooks[2]?.json.riskLevel, 'LOW');
  t.equal(new Set(hooks.map((h) => h.json.eventId)).size, 3, 'three different eventIds');
  t.ok(hooks.every((h) => h.signatureValid && h.json.eventName === 'RISK_ASSESSMENT_UPDATED'));
  const stamps = hooks.map((h) => Date.parse(h.json.eventTimestamp as string));
  t.ok(stamps[0] <= stamps[1] && stamps[1] <= stamps[2], 'timestamps in order');
});

t.test('VERIFIME_INTERIM_EVENTS=false: only ASSESSED is sent', async (t) => {
  const { server, receiver } = await setup(t, { VERIFIME_INTERIM_EVENTS: 'false' });
  const ref = await invite(server, { referenceData: 'scenario=progressive' });
  await server.call('POST', `/__admin/sessions/${ref}/complete`, {});
  await server.advance('2m');
  t.same(receiver.received.map((h) => h.json.assessmentStatus), ['ASSESSED']);
  t.equal(receiver.received[0]?.json.riskLevel, 'LOW');
  const detail = await server.call('GET', `/__admin/sessions/${ref}`);
  t.equal(detail.body.phase, 'finished');
});

t.test('Force Verify', async (t) => {
  const { server, receiver } = await setup(t);
  const status = async (ref: string) => (await server.call('GET', `/v1/user/signup/tracking/${ref}/status`)).body;

  const inactive = await invite(server, { referenceData: 'force-inactive', customerContext: { middleName: 'Pep' } });
  t.same(await status(inactive), { status: 'Inactive' });
  const forced = await server.call('POST', `/v1/user/signup/tracking/${inactive}/force-verify`);
  t.equal(forced.status, 200);
  t.equal(forced.headers.get('access-control-allow-origin'), '*');
  t.same(forced.body, { trackingReference: inactive, status: 'Completed', assessmentStatus: 'ASSESSED', riskLevel: 'HIGH' });
  t.same(await status(inactive), { status: 'Completed' });
  const hooks = byMetadata(receiver, 'force-inactive');
  t.equal(hooks.length, 1, 'the verdict was delivered before Force Verify answered, with no clock advance');
  t.match(hooks[0]?.json, { assessmentStatus: 'ASSESSED', riskLevel: 'HIGH', eventTimestamp: '2026-01-01T00:00:00Z' });

  const slow = await invite(server, { referenceData: 'scenario=slow' });
  const done = await server.call('POST', `/__admin/sessions/${slow}/complete`, {});
  t.equal(done.body.scenario, 'slow');
  await server.advance('5m');
  t.equal(byMetadata(receiver, 'scenario=slow').length, 0, 'slow: nothing after 5 minutes');
  const forcedSlow = await server.call('POST', `/v1/user/signup/tracking/${slow}/force-verify`);
  t.same(forcedSlow.body, { trackingReference: slow, status: 'Completed', assessmentStatus: 'ASSESSED', riskLevel: 'LOW' });
  t.equal(byMetadata(receiver, 'scenario=slow').length, 1, 'slow: fired at once');
  await server.advance('10m');
  t.equal(byMetadata(receiver, 'scenario=slow').length, 1, 'the cancelled timeline step does not fire again later');

  const unknown = await server.call('POST', '/v1/user/signup/tracking/7ea40290-44b7-424e-babb-31da7ca1dcd1/force-verify');
  t.equal(unknown.status, 404);
  t.match(unknown.body.validationResults, [{ resultName: 'TrackingReferenceNotFound' }]);
});

t.test('the portal: form, submit with a scenario, confirmation with Return to', async (t) => {
  const { server, receiver } = await setup(t);
  const callbackUrl = 'https://partner.example/kyc/return?id=42';
  const res = await server.call('POST', '/v1/user/invite', { ...INVITE, referenceData: 'portal', customerContext: { firstName: 'Jane', callbackUrl } });
  const { trackingReference: ref, inviteUrl } = res.body as { trackingReference: string; inviteUrl: string };

  const form = await fetch(inviteUrl);
  t.equal(form.status, 200);
  t.match(form.headers.get('content-type'), /^text\/html/);
  const html = await form.text();
  t.match(html, new RegExp(`<form method="post" action="/sign-up/track-id/${ref}"`));
  t.match(html, /<select[^>]*name="scenario"/);
  for (const name of SCENARIOS) t.match(html, new RegExp(`<option value="${name}"( selected)?>`), `offers ${name}`);
  t.match(html, '<option value="low" selected>', 'the default outcome is pre-selected');

  const submit = await fetch(inviteUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'scenario=high',
  });
  t.equal(submit.status, 303);
  t.equal(submit.headers.get('location'), `/sign-up/track-id/${ref}`);
  t.same((await server.call('GET', `/v1/user/signup/tracking/${ref}/status`)).body, { status: 'Completed' });
  t.match((await server.call('GET', `/__admin/sessions/${ref}`)).body, { scenario: 'high', scenarioSource: 'explicit' });

  const confirmation = await (await fetch(inviteUrl)).text();
  t.match(confirmation, /Thank you/);
  t.match(confirmation, /Return to/);
  t.match(confirmation, `href="${callbackUrl.replaceAll('&', '&amp;')}"`, 'the button targets customerContext.callbackUrl');

  await server.advance('2m');
  t.match(byMetadata(receiver, 'portal')[0]?.json, { riskLevel: 'HIGH' });

  const plain = await invite(server, {});
  await fetch(`${server.url}/sign-up/track-id/${plain}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'scenario=' });
  const noButton = await (await fetch(`${server.url}/sign-up/track-id/${plain}`)).text();
  t.match(noButton, /Thank you/);
  t.notMatch(noButton, /Return to/, 'no callbackUrl and no static return URL: no button');
  t.match((await server.call('GET', `/__admin/sessions/${plain}`)).body, { scenario: 'low', scenarioSource: 'default' });
});

t.test('scenario catalogue and OpenAPI document', async (t) => {
  const server = await startTestServer(t);
  const list = await server.call('GET', '/__admin/scenarios?provider=verifime');
  t.equal(list.status, 200);
  const scenarios = list.body.scenarios as { provider: string; name: string; description: string; default: boolean }[];
  t.same(scenarios.map((s) => s.name).sort(), [...SCENARIOS].sort());
  for (const s of scenarios) {
    t.equal(s.provider, 'verifime');
    t.ok(typeof s.description === 'string' && s.description.length > 5, `${s.name} has a description`);
  }
  t.same(scenarios.filter((s) => s.default).map((s) => s.name), ['low'], 'low is the one default');

  const doc = await server.call('GET', '/documentation/json');
  t.equal(doc.status, 200);
  t.match(doc.body.openapi, /^3\.1\./);
  t.ok(doc.body.paths['/v1/user/invite']?.post, 'documents POST /v1/user/invite');
  t.ok(doc.body.paths['/v1/user/signup/tracking/{trackingReference}/status']?.get, 'documents the tracking status');
});
