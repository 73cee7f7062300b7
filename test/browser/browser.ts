/**
 * Support for the browser tests: builds the pages (web/build.ts, ~0.1 s),
 * starts one local system per test file serving them (test/support/local-system.ts),
 * launches Debian's chromium through playwright-core (nothing is downloaded),
 * runs axe-core on a page, and saves screenshots (see SCREENSHOTS).
 *
 * Chromium flags as stack-notes.md found to work here; playwright's launch()
 * gives every browser a new, empty temporary profile (user-data dir) and
 * removes it on close. Contexts bypass the pages' CSP only so that axe can be
 * injected as an inline script tag; the pages' own code never needs that.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildWeb } from '../../web/build.js';
import { startTestSystem, type TestSystem, type TestSystemOptions } from '../support/local-system.js';
import { ROOT } from '../support/paths.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Screenshots go to test/artifacts/screenshots (ignored by git) on every run, so a
 * test run leaves the tree clean; `UPDATE_SCREENSHOTS=1 npm run test:browser`
 * refreshes the README's copies in docs/screenshots.
 */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'screenshots') : join(ROOT, 'test', 'artifacts', 'screenshots');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export const SIZES = {
  kiosk: { width: 1024, height: 768 },
  participant: { width: 360, height: 780 },
  adviser: { width: 1280, height: 860 },
  payroll: { width: 1280, height: 860 },
} as const;

export interface BrowserEnv {
  sys: TestSystem;
  browser: Browser;
  /** A new context (own storage) for a page at its target size. */
  newPage(size: keyof typeof SIZES): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** `system`: more options for the local system (e.g. a fixed clock for the handlers). */
export async function startBrowserEnv(system: Omit<TestSystemOptions, 'seed' | 'staticFiles'> = {}): Promise<BrowserEnv> {
  await buildWeb();
  const sys = await startTestSystem({ ...system, seed: true, staticFiles: true });
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
    });
  } catch (err) {
    await sys.stop();
    throw err;
  }
  return {
    sys,
    browser,
    newPage: async (size) => {
      const context = await browser.newContext({ viewport: SIZES[size], bypassCSP: true, acceptDownloads: true, locale: 'nb-NO', timezoneId: 'Europe/Oslo', baseURL: sys.baseUrl });
      const page = await context.newPage();
      return { context, page };
    },
    close: async () => {
      await browser.close().catch(() => undefined);
      await sys.stop();
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core on the page as it is now: the serious and critical violations (WCAG 2.1 A/AA and best practice). */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage, animations: 'disabled' });
}

/**
 * Signs in as a demo user the way a person does: the page's sign-in button
 * leads to the local OpenID Connect provider's own page (the demo user
 * picker), which sends the browser back to the page with a code (PKCE).
 * Resolves once the page is back and has left its sign-in step.
 */
export async function signInAs(page: Page, path: string, username: string): Promise<void> {
  await page.goto(path);
  await page.locator('#sign-in').click();
  await page.locator('#demo-user').waitFor();
  await page.locator('#demo-user').selectOption(username);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.waitForURL((url) => url.pathname === path && !url.searchParams.has('code'));
}
