// The VerifiMe-compatible widget on a consumer's page (another origin): QR code and
// button, polling from the click, onSuccess exactly once after completion, onError when the
// server is gone or answers an error, the polling timeout, destroy(), and the ESM build.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import t from 'tap';
import { launchBrowser, openPage, screenshot } from '../support/browser.js';
import { INVITE, startTestServer, type TestServer } from '../support/server.js';

const browser = await launchBrowser(t);

// The consumer's site: another origin on loopback (Chromium's private-network rules would
// block a public origin from loading a localhost script). Each page path serves its own HTML.
const shopPages = new Map<string, string>();
const shop = createServer((req, res) => {
  res.writeHead(shopPages.has(req.url ?? '') ? 200 : 404, { 'content-type': 'text/html' });
  res.end(shopPages.get(req.url ?? '') ?? 'not found');
});
if (browser) {
  await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => (shop.closeAllConnections(), shop.close(() => resolve()))));
}
let shopCount = 0;
const shopAt = (html: string) => {
  const path = `/checkout-${++shopCount}`;
  shopPages.set(path, html);
  return `http://127.0.0.1:${(shop.address() as AddressInfo).port}${path}`;
};

/** Opens a consumer page that embeds the widget with `options`. */
async function shopPage(page: Page, server: TestServer, ref: string, options: string): Promise<void> {
  await page.goto(shopAt(`<!doctype html><html lang="en"><head><title>Shop checkout</title><link rel="icon" href="data:,"></head>
<body><h1>Checkout</h1><div id="kyc"></div>
<script src="${server.url}/widgets/verifime-widget.min.js"></script>
<script>
  window.calls = { success: 0, successArgs: [], errors: [] };
  window.widget = VerifimeWidget('#kyc', ${JSON.stringify(ref)}, Object.assign({
    email: 'jane@example.com',
    onSuccess: function () { window.calls.success++; window.calls.successArgs.push(arguments.length); },
    onError: function (e) { window.calls.errors.push(e); }
  }, ${options}));
</script></body></html>`));
}

const invite = async (server: TestServer) => (await server.call('POST', '/v1/user/invite', INVITE)).body.trackingReference as string;
const calls = (page: Page) => page.evaluate(() => (window as any).calls as { success: number; successArgs: number[]; errors: { code: string; message: string }[] });

if (browser) {
  const server = await startTestServer(t, { PHASE2_DELAY: '2m' });

  t.test('onSuccess exactly once after completion; polling stops; destroy()', async (t) => {
    const ref = await invite(server);
    const page = await openPage(browser, t);
    const polls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/status')) polls.push(r.url());
    });
    await shopPage(page, server, ref, '{ pollIntervalMs: 100 }');
    const widget = page.getByRole('region', { name: 'VerifiMe identity verification' });
    await widget.getByRole('heading', { name: 'Verify your identity' }).waitFor();
    const qr = widget.getByRole('img', { name: /QR code/ });
    t.match(await qr.getAttribute('src'), `/qr?url=${encodeURIComponent(`${server.sim.publicUrl}/sign-up/track-id/${ref}`)}`, 'the QR code encodes inviteUrl');
    t.ok(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'the QR image loads');
    const button = widget.getByRole('link', { name: 'Verify with VerifiMe' });
    t.equal(await button.getAttribute('href'), `${server.sim.publicUrl}/sign-up/track-id/${ref}`);
    t.equal(await button.getAttribute('target'), '_blank', 'opens inviteUrl in a new tab');
    await widget.getByText('Continue on another device').click();
    t.equal(await widget.getByLabel('Email').inputValue(), 'jane@example.com', 'email pre-fills the widget form');
    await screenshot(page, 'verifime-widget-1-start');
    t.equal(polls.length, 0, 'no polling before the click (or 60 s)');

    const [portal] = await Promise.all([page.context().waitForEvent('page'), button.click()]);
    await portal.waitForLoadState();
    await widget.getByRole('heading', { name: 'Waiting for you to finish' }).waitFor();
    t.ok(polls.length > 0, 'polling starts on the click');
    await screenshot(page, 'verifime-widget-2-waiting');

    await server.call('POST', `/__admin/sessions/${ref}/complete`, {});
    await widget.getByRole('heading', { name: 'Details submitted' }).waitFor();
    const afterSuccess = polls.length;
    await page.waitForTimeout(400);
    const seen = await calls(page);
    t.equal(seen.success, 1, 'onSuccess was called exactly once');
    t.same(seen.successArgs, [0], 'onSuccess() gets no argument');
    t.same(seen.errors, []);
    t.equal(polls.length, afterSuccess, 'polling stopped on Completed');
    await screenshot(page, 'verifime-widget-3-submitted');

    await page.evaluate(() => (window as any).widget.destroy());
    t.equal(await page.locator('#kyc').evaluate((el) => el.children.length), 0, 'destroy() removes the widget');
    await portal.close();

    const esmPage = await openPage(browser, t, page);
    await esmPage.goto(shopAt(`<!doctype html><html><head><link rel="icon" href="data:,"></head><body><div id="kyc"></div><script type="module">
import VerifimeWidget, { VerifimeWidget as named } from '${server.url}/widgets/verifime-widget.esm.min.js';
window.esm = { type: typeof VerifimeWidget, same: VerifimeWidget === named, global: typeof window.VerifimeWidget };
</script></body></html>`));
    await esmPage.waitForFunction(() => (window as any).esm);
    t.same(await esmPage.evaluate(() => (window as any).esm), { type: 'function', same: true, global: 'undefined' }, 'the ESM build: a default export (cross-origin, CORS), no global');
  });

  t.test('onError: server gone, API error, polling timeout; destroy stops polling', async (t) => {
    const gone = await startTestServer(t);
    const ref = await invite(gone);
    const page = await openPage(browser, t);
    await shopPage(page, gone, ref, '{ pollIntervalMs: 50, autoStartMs: 0 }');
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/status')));
    await gone.close();
    await page.getByRole('heading', { name: 'Something went wrong' }).waitFor();
    const seen = await calls(page);
    t.equal(seen.errors.length, 1, 'onError once');
    t.equal(seen.errors[0].code, 'NETWORK_ERROR');
    t.match(seen.errors[0].message, /Could not reach VerifiMe/);
    t.equal(seen.success, 0);
    await screenshot(page, 'verifime-widget-4-error');

    const unknown = '2f1a2a4e-93f4-4c7a-9d3b-0d6f5c2b8a11';
    const apiPage = await openPage(browser, t, page);
    await shopPage(apiPage, server, unknown, '{ pollIntervalMs: 50, autoStartMs: 0 }');
    await apiPage.waitForFunction(() => (window as any).calls.errors.length > 0);
    t.match((await calls(apiPage)).errors, [{ code: 'API_ERROR', message: /HTTP 404/ }], 'an unknown reference is an API error');

    const slow = await invite(server);
    const timeoutPage = await openPage(browser, t, page);
    await shopPage(timeoutPage, server, slow, '{ pollIntervalMs: 50, autoStartMs: 0, timeoutMs: 300 }');
    await timeoutPage.waitForFunction(() => (window as any).calls.errors.length > 0);
    t.match((await calls(timeoutPage)).errors, [{ code: 'POLLING_TIMEOUT' }], 'polling gives up after timeoutMs');

    const quiet = await invite(server);
    const destroyPage = await openPage(browser, t, page);
    const polls: string[] = [];
    destroyPage.on('request', (r) => {
      if (r.url().includes('/status')) polls.push(r.url());
    });
    await shopPage(destroyPage, server, quiet, '{ pollIntervalMs: 50, autoStartMs: 0 }');
    await destroyPage.waitForFunction(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/status')).length >= 2);
    await destroyPage.evaluate(() => (window as any).widget.destroy());
    const atDestroy = polls.length;
    await server.call('POST', `/__admin/sessions/${quiet}/complete`, {});
    await destroyPage.waitForTimeout(300);
    t.ok(polls.length <= atDestroy + 1, 'no polling after destroy()');
    t.equal((await calls(destroyPage)).success, 0, 'no callback after destroy()');
  });
}
