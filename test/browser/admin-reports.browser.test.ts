/**
 * The admin page in a real browser against the local system: the demo
 * municipality's October-shaped month (decisions made by the engine from
 * golden cases for the demo participants, stored as the workflow stores
 * them), the two charts as inline SVG, the statistics table with hidden
 * cells shown as ":", the CSV downloads, and marking NIR records as
 * registered (they leave the due list); and the month's archive package
 * with its run released: made by a job, followed until ready, downloaded as
 * a ZIP through a logged link. axe on every step; a screenshot.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { DEMO_COMPLAINT_ADDRESS, DEMO_PARTICIPANTS } from '../../infra/local/seed.js';
import { addMonths } from '../../web/src/lib/format.js';
import { goldenCase, inMonth, seedDecision } from '../support/decision-seed.js';
import { releaseRun } from '../support/report-seed.js';
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
  // The run that paid them, released by two payroll users: its decisions go into the archive package.
  await releaseRun(env.sys.deps, `run-admin-${period}`, period, DEMO_PARTICIPANTS.map((p) => p.participantId));
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

test('the admin makes the month’s archive package, follows it until it is ready, and downloads the ZIP through a link', async () => {
  const { page } = await env.newPage('payroll');
  await signInAs(page, '/admin/', 'admin1');
  await page.locator('#archive-month').fill(period);
  await page.getByRole('button', { name: 'Lag arkivpakke' }).click();
  const download = page.getByRole('button', { name: 'Last ned arkivpakke (ZIP)' });
  await download.waitFor({ timeout: 120_000 });
  expect(await page.locator('section[aria-labelledby="archive-h"]').innerText()).toContain(`Klar: ${DEMO_PARTICIPANTS.length} vedtak`);
  expect(await seriousViolations(page)).toEqual([]);
  const [zip] = await Promise.all([page.waitForEvent('download'), download.click()]);
  expect(zip.suggestedFilename()).toMatch(new RegExp(`^archive-5001-${period}-\\d+\\.zip$`));
  const names = execFileSync('unzip', ['-Z1', (await zip.path())!], { encoding: 'utf8' }).split('\n').filter((n) => n !== '');
  expect(names).toContain('manifest.json');
  expect(names.filter((n) => n.endsWith('/explanation-nb.pdf'))).toHaveLength(DEMO_PARTICIPANTS.length);
}, 180_000);

test('the admin sets the address for complaints in the settings form; the other settings stay as they were; axe clean', async () => {
  const token = await env.sys.tokenFor('admin1');
  const before = (await env.sys.http('GET', '/municipality/policy', { token })).body!;
  expect(before.complaintAddress).toBe(DEMO_COMPLAINT_ADDRESS);
  const { context, page } = await env.newPage('payroll');
  await signInAs(page, '/admin/', 'admin1');
  const field = page.getByLabel('Adresse for klager');
  await field.waitFor();
  expect(await field.inputValue()).toBe(DEMO_COMPLAINT_ADDRESS);
  await field.fill('Demo kommune, Introsenteret, Postboks 2, 7001 Demoby');
  // The page draws itself anew when the reports arrive: what the admin typed survives it.
  await page.getByRole('button', { name: 'Vis', exact: true }).click();
  await page.locator('section[aria-labelledby="policy-h"]').waitFor();
  expect(await page.getByLabel('Adresse for klager').inputValue()).toBe('Demo kommune, Introsenteret, Postboks 2, 7001 Demoby');
  await page.locator('form.policy').getByRole('button', { name: 'Lagre' }).click();
  await page.locator('p.ok', { hasText: 'Lagret.' }).waitFor();
  const after = (await env.sys.http('GET', '/municipality/policy', { token })).body!;
  expect(after).toMatchObject({ version: (before.version as number) + 1, complaintAddress: 'Demo kommune, Introsenteret, Postboks 2, 7001 Demoby', benefit: before.benefit, attendance: before.attendance, payroll: before.payroll });
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'admin-2-settings', true);
  // Put back, so the other tests read the demo address.
  await field.fill(DEMO_COMPLAINT_ADDRESS);
  await page.locator('form.policy').getByRole('button', { name: 'Lagre' }).click();
  let restored: Record<string, unknown> | undefined;
  for (let i = 0; i < 50 && restored?.version !== (before.version as number) + 2; i++) {
    restored = (await env.sys.http('GET', '/municipality/policy', { token })).body;
    if (restored?.version !== (before.version as number) + 2) await page.waitForTimeout(100);
  }
  expect(restored).toMatchObject({ complaintAddress: DEMO_COMPLAINT_ADDRESS });
  await context.close();
});
