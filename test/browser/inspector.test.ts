// The inspector (/__admin/ui) in Chromium: sessions newest first and updating live, a
// session's timeline with a delivery and its attempts (status, headers with the signature,
// body, next retry, final state), resend, copy as curl; the clock panel advancing the manual
// clock; the scenario catalogue; webhook endpoints with the secret on demand.
import t from 'tap';
import { launchBrowser, openPage, screenshot } from '../support/browser.js';
import { startReceiver } from '../support/receiver.js';
import { INVITE, startTestServer } from '../support/server.js';

const SECRET = 'whsec-inspector-0123';
const browser = await launchBrowser(t);

if (browser) {
  t.test('inspector: a delivery with its attempts, resend, curl, clock, scenarios, endpoints', async (t) => {
    const receiver = await startReceiver({ secret: SECRET, signatureHeader: 'X-VerifiMe-Signature' });
    t.teardown(() => receiver.close());
    const server = await startTestServer(t, { VERIFIME_WEBHOOK_URL: receiver.url, VERIFIME_WEBHOOK_SECRET: SECRET, PHASE2_DELAY: '2m' });
    const older = (await server.call('POST', '/v1/user/invite', { ...INVITE, referenceData: 'older' })).body.trackingReference as string;
    const ref = (await server.call('POST', '/v1/user/invite', { ...INVITE, referenceData: 'inspected' })).body.trackingReference as string;
    await server.call('POST', `/__admin/sessions/${ref}/complete`, { scenario: 'medium' });
    receiver.script({ status: 500 });
    await server.advance('2m');
    await server.advance('15m');
    t.same(receiver.received.map((r) => r.answeredWith), [500, 200], 'failed once, then delivered');

    const page = await openPage(browser, t);
    await page.goto(`${server.url}/__admin/ui`);
    const rows = page.locator('#sessions-table tbody tr');
    await rows.nth(1).waitFor();
    t.same(await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.session)), [ref, older], 'newest first');
    t.match(await rows.first().textContent(), /VerifiMe.*medium.*finished/s, 'provider, scenario, state');
    t.match(await rows.nth(1).textContent(), /created/, 'the other session waits in created');

    await rows.first().click();
    const detail = page.locator('#session-detail');
    const delivery = detail.locator('.delivery').first();
    await delivery.waitFor();
    t.match(await detail.textContent(), /RISK_ASSESSMENT_UPDATED/);
    t.match(await delivery.textContent(), /delivered.*2 attempts.*final: delivered/s, 'the final state');
    const attempts = delivery.getByRole('table', { name: /Attempts of/ }).locator('tbody tr');
    t.equal(await attempts.count(), 2, 'every attempt');
    t.match(await attempts.nth(0).textContent(), /1.*00:02:00.*500.*ms.*retry.*next attempt 00:17:00/s, 'attempt 1: status, latency, next retry');
    t.match(await attempts.nth(1).textContent(), /2.*00:17:00.*200.*delivered/s, 'attempt 2');
    await delivery.getByText('Request headers').click();
    const headers = await delivery.locator('details', { hasText: 'Request headers' }).locator('pre').textContent();
    t.match(headers, /x-verifime-signature: [0-9a-f]{64}/i, 'the signature header');
    await delivery.getByText('Request body').click();
    t.match(await delivery.locator('details', { hasText: 'Request body' }).locator('pre').textContent(), /"riskLevel": "MEDIUM"/);
    await attempts.nth(0).getByText('Response').click();
    t.match(await attempts.nth(0).locator('pre').textContent(), /ok/, 'the response snippet');

    await delivery.getByRole('button', { name: 'Copy as curl' }).click();
    const curl = await delivery.locator('pre[data-curl]').textContent();
    t.match(curl, /^curl -sS -X POST 'http:\/\/127\.0\.0\.1:\d+\/hook'/);
    t.match(curl, /-H 'x-verifime-signature: [0-9a-f]{64}'/i);
    t.match(curl, /--data-raw '\{"eventId"/);
    await screenshot(page, 'inspector-1-session');

    await delivery.getByRole('button', { name: 'Resend' }).click();
    await receiver.waitFor(3);
    await detail.locator('.delivery').nth(1).waitFor();
    t.equal(receiver.received[2].body, receiver.received[1].body, 'the same bytes again');
    t.ok(await delivery.locator('details', { hasText: 'Request headers' }).evaluate((d) => (d as HTMLDetailsElement).open), 'open sections stay open across live updates');

    const clock = page.locator('#clock');
    t.match(await clock.textContent(), /manual.*2026-01-01 00:17:00/s);
    await clock.getByLabel('Advance by').fill('3m');
    await clock.getByRole('button', { name: 'Advance', exact: true }).click();
    await clock.getByText('2026-01-01 00:20:00').waitFor();

    const newest = (await server.call('POST', '/v1/user/invite', { ...INVITE, referenceData: 'live' })).body.trackingReference as string;
    await page.locator(`#sessions-table tr[data-session="${newest}"]`).waitFor();
    t.equal(await rows.first().getAttribute('data-session'), newest, 'a new session appears at the top by itself');

    await page.getByRole('link', { name: 'Scenarios' }).click();
    await page.locator('#scenarios tr[data-scenario="verifime/progressive"]').waitFor();
    t.match(await page.locator('#scenarios tr[data-scenario="verifime/low"]').textContent(), /default/, 'the default is marked');
    t.match(await page.locator('#scenarios tr[data-scenario="metamap/rejected-fraud"]').textContent(), /fraud/);
    await screenshot(page, 'inspector-2-scenarios');

    await page.getByRole('link', { name: 'Webhook endpoints' }).click();
    const endpoint = page.locator('#webhooks tr[data-endpoint]').first();
    await endpoint.waitFor();
    t.match(await endpoint.textContent(), /whse…/, 'the secret is hidden');
    t.notMatch(await endpoint.textContent(), SECRET);
    await endpoint.getByRole('button', { name: 'Show secret' }).click();
    await endpoint.getByText(SECRET).waitFor();
    await screenshot(page, 'inspector-3-webhooks');
    await endpoint.getByRole('button', { name: 'Hide secret' }).click();
    await endpoint.getByText('whse…').waitFor();
  });

  t.test('inspector: scenario delivery faults are marked on their deliveries', async (t) => {
    const receiver = await startReceiver({ secret: SECRET, signatureHeader: 'X-VerifiMe-Signature' });
    t.teardown(() => receiver.close());
    const server = await startTestServer(t, { VERIFIME_WEBHOOK_URL: receiver.url, VERIFIME_WEBHOOK_SECRET: SECRET, PHASE2_DELAY: '2m' });
    const ref = (await server.call('POST', '/v1/user/invite', INVITE)).body.trackingReference as string;
    await server.call('POST', `/__admin/sessions/${ref}/complete`, { scenario: 'faulty-delivery' });
    await server.advance('2m');

    const page = await openPage(browser, t);
    await page.goto(`${server.url}/__admin/ui`);
    await page.locator(`#sessions-table tbody tr[data-session="${ref}"]`).click();
    const deliveries = page.locator('#session-detail .delivery');
    await deliveries.nth(2).waitFor();
    const heads = await deliveries.locator('.dhead').allTextContents();
    t.match(heads[0], /stopped.*fault: bad-signature/s, 'the forged copy');
    t.match(heads[1], /pending.*fault: drop-first-attempt/s, 'the dropped first attempt waits for its retry');
    t.match(heads[2], /delivered.*fault: duplicate/s, 'the duplicate');
  });
}
