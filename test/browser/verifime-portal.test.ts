// The VerifiMe customer portal in Chromium: pre-filled details, the wizard's steps, the
// outcome picker, the confirmation with the verdict time and "Return to", and the signed
// webhook a real receiver gets afterwards.
import t from 'tap';
import { launchBrowser, openPage, screenshot } from '../support/browser.js';
import { startReceiver } from '../support/receiver.js';
import { INVITE, startTestServer } from '../support/server.js';

const SECRET = 'whsec-portal';
const browser = await launchBrowser(t);

if (browser) {
  t.test('portal wizard end to end: pre-fill, steps, picked outcome, confirmation, delivered webhook', async (t) => {
    const receiver = await startReceiver({ secret: SECRET, signatureHeader: 'X-VerifiMe-Signature' });
    t.teardown(() => receiver.close());
    const server = await startTestServer(t, { VERIFIME_WEBHOOK_URL: receiver.url, VERIFIME_WEBHOOK_SECRET: SECRET, PHASE2_DELAY: '2m' });
    const invite = await server.call('POST', '/v1/user/invite', {
      ...INVITE,
      referenceData: 'application-7',
      customerContext: { firstName: 'Jane', familyName: 'Citizen', dateOfBirth: '1990-04-12', callbackUrl: 'https://shop.example/kyc/done' },
    });
    const ref: string = invite.body.trackingReference;
    const status = async () => (await server.call('GET', `/v1/user/signup/tracking/${ref}/status`)).body.status;

    const page = await openPage(browser, t);
    await page.goto(invite.body.inviteUrl);
    t.equal(await status(), 'Active', 'opening inviteUrl marks the reference Active');
    t.equal(await page.getByLabel('First name').inputValue(), 'Jane', 'pre-filled from customerContext');
    t.equal(await page.getByLabel('Date of birth').inputValue(), '1990-04-12');
    t.equal(await page.getByLabel('Email').inputValue(), INVITE.email);
    t.ok(await page.getByRole('group', { name: 'Identity document' }).isHidden(), 'one step at a time');
    await screenshot(page, 'verifime-portal-1-details');

    await page.getByLabel('Family name').fill('Citizen-Smith');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('group', { name: 'Identity document' }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    t.ok(await page.getByRole('group', { name: 'Identity document' }).isVisible(), 'an empty document number keeps the customer on the step');
    await page.getByLabel('Driver licence').check();
    await page.getByLabel('Document number').fill('DL 0412 334');
    await screenshot(page, 'verifime-portal-2-document');
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('group', { name: 'Selfie and liveness check' }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Please take the selfie').waitFor();
    await page.getByRole('button', { name: 'Take a simulated selfie' }).click();
    await page.getByText('liveness check passed').waitFor();
    await screenshot(page, 'verifime-portal-3-selfie');
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('group', { name: 'Review and submit' }).waitFor();
    t.equal(await page.locator('[data-review-field=familyName]').textContent(), 'Citizen-Smith', 'the review shows the edited answers');
    t.equal(await page.locator('[data-review-field=documentType]').textContent(), 'Driver licence');
    const picker = page.getByLabel('Outcome of this verification');
    t.equal(await picker.inputValue(), 'low', 'the default outcome is pre-selected');
    t.match(await picker.locator('option[value=progressive]').textContent(), /PENDING, then PRELIMINARY/, 'options carry their descriptions');
    await picker.selectOption('high');
    await page.getByLabel(/I confirm these details/).check();
    await screenshot(page, 'verifime-portal-4-review');
    await page.getByRole('button', { name: 'Submit my details' }).click();

    await page.getByRole('heading', { name: /Thank you, Jane/ }).waitFor();
    t.equal(await status(), 'Completed');
    t.match(await page.locator('.sim').textContent(), /due at 2026-01-01 00:02:00 UTC on the simulator's manual clock/, 'the verdict time on the simulator clock');
    const back = page.getByRole('link', { name: 'Return to shop.example' });
    t.equal(await back.getAttribute('href'), 'https://shop.example/kyc/done', 'Return to [company] uses customerContext.callbackUrl');
    await screenshot(page, 'verifime-portal-5-confirmation');

    const detail = await server.call('GET', `/__admin/sessions/${ref}`);
    t.match(detail.body, { scenario: 'high', scenarioSource: 'explicit', verifime: { portal: { document: { type: 'driver-licence', number: 'DL 0412 334' }, selfie: 'simulated-liveness-passed' } } });

    await server.advance('2m');
    const [hook] = await receiver.waitFor(1);
    t.ok(hook.signatureValid, 'signed with the endpoint secret');
    t.match(hook.json, { eventName: 'RISK_ASSESSMENT_UPDATED', assessmentStatus: 'ASSESSED', riskLevel: 'HIGH', customerName: 'Jane Citizen-Smith', metadata: 'application-7' });

    await page.goto(invite.body.inviteUrl);
    t.equal(await page.locator('form[data-wizard]').count(), 0, 're-opening a completed reference never shows the wizard');
    t.match(await page.locator('.sim').textContent(), /verdict was sent at 2026-01-01 00:02:00 UTC/);
  });

  t.test('left alone, the picker follows the middle-name convention; no return URL, no button', async (t) => {
    const server = await startTestServer(t, { PHASE2_DELAY: '2m' });
    const invite = await server.call('POST', '/v1/user/invite', { ...INVITE, customerContext: { fullName: 'Ana Maria Lopez' } });
    const ref: string = invite.body.trackingReference;
    const page = await openPage(browser, t);
    await page.goto(invite.body.inviteUrl);
    t.equal(await page.getByLabel('First name').inputValue(), 'Ana', 'a full name is split for the form');
    t.equal(await page.getByLabel('Middle name').inputValue(), 'Maria');
    await page.getByLabel('Middle name').fill('Pep Sanction');
    await page.getByLabel('Date of birth').fill('1985-02-03');
    await page.getByLabel('Date of birth').press('Enter');
    await page.getByLabel('Document number').fill('PA1234567');
    await page.getByLabel('Document number').press('Enter');
    await page.getByRole('button', { name: 'Take a simulated selfie' }).click();
    await page.getByText('liveness check passed').waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    t.equal(await page.getByLabel('Outcome of this verification').inputValue(), 'pep-sanction', 'the picker shows what the convention selects');
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('group', { name: 'Selfie and liveness check' }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel(/I confirm these details/).check();
    await page.getByRole('button', { name: 'Submit my details' }).click();
    await page.getByRole('heading', { name: /Thank you, Ana/ }).waitFor();
    t.equal(await page.getByRole('link', { name: /Return to/ }).count(), 0, 'no callbackUrl and no static return URL: no button');
    t.match((await server.call('GET', `/__admin/sessions/${ref}`)).body, { scenario: 'pep-sanction', scenarioSource: 'convention' });
  });
}
