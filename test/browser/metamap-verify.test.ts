// The MetaMap verification page in Chromium: simulated document (front and back) and
// selfie-video capture, the outcome picker, submission through the send-input path,
// verification_inputs_completed, and Phase 2 to the verdict.
import t from 'tap';
import { launchBrowser, openPage, screenshot } from '../support/browser.js';
import { createVerification, setupMetamap } from '../support/metamap.js';

const browser = await launchBrowser(t);

if (browser) {
  t.test('verification page end to end: capture, picked outcome, inputs completed, verdict', async (t) => {
    const { server, receiver, auth } = await setupMetamap(t);
    const created = await createVerification(server, auth, { userId: 'user-42' });
    const { identity, id } = created.body as { identity: string; id: string };
    const admin = await server.call('GET', `/__admin/sessions/${id}`);
    const link: string = admin.body.metamap.verificationUrl;
    t.equal(link, `${server.sim.publicUrl}/verify/${identity}`, 'the admin session view lists the verification page');
    await receiver.waitFor(1);

    const page = await openPage(browser, t);
    await page.goto(link);
    t.equal((await server.call('GET', `/__admin/sessions/${id}`)).body.phase, 'started', 'opening the page starts the verification');
    t.ok(await page.getByLabel('National ID').isChecked(), 'the first document type of the flow is pre-selected');
    t.ok(await page.getByRole('heading', { name: 'Back side' }).isVisible(), 'a national ID asks for both sides');
    await page.getByLabel('Passport').check();
    t.ok(await page.getByRole('heading', { name: 'Back side' }).isHidden(), 'a passport has one side');
    await page.getByLabel('National ID').check();
    await page.getByLabel('Issuing country').selectOption('CO');

    await page.getByRole('button', { name: 'Send for verification' }).click();
    await page.getByText('Take or upload the front of the document first.').waitFor();

    await page.getByRole('button', { name: 'Take photo of the front' }).click();
    await page.getByRole('button', { name: 'Take photo of the back' }).click();
    await page.getByRole('button', { name: 'Record selfie video' }).click();
    await page.getByText('Video recorded').waitFor();
    const picker = page.getByLabel('Outcome of this verification');
    t.equal(await picker.inputValue(), 'verified', 'the default outcome is pre-selected');
    await picker.selectOption('review-negligence');
    await screenshot(page, 'metamap-verify-1-capture');

    await page.getByRole('button', { name: 'Send for verification' }).click();
    await page.getByRole('heading', { name: 'Thank you — your documents were sent' }).waitFor();
    await screenshot(page, 'metamap-verify-2-sent');

    const events = () => receiver.received.map((r) => r.json.eventName);
    await receiver.waitFor(2);
    t.same(events(), ['verification_started', 'verification_inputs_completed'], 'the inputs completed as with send-input');
    t.ok(receiver.received.every((r) => r.signatureValid), 'signed');
    const detail = await server.call('GET', `/__admin/sessions/${id}`);
    t.match(detail.body, { phase: 'inputs-complete', scenario: 'review-negligence', scenarioSource: 'explicit' });
    const resource = await server.call('GET', `/v2/verifications/${id}`, undefined, auth);
    t.match(resource.body.documents, [{ type: 'national-id', country: 'CO' }], 'the document type and country as chosen');
    t.equal(resource.body.documents[0].photos.length, 2, 'front and back were uploaded');
    const photo = await fetch(resource.body.documents[0].photos[0], { headers: auth });
    t.same([...new Uint8Array(await photo.arrayBuffer()).slice(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'the simulated camera took a real PNG');

    await server.advance('3m');
    const done = receiver.received.find((r) => r.json.eventName === 'verification_completed');
    t.match(done?.json, { identityStatus: 'reviewNeeded' }, 'Phase 2 ran the picked scenario');

    await page.reload();
    t.equal(await page.locator('#capture-form').count(), 0, 'after submission the page never asks again');
    t.match(await page.locator('.sim').textContent(), /Status reviewNeeded/);
  });
}
