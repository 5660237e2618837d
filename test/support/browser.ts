// Headless Chromium (Debian's package) driven by playwright-core, one browser per test
// file. Without Chromium the file plans nothing and says why, in one line.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Test } from 'tap';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// The flags known to work here: no sandbox as root, and no background networking, which
// this machine's closed network would refuse (reference/stack-notes.md §6, env notes).
// playwright-core adds --headless and a fresh temporary --user-data-dir itself.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The browser for this file, closed at teardown; undefined (and t.plan(0, why)) without Chromium. */
export async function launchBrowser(t: Test): Promise<Browser | undefined> {
  if (!existsSync(CHROMIUM)) {
    t.plan(0, `chromium not installed (${CHROMIUM}): apt-get install chromium`);
    return undefined;
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true, timeout: 15_000 });
  t.teardown(() => browser.close());
  return browser;
}

/**
 * A page in a fresh context (or, with `sibling`, another tab in that page's context);
 * uncaught errors in the page fail the test. Network failures a test provokes on purpose
 * show up as console errors and are not counted.
 */
export async function openPage(browser: Browser, t: Test, sibling?: Page): Promise<Page> {
  let context = sibling?.context();
  if (!context) {
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    fresh.setDefaultTimeout(5000);
    // The first load of a page in a fresh checkout transpiles its browser modules (loading the
    // TypeScript compiler) while other test processes compete for the CPU.
    fresh.setDefaultNavigationTimeout(30_000);
    t.teardown(() => fresh.close());
    context = fresh;
  }
  const page = await context.newPage();
  page.on('pageerror', (error) => t.fail(`uncaught error in the page: ${error.message}`));
  return page;
}

/** Full-page screenshot into $KYC_SIM_SCREENSHOTS (when set) as <name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.KYC_SIM_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
