// The widget demo page: an invite created from the browser, the widget embedded, the
// portal opened from its button, and Phase 2 followed to the verdict on the manual clock.
import t from 'tap';
import { launchBrowser, openPage, screenshot } from '../support/browser.js';
import { startTestServer } from '../support/server.js';

const browser = await launchBrowser(t);

if (browser) {
  t.test('the demo page runs Phase 1 and Phase 2 in the browser', async (t) => {
    const server = await startTestServer(t, { PHASE2_DELAY: '2m' });
    const page = await openPage(browser, t);
    await page.goto(`${server.url}/widget-demo`);
    await page.getByLabel('Middle name').fill('Pep');
    await page.getByRole('button', { name: 'Create invite and show the widget' }).click();
    const start = page.locator('#verifime-widget #verifime-wideget-start-button');
    await start.waitFor();
    t.equal(await page.getByRole('link', { name: 'Verify with VerifiMe' }).count(), 1, 'the V1 button, named by its logo');
    const ref = (await page.locator('#demo-ref code').textContent())!;
    t.match((await server.call('GET', `/__admin/sessions/${ref}`)).body, { verifime: { email: 'jane.citizen@example.com', organisationCode: 'KYCSIM' } }, 'the invite was created');
    await screenshot(page, 'verifime-widget-demo-1');

    const [portal] = await Promise.all([page.context().waitForEvent('page'), start.click()]);
    await portal.getByRole('heading', { name: 'Verify your identity' }).waitFor();
    t.equal(await portal.getByLabel('Middle name').inputValue(), 'Pep', 'the portal is pre-filled from the demo form');
    await server.call('POST', `/__admin/sessions/${ref}/complete`, {});
    await page.getByText('Successfully submitted for verification with VerifiMe').waitFor({ timeout: 8000 });
    await page.getByRole('heading', { name: 'Phase 2' }).waitFor({ timeout: 8000 });
    await page.getByRole('button', { name: 'Advance 3m' }).click();
    await page.locator('#demo-phase2').getByText('ASSESSED', { exact: true }).waitFor();
    t.match(await page.locator('#demo-phase2').textContent(), /Scenario pep \(convention\).*risk HIGH/, 'the demo follows Phase 2 to the verdict');
    await screenshot(page, 'verifime-widget-demo-2-phase2');
  });
}
