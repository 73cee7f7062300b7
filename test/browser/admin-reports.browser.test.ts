/**
 * The admin page in a real browser against the local system: the demo
 * municipality's October-shaped month (decisions made by the engine from
 * golden cases for the demo participants, stored as the workflow stores
 * them), the two charts as inline SVG, the statistics table with hidden
 * cells shown as ":", the CSV downloads, and marking NIR records as
 * registered (they leave the due list). axe on every step; a screenshot.
 */
import { readFileSync } from 'node:fs';
import { DEMO_PARTICIPANTS } from '../../infra/local/seed.js';
import { addMonths } from '../../web/src/lib/format.js';
import { goldenCase, inMonth, seedDecision } from '../support/decision-seed.js';
import { screenshot, seriousViolations, signInAs, startBrowserEnv, type BrowserEnv } from './browser.js';

let env: BrowserEnv;
const thisMonth = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
const period = addMonths(thisMonth, -1);
const GOLDEN = ['g01-full-attendance', 'g02-unexcused-half-day', 'g03-self-cert-within-quota', 'g08-child-illness', 'g10-deductions-exceed-base', 'g12-daily-deduction-unit', 'g09-pending-self-cert'];

beforeAll(async () => {
  env = await startBrowserEnv();
  for (const [i, p] of DEMO_PARTICIPANTS.entries()) {
    const c = inMonth(goldenCase(GOLDEN[i % GOLDEN.length]!, p.participantId), period, `${thisMonth}-02`);
    await seedDecision(env.sys.deps, c, { runId: `run-admin-${period}` });
  }
});
afterAll(async () => {
  await env?.close();
});

test('the admin sees the month’s statistics as charts and a table, downloads them, and marks NIR records as registered', async () => {
  const { page } = await env.newPage('payroll');
  await signInAs(page, '/admin/', 'admin1');
  await page.locator('#from').fill(period);
  await page.locator('#to').fill(period);
  await page.getByRole('button', { name: 'Vis' }).click();
  await page.locator('svg.chart').first().waitFor();
  expect(await page.locator('svg.chart').count()).toBe(2);
  expect(await page.locator('svg.chart rect.rate').count()).toBe(1);
  const table = await page.locator('table.stats').innerText();
  expect(table).toContain(String(DEMO_PARTICIPANTS.length));
  for (const p of DEMO_PARTICIPANTS) for (const m of [p.participantId, p.givenName, p.familyName, p.nationalId]) expect(table).not.toContain(m);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'admin-1-statistics', true);

  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Last ned statistikk (CSV)' }).click()]);
  const csv = readFileSync((await file.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toMatch(/^month,participants,attendance_rate_percent,/);
  expect(csv).toContain(`${period},${DEMO_PARTICIPANTS.length},`);

  const [nir] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Last ned NIR-fil (CSV)' }).click()]);
  expect(readFileSync((await nir.path())!, 'utf8').split('\r\n').filter((l) => l.startsWith('ABSENCE,'))).toHaveLength(DEMO_PARTICIPANTS.length);

  const first = page.locator('table.due tbody tr').first();
  const key = (await first.getAttribute('data-key'))!;
  const before = await page.locator('table.due tbody tr').count();
  await first.locator('input[type=checkbox]').check();
  await page.getByRole('button', { name: 'Marker som registrert' }).click();
  await page.getByRole('status').waitFor();
  expect(await page.locator('table.due tbody tr').count()).toBe(before - 1);
  expect(await page.locator(`table.due tbody tr[data-key="${key}"]`).count()).toBe(0);
  expect(await seriousViolations(page)).toEqual([]);
});
