import t from 'tap';
import { startReceiver } from '../support/receiver.js';
import { INVITE, startTestServer } from '../support/server.js';

t.test('VerifiMe end to end: invite, portal, complete, signed RISK_ASSESSMENT_UPDATED', async (t) => {
  const receiver = await startReceiver({ secret: 'whsec-test', signatureHeader: 'X-VerifiMe-Signature' });
  t.teardown(() => receiver.close());
  const server = await startTestServer(t, { VERIFIME_WEBHOOK_URL: receiver.url, VERIFIME_WEBHOOK_SECRET: 'whsec-test', PHASE2_DELAY: '1m-3m' });

  const invite = await server.call('POST', '/v1/user/invite', {
    ...INVITE,
    referenceData: 'application-42',
    customerContext: { firstName: 'Jane', familyName: 'Citizen' },
  });
  t.equal(invite.status, 200);
  const ref: string = invite.body.trackingReference;
  t.match(ref, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const publicUrl = `http://localhost:${new URL(server.url).port}`;
  t.equal(invite.body.inviteUrl, `${publicUrl}/sign-up/track-id/${ref}`, 'inviteUrl uses PUBLIC_URL (default: localhost and the bound port)');
  t.equal(new URL(invite.body.qrCodeUrl).searchParams.get('url'), invite.body.inviteUrl);

  const status = (path = `/v1/user/signup/tracking/${ref}/status`) => server.call('GET', path);
  t.same((await status()).body, { status: 'Inactive' });
  t.equal((await status()).headers.get('access-control-allow-origin'), '*');

  const qr = await fetch(`${server.url}/qr?url=${encodeURIComponent(invite.body.inviteUrl)}`);
  t.equal(qr.headers.get('content-type'), 'image/png');
  t.same([...new Uint8Array(await qr.arrayBuffer()).slice(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'a real PNG');

  const portal = await fetch(`${server.url}/sign-up/track-id/${ref}`);
  t.match(await portal.text(), /Verify your identity/);
  t.same((await status()).body, { status: 'Active' });

  const complete = await server.call('POST', `/__admin/sessions/${ref}/complete`, {});
  t.equal(complete.status, 200);
  t.equal(complete.body.scenario, 'low');
  t.same((await status()).body, { status: 'Completed' });

  await server.advance('59s');
  t.equal(receiver.received.length, 0, 'no verdict before the 1–3 minute delay');
  await server.advance('2m1s');
  t.equal(receiver.received.length, 1, 'one webhook within 3 minutes');
  const hook = receiver.received[0];
  t.ok(hook.signatureValid, 'X-VerifiMe-Signature is the hex HMAC-SHA256 of the exact body');
  t.equal(hook.headers['x-verifime-version'], '1');
  t.match(hook.headers['content-type'], /^application\/json/);
  t.same(Object.keys(hook.json), ['eventId', 'eventName', 'customerName', 'assessmentStatus', 'riskLevel', 'assessmentPortalUrl', 'eventTimestamp', 'metadata']);
  t.match(hook.json, {
    eventName: 'RISK_ASSESSMENT_UPDATED',
    customerName: 'Jane Citizen',
    assessmentStatus: 'ASSESSED',
    riskLevel: 'LOW',
    metadata: 'application-42',
    assessmentPortalUrl: new RegExp(`^${publicUrl}/client-portal/assessments/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`),
  });
  t.notMatch(hook.json.assessmentPortalUrl, ref, 'the webhook carries no tracking reference, not even in the portal URL');
  t.match(hook.json.eventTimestamp, /^2026-01-01T00:0[1-3]:\d\dZ$/);

  const page = await fetch(hook.json.assessmentPortalUrl as string);
  t.equal(page.status, 200, 'assessmentPortalUrl is served');
  t.match(await page.text(), ref, 'the portal page shows the tracking reference');
  t.equal((await fetch(`${publicUrl}/client-portal/assessments/${ref}`)).status, 404, 'the tracking reference is not an assessment id');

  const detail = await server.call('GET', `/__admin/sessions/${ref}`);
  t.equal(detail.body.phase, 'finished');
  t.equal(detail.body.deliveries[0].state, 'delivered');
  t.equal(detail.body.deliveries[0].attempts.length, 1);
});
