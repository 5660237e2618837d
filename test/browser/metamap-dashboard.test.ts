// The MetaMap dashboard page (matiDashboardUrl) in Chromium: documents, steps with their
// errors, the status; the control locked before the verdict; a status change after it
// producing verification_updated at a real receiver.
import t from 'tap';
import { launchBrowser, openPage, screenshot } from '../support/browser.js';
import { createVerification, PASSPORT_JPG, setupMetamap, uploadPassportAndVideo } from '../support/metamap.js';

const browser = await launchBrowser(t);

if (browser) {
  t.test('dashboard: documents, steps with errors, status change → verification_updated', async (t) => {
    const { server, receiver, auth } = await setupMetamap(t);
    const created = await createVerification(server, auth, { userId: 'user-7', scenario: 'rejected-fraud' });
    const { identity, id } = created.body as { identity: string; id: string };
    const dashboard = `${server.sim.publicUrl}/identities/${identity}`;

    const page = await openPage(browser, t);
    await page.goto(dashboard);
    t.ok(await page.getByRole('button', { name: 'Save status' }).isDisabled(), 'no status change before the verdict');
    t.match(await page.locator('main').textContent(), /No document received yet/);

    t.equal((await uploadPassportAndVideo(server, auth, identity)).status, 201);
    await server.advance('3m');
    const completed = receiver.received.find((r) => r.json.eventName === 'verification_completed');
    t.match(completed?.json, { identityStatus: 'rejected', matiDashboardUrl: dashboard });

    await page.goto(completed!.json.matiDashboardUrl as string);
    const main = page.locator('main');
    t.equal(await main.locator('.badge').first().textContent(), 'Rejected', 'the current status');
    t.match(await main.textContent(), /metadata\.userIduser-7/, 'the metadata');
    const doc = main.locator('[data-document="0"]');
    t.match(await doc.locator('h2').textContent(), /Passport/);
    const src = await doc.getByRole('img', { name: /Document photo 1/ }).getAttribute('src');
    const shown = await fetch(`${server.url}${src}`);
    t.same(Buffer.from(await shown.arrayBuffer()), PASSPORT_JPG, 'the uploaded photo is shown, without a bearer token');
    t.match(await doc.locator('tr[data-step=alteration-detection]').textContent(), /failed.*alterationDetection\.fraudAttempt.*Document is considered as fraud attempt.*digitalPhotoReplacement/s, 'a step with its error');
    t.match(await doc.locator('tr[data-step=document-reading]').textContent(), /passed/);
    t.ok((await doc.locator('dl').textContent())?.length, 'extracted document fields');
    t.match(await main.locator('tr[data-step=liveness]').textContent(), /passed/, 'verification-level steps');
    await screenshot(page, 'metamap-dashboard-1-rejected');

    const before = receiver.received.length;
    await page.getByLabel('Verified').check();
    await page.getByRole('button', { name: 'Save status' }).click();
    await page.getByText('Status changed to Verified').waitFor();
    t.equal(await main.locator('.badge').first().textContent(), 'Verified');
    await receiver.waitFor(before + 1);
    const updated = receiver.received[before];
    t.match(updated.json, { eventName: 'verification_updated', identityStatus: 'verified', status: 'rejected' }, 'verification_updated with the new identityStatus');
    t.ok(updated.signatureValid);
    t.match(await main.textContent(), /verification_updated/, 'listed under the webhooks sent');
    await screenshot(page, 'metamap-dashboard-2-changed');

    t.equal((await server.call('GET', `/__admin/sessions/${id}`)).body.metamap.identityStatus, 'verified');
  });
}
