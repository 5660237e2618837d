// The VerifiMe-compatible widget on a consumer's page (another origin), checked against what
// VerifiMe's real V1 bundle does: its markup, ids and texts, the three images, polling from
// the click or after autoStartMs, Inactive → Active (waiting step, TRY AGAIN), Completed
// (onSuccess once, verified step), JSON error answers that just keep polling, onError only
// for network failures and non-JSON answers, V1's console errors for bad arguments, one
// widget per container, destroy(), the CSP nonce, and the UMD and ESM builds.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import t from 'tap';
import { launchBrowser, openPage, screenshot } from '../support/browser.js';
import { INVITE, startTestServer, type TestServer } from '../support/server.js';

const browser = await launchBrowser(t);

// The consumer's site: another origin on loopback (Chromium's private-network rules would
// block a public origin from loading a localhost script). Each page path serves its own HTML;
// under /not-json/ it plays a status API that answers HTML (with CORS, so the fetch succeeds).
const shopPages = new Map<string, string>();
const shop = createServer((req, res) => {
  const url = req.url ?? '';
  if (url.startsWith('/not-json/')) {
    res.writeHead(200, { 'content-type': 'text/html', 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' });
    res.end(req.method === 'OPTIONS' ? '' : '<html><body>Maintenance</body></html>');
    return;
  }
  res.writeHead(shopPages.has(url) ? 200 : 404, { 'content-type': 'text/html' });
  res.end(shopPages.get(url) ?? 'not found');
});
if (browser) {
  await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => (shop.closeAllConnections(), shop.close(() => resolve()))));
}
const shopOrigin = () => `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
let shopCount = 0;
const shopAt = (html: string) => {
  const path = `/checkout-${++shopCount}`;
  shopPages.set(path, html);
  return `${shopOrigin()}${path}`;
};

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

interface Watched {
  polls: string[];
  consoleErrors: string[];
  consoleLogs: string[];
  assets: { url: string; status: number; type: string | undefined }[];
}

/** Records status polls, console output and the widget's asset responses of a page. */
function watch(page: Page): Watched {
  const seen: Watched = { polls: [], consoleErrors: [], consoleLogs: [], assets: [] };
  page.on('request', (r) => {
    if (r.url().includes('/status') && r.method() === 'GET') seen.polls.push(r.url());
  });
  page.on('response', (r) => {
    if (r.url().includes('/assets/')) seen.assets.push({ url: r.url(), status: r.status(), type: r.headers()['content-type'] });
  });
  page.on('console', (m) => {
    if (m.type() === 'error') seen.consoleErrors.push(m.text());
    if (m.type() === 'log') seen.consoleLogs.push(m.text());
  });
  return seen;
}

/** Opens a consumer page that embeds the widget with `options` (a JS object expression). */
async function shopPage(page: Page, server: TestServer, ref: string, options: string, head = ''): Promise<void> {
  await page.goto(
    shopAt(`<!doctype html><html lang="en"><head><title>Shop checkout</title><link rel="icon" href="data:,">${head}</head>
<body><h1>Checkout</h1><div id="kyc"></div>
<script src="${server.url}/widgets/verifime-widget.min.js"></script>
<script>
  window.calls = { success: 0, successArgs: [], errors: [] };
  window.createdAt = performance.now();
  window.widget = VerifimeWidget('#kyc', ${JSON.stringify(ref)}, Object.assign({
    email: 'jane@example.com',
    onSuccess: function () { window.calls.success++; window.calls.successArgs.push(arguments.length); },
    onError: function (e) { window.calls.errors.push(e); }
  }, ${options}));
</script></body></html>`),
  );
}

const invite = async (server: TestServer) => (await server.call('POST', '/v1/user/invite', INVITE)).body.trackingReference as string;
const calls = (page: Page) => page.evaluate(() => (window as any).calls as { success: number; successArgs: number[]; errors: { code: string; message: string }[] });
const loaded = (page: Page, selector: string) =>
  page.locator(selector).evaluate(async (img: HTMLImageElement) => {
    if (!img.complete) await new Promise((resolve) => img.addEventListener('load', resolve, { once: true }));
    return img.naturalWidth > 0;
  });
const START = '#verifime-wideget-start-button';
const TRY_AGAIN = '#verifime-widget-try-again-button';

if (browser) {
  const server = await startTestServer(t, { PHASE2_DELAY: '2m' });

  t.test('start step markup and images; polling from the click; waiting, TRY AGAIN, verified', async (t) => {
    const ref = await invite(server);
    const page = await openPage(browser, t);
    const seen = watch(page);
    await shopPage(page, server, ref, '{ pollIntervalMs: 100 }');
    const inviteUrl = `${server.sim.publicUrl}/sign-up/track-id/${ref}`;

    const wrapper = page.locator('#kyc > #step-wrapper');
    t.equal(await wrapper.getAttribute('class'), 'verifime-widget-wrapper verifime-widget-verticial-center verifime-widget-radius', 'V1 wrapper');
    t.equal(await wrapper.locator('> span.verifime-widget-text-caption').textContent(), 'Begin verification by clicking the button or scanning the code shown below');
    const qr = wrapper.locator('> div.verifime-widget-body.verifime-widget-verticial-center > img');
    t.equal(await qr.getAttribute('src'), `${server.sim.publicUrl}/qr?url=${encodeURIComponent(inviteUrl)}`, 'the QR code encodes inviteUrl');
    t.same([await qr.getAttribute('width'), await qr.getAttribute('height')], ['100%', '100%']);
    const footer = wrapper.locator('> div.verifime-widget-verticial-center.verifime-widget-fullwidth.verifime-widget-gap-small');
    const button = footer.locator(`> a${START}`);
    t.equal(await button.getAttribute('href'), inviteUrl, 'the button links to inviteUrl');
    t.equal(await button.getAttribute('target'), '_blank', 'in a new tab');
    t.match(await button.getAttribute('class'), /\bverifime-widget-button-main\b/);
    t.equal(await button.locator('> span').textContent(), 'Verify with');
    const logo = button.locator('> img');
    t.same([await logo.getAttribute('src'), await logo.getAttribute('height'), await logo.getAttribute('width')], [`${server.sim.publicUrl}/assets/logo.svg`, '25', 'auto']);
    t.equal(await footer.locator('> a.verifime-widget-color-secondary.verifime-widget-text-center').textContent(), 'Provided by VerifiMe | www.verifime.com');
    t.ok(await loaded(page, '#kyc .verifime-widget-body img'), 'the QR image loads');
    t.ok(await loaded(page, `${START} img`), 'the logo loads');
    t.equal(await page.locator('#kyc').evaluate((el) => el.shadowRoot), null, 'no Shadow DOM');
    t.equal(await page.locator('head > style#verifime-widget-style').count(), 1, 'a global stylesheet in <head>');
    t.equal(await wrapper.evaluate((el) => getComputedStyle(el).borderTopColor), 'rgb(95, 72, 251)', 'theme colour #5f48fb');
    t.ok(seen.consoleLogs.includes('Welcome to use Verifyme Widget'), 'V1 greets on the console');
    await screenshot(page, 'verifime-widget-1-start');
    await page.waitForTimeout(400);
    t.equal(seen.polls.length, 0, 'no polling before the click (or autoStartMs)');

    // The click opens the portal (the session turns Active) and starts polling.
    const [portal] = await Promise.all([page.context().waitForEvent('page'), button.click()]);
    await portal.waitForLoadState();
    await page.locator(TRY_AGAIN).waitFor();
    t.ok(seen.polls.length > 0, 'polling started on the click');
    t.equal(await page.locator(TRY_AGAIN).textContent(), 'TRY AGAIN');
    t.equal(await page.locator('#kyc .verifime-widget-body .verifime-widget-spiner').count(), 1, 'the spinner');
    t.equal(await page.locator('#kyc .verifime-widget-text-bold').textContent(), 'Verifying with VerifiMe');
    t.equal(await page.locator('#kyc #step-wrapper').count(), 1, 'the step replaced the start step');
    await screenshot(page, 'verifime-widget-2-waiting');

    await page.locator(TRY_AGAIN).click();
    await page.locator(START).waitFor();
    const afterTryAgain = seen.polls.length;
    await page.waitForTimeout(400);
    t.equal(seen.polls.length, afterTryAgain, 'TRY AGAIN stops polling and shows the start step');

    const [again] = await Promise.all([page.context().waitForEvent('page'), page.locator(START).click()]);
    await page.locator(TRY_AGAIN).waitFor();
    await server.call('POST', `/__admin/sessions/${ref}/complete`, {});
    const verified = page.locator('#kyc span.verifime-widget-text-bold.verifime-widget-color-verified.verifime-widget-text-center');
    await verified.waitFor();
    t.equal(await verified.textContent(), 'Successfully submitted for verification with VerifiMe');
    t.equal(await page.locator('#kyc .verifime-widget-body img').getAttribute('src'), `${server.sim.publicUrl}/assets/verified.svg`);
    t.ok(await loaded(page, '#kyc .verifime-widget-body img'), 'verified.svg loads');
    const afterSuccess = seen.polls.length;
    await page.waitForTimeout(400);
    const result = await calls(page);
    t.equal(result.success, 1, 'onSuccess exactly once');
    t.same(result.successArgs, [0], 'onSuccess() gets no argument');
    t.same(result.errors, [], 'no onError');
    t.equal(seen.polls.length, afterSuccess, 'polling stopped on Completed');
    await screenshot(page, 'verifime-widget-3-submitted');

    for (const name of ['logo.svg', 'verified.svg']) {
      t.match(seen.assets.filter((a) => a.url.endsWith(`/assets/${name}`)), [{ status: 200, type: /^image\/svg\+xml/ }], `${name}: 200 image/svg+xml`);
    }
    t.same(seen.consoleErrors, [], 'no console errors during a normal run');

    await page.evaluate(() => (window as any).widget.destroy());
    t.equal(await page.locator('#kyc').evaluate((el) => el.childNodes.length), 0, 'destroy() empties the container');
    await portal.close();
    await again.close();
  });

  t.test('polling starts by itself after autoStartMs; Completed from the start step', async (t) => {
    const ref = await invite(server);
    const page = await openPage(browser, t);
    const seen = watch(page);
    await shopPage(page, server, ref, '{ pollIntervalMs: 100, autoStartMs: 500 }');
    await page.waitForFunction(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/status')).length >= 2);
    const firstPollAfter = await page.evaluate(() => performance.getEntriesByType('resource').find((e) => e.name.includes('/status'))!.startTime - (window as any).createdAt);
    t.ok(firstPollAfter >= 590, `the first poll one interval after autoStartMs (${Math.round(firstPollAfter)} ms)`);
    t.ok(seen.polls.length >= 2, 'polling runs without a click');
    t.equal(await page.locator(START).count(), 1, 'Inactive keeps the start step');
    await server.call('POST', `/__admin/sessions/${ref}/complete`, {});
    await page.getByText('Successfully submitted for verification with VerifiMe').waitFor();
    t.equal((await calls(page)).success, 1);
    t.same(seen.consoleErrors, []);
  });

  t.test('a JSON error answer (unknown reference, 404) keeps polling without onError', async (t) => {
    const page = await openPage(browser, t);
    const statuses: number[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/status') && r.request().method() === 'GET') statuses.push(r.status());
    });
    await shopPage(page, server, '2f1a2a4e-93f4-4c7a-9d3b-0d6f5c2b8a11', '{ pollIntervalMs: 50, autoStartMs: 0 }');
    await page.waitForFunction(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/status')).length >= 5);
    t.ok(statuses.length >= 3 && statuses.every((s) => s === 404), 'the answers are 404s');
    t.same((await calls(page)).errors, [], 'no onError');
    t.equal(await page.locator(START).count(), 1, 'still the start step');
    await page.evaluate(() => (window as any).widget.destroy());
  });

  t.test('onError: network failure and a non-JSON answer; the error step', async (t) => {
    const port = await closedPort();
    const page = await openPage(browser, t);
    const seen = watch(page);
    const ref = await invite(server);
    await shopPage(page, server, ref, `{ pollIntervalMs: 50, autoStartMs: 0, baseUrl: 'http://127.0.0.1:${port}' }`);
    const error = page.locator('#kyc span.verifime-widget-text-bold.verifime-widget-color-error');
    await error.waitFor();
    t.equal(await error.textContent(), 'Something went wrong');
    t.equal(await page.locator('#kyc .verifime-widget-body img').getAttribute('src'), `http://127.0.0.1:${port}/assets/error.svg`);
    const pollsAtError = seen.polls.length;
    await page.waitForTimeout(300);
    const result = await calls(page);
    t.equal(result.errors.length, 1, 'onError once');
    t.match(result.errors[0], { code: 'NETWORK_ERROR', message: /Could not reach VerifiMe/ });
    t.equal(result.success, 0);
    t.equal(seen.polls.length, pollsAtError, 'polling stopped');
    t.ok(seen.consoleErrors.some((e) => /TypeError|Failed to fetch/.test(e)), 'the error is logged with console.error, as V1');

    // error.svg from kyc-sim itself.
    const errorSvg = await page.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      return img.naturalWidth;
    }, `${server.url}/assets/error.svg`);
    t.ok(errorSvg > 0, 'error.svg loads');
    await screenshot(page, 'verifime-widget-4-error');

    const htmlPage = await openPage(browser, t, page);
    await shopPage(htmlPage, server, ref, `{ pollIntervalMs: 50, autoStartMs: 0, baseUrl: '${shopOrigin()}/not-json' }`);
    await htmlPage.getByText('Something went wrong').waitFor();
    t.match((await calls(htmlPage)).errors, [{ code: 'INVALID_RESPONSE' }], 'a body that is not JSON: INVALID_RESPONSE');
  });

  t.test('timeoutMs > 0: POLLING_TIMEOUT', async (t) => {
    const ref = await invite(server);
    const page = await openPage(browser, t);
    await shopPage(page, server, ref, '{ pollIntervalMs: 50, autoStartMs: 0, timeoutMs: 300 }');
    await page.getByText('Something went wrong').waitFor();
    t.match((await calls(page)).errors, [{ code: 'POLLING_TIMEOUT' }]);
  });

  t.test('bad arguments: V1 console errors, nothing thrown, nothing rendered', async (t) => {
    const page = await openPage(browser, t);
    const seen = watch(page);
    await page.goto(
      shopAt(`<!doctype html><html><head><link rel="icon" href="data:,"></head><body><div id="kyc"></div>
<script src="${server.url}/widgets/verifime-widget.min.js"></script>
<script>
  var noRef = VerifimeWidget('#kyc', '', {});
  var noElement = VerifimeWidget('#nowhere', '2f1a2a4e-93f4-4c7a-9d3b-0d6f5c2b8a11', {});
  window.result = { noRef: typeof noRef, noElement: typeof noElement, destroy: noElement && typeof noElement.destroy };
  noElement.destroy();
</script></body></html>`),
    );
    t.same(await page.evaluate(() => (window as any).result), { noRef: 'undefined', noElement: 'object', destroy: 'function' });
    t.same(seen.consoleErrors, ['Please provide an tracking reference', 'Could not find the element by selector: #nowhere']);
    t.equal(await page.locator('#kyc').evaluate((el) => el.childNodes.length), 0, 'nothing rendered');
  });

  t.test('twice on one container: one widget, the first one stopped; destroy() stops polling', async (t) => {
    const first = await invite(server);
    const second = await invite(server);
    const page = await openPage(browser, t);
    const seen = watch(page);
    await shopPage(page, server, first, '{ pollIntervalMs: 50, autoStartMs: 0 }');
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/status')));
    await page.evaluate((ref) => {
      (window as any).firstWidget = (window as any).widget;
      (window as any).widget = (window as any).VerifimeWidget('#kyc', ref, { pollIntervalMs: 50 });
    }, second);
    const atReplace = seen.polls.length;
    await page.waitForTimeout(300);
    t.equal(await page.locator('#kyc #step-wrapper').count(), 1, 'one widget');
    t.equal(await page.locator(START).getAttribute('href'), `${server.sim.publicUrl}/sign-up/track-id/${second}`, 'the second one');
    t.ok(seen.polls.length <= atReplace + 1, 'the first widget stopped polling');
    await page.evaluate(() => (window as any).firstWidget.destroy());
    t.equal(await page.locator('#kyc #step-wrapper').count(), 1, "destroying the replaced widget leaves the new one alone");

    const quiet = await invite(server);
    const destroyPage = await openPage(browser, t, page);
    const watched = watch(destroyPage);
    await shopPage(destroyPage, server, quiet, '{ pollIntervalMs: 50, autoStartMs: 0 }');
    await destroyPage.waitForFunction(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/status')).length >= 2);
    await destroyPage.evaluate(() => (window as any).widget.destroy());
    const atDestroy = watched.polls.length;
    await server.call('POST', `/__admin/sessions/${quiet}/complete`, {});
    await destroyPage.waitForTimeout(300);
    t.ok(watched.polls.length <= atDestroy + 1, 'no polling after destroy()');
    t.equal((await calls(destroyPage)).success, 0, 'no callback after destroy()');
    t.equal(await destroyPage.locator('#kyc').evaluate((el) => el.childNodes.length), 0, 'the container is empty');
  });

  t.test("cspNonce: the stylesheet carries the nonce under a style-src 'nonce-…' policy", async (t) => {
    const ref = await invite(server);
    const page = await openPage(browser, t);
    const seen = watch(page);
    await shopPage(page, server, ref, "{ cspNonce: 'n0nce123' }", `<meta http-equiv="Content-Security-Policy" content="style-src 'nonce-n0nce123'">`);
    t.equal(await page.locator('#verifime-widget-style').evaluate((el: HTMLStyleElement) => el.nonce), 'n0nce123');
    t.equal(await page.locator('#step-wrapper').evaluate((el) => getComputedStyle(el).borderTopColor), 'rgb(95, 72, 251)', 'the CSS applies');
    t.same(seen.consoleErrors, [], 'no CSP violation');
    await page.evaluate(() => (window as any).widget.destroy());
  });

  t.test('the UMD build sets window.VerifimeWidget; the ESM build has a default export; assets and OpenAPI', async (t) => {
    const page = await openPage(browser, t);
    await page.goto(shopAt(`<!doctype html><html><head><link rel="icon" href="data:,"></head><body><script src="${server.url}/widgets/verifime-widget.min.js"></script></body></html>`));
    t.equal(await page.evaluate(() => typeof (window as any).VerifimeWidget), 'function', 'UMD: window.VerifimeWidget');

    const esmPage = await openPage(browser, t, page);
    await esmPage.goto(
      shopAt(`<!doctype html><html><head><link rel="icon" href="data:,"></head><body><div id="kyc"></div><script type="module">
import VerifimeWidget from '${server.url}/widgets/verifime-widget.esm.min.js';
const w = VerifimeWidget('#kyc', '2f1a2a4e-93f4-4c7a-9d3b-0d6f5c2b8a11', {});
window.esm = { type: typeof VerifimeWidget, global: typeof window.VerifimeWidget, rendered: !!document.querySelector('#verifime-wideget-start-button') };
w.destroy();
</script></body></html>`),
    );
    await esmPage.waitForFunction(() => (window as any).esm);
    t.same(await esmPage.evaluate(() => (window as any).esm), { type: 'function', global: 'undefined', rendered: true }, 'ESM: a default export (cross-origin), no global');

    for (const name of ['logo.svg', 'verified.svg', 'error.svg']) {
      const res = await fetch(`${server.url}/assets/${name}`, { headers: { origin: 'http://shop.example' } });
      t.equal(res.status, 200, name);
      t.match(res.headers.get('content-type'), /^image\/svg\+xml/);
      t.equal(res.headers.get('access-control-allow-origin'), '*');
      t.match(await res.text(), /^<svg /);
    }
    const doc = (await server.call('GET', '/documentation/json')).body as { paths: Record<string, unknown> };
    t.same(Object.keys(doc.paths).filter((p) => p.startsWith('/assets') || p.startsWith('/widgets')), [], 'the scripts and images are not in the OpenAPI document');
  });
}
