/**
 * Payroll in a real browser against the running local system (the real
 * handlers and the payroll workflow's ASL in the local runner): start the
 * month's run and watch it progress to AWAITING_APPROVAL, the summary per
 * review class adds up to the totals, drill down to the decisions (ids and
 * amounts only), release blocked while a formal decision is awaited, two
 * different payroll users approve (the first sees that a second is needed,
 * and cannot approve twice), the release starts the export job whose
 * progress the page follows, then the file downloads through a short-lived
 * link; axe; screenshots.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { DEMO_PARTICIPANTS, DEMO_USERS } from '../../infra/local/seed.js';
import { addMonths } from '../../web/src/lib/format.js';
import { screenshot, seriousViolations, signInAs, startBrowserEnv, type BrowserEnv } from './browser.js';

let env: BrowserEnv;
const nameOf = (username: string): string => DEMO_USERS.find((u) => u.username === username)!.displayName!;
beforeAll(async () => {
  env = await startBrowserEnv();
});
afterAll(async () => {
  await env?.close();
});

/** This month in Europe/Oslo: not ended, so it cannot be run yet. */
const thisMonth = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
/** Last month: ended, and the demo history covers all of it. */
const period = addMonths(thisMonth, -1);
const nextMonthFirst = `${addMonths(thisMonth, 1)}-01`;

async function openRun(page: Page, runId: string): Promise<void> {
  await page.locator(`tr[data-run="${runId}"]`).getByRole('button').click();
  await page.locator('[data-run-status]').waitFor();
}

test('two payroll users release a run and download its export', async () => {
  const first = await env.newPage('payroll');
  const page = first.page;
  await signInAs(page, '/payroll/', 'payroll1');
  await page.locator('#period').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.locator('#period').fill(period);
  await page.locator('#start-run').click();

  // Live progress: the page polls until the workflow has summarised the run.
  await page.locator('[data-run-status]').waitFor();
  await page.locator('[data-run-status="AWAITING_APPROVAL"]').waitFor({ timeout: 120_000 });
  expect(await page.locator('#run-progress').getAttribute('data-percent')).toBe('100');
  // No run id in the heading: the run is found by its month.
  expect(await page.locator('h2').first().innerText()).toMatch(/^Lønnskjøring for \S+ \d{4}$/);
  const runs = (await env.sys.http('GET', '/payroll-runs', { token: await env.sys.tokenFor('payroll1') })).body as { runs: { runId: string; period: string }[] };
  const runId = runs.runs.find((r) => r.period === period)!.runId;

  // The summary per review class adds up to the totals row.
  const rows = await page.locator('table.summary tbody tr').evaluateAll((trs) => trs.map((tr) => ({ cls: tr.getAttribute('data-class'), count: Number(tr.children[1]!.textContent) })));
  expect(rows.map((r) => r.cls)).toEqual(['AUTOMATIC', 'REVIEW', 'VEDTAK_REQUIRED']);
  expect(rows.reduce((s, r) => s + r.count, 0)).toBe(DEMO_PARTICIPANTS.length);
  // The demo history looks like a real centre's (check-ins from the programme's start): most of the month is decided automatically.
  expect(rows.find((r) => r.cls === 'AUTOMATIC')!.count).toBeGreaterThanOrEqual(DEMO_PARTICIPANTS.length / 2);
  const token1 = await env.sys.tokenFor('payroll1');
  const run = (await env.sys.http('GET', `/payroll-runs/${runId}`, { token: token1 })).body as { totals: { payoutOre: number } };
  expect(Number(await page.locator('[data-total-payout]').getAttribute('data-total-payout'))).toBe(run.totals.payoutOre);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'payroll-1-run-summary', true);

  // Drill-down: decision ids and amounts, no names or national ids.
  await page.locator('#drill').click();
  await page.locator('table.drill tbody tr').first().waitFor();
  expect(await page.locator('table.drill tbody tr').count()).toBe(DEMO_PARTICIPANTS.length);
  const drillText = await page.locator('table.drill').innerText();
  for (const p of DEMO_PARTICIPANTS) for (const m of [p.givenName, p.familyName, p.nationalId, p.cardNumber]) expect(drillText).not.toContain(m);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'payroll-2-drill-down', true);

  // Formal decisions awaited block the release; the advisers record them.
  const blocked = await page.locator('[data-blocked]').count();
  if (blocked > 0) {
    for (const adviser of ['adviser1', 'adviser2']) {
      const token = await env.sys.tokenFor(adviser);
      const reviews = (await env.sys.http('GET', '/reviews', { token, query: { status: 'UNRESOLVED' } })).body as { reviews: { participantId: string; period: string; version: number }[] };
      for (const r of reviews.reviews) {
        const put = await env.sys.http('PUT', `/decisions/${r.participantId}/${r.period}/resolution`, { token, body: { kind: 'FORMAL_DECISION', version: r.version, vedtakReference: '2026/77-1', advanceNoticeDate: `${period}-02` } });
        expect(put.status).toBeLessThan(300);
      }
    }
    await page.reload();
    await openRun(page, runId);
  }
  expect(await page.locator('[data-blocked]').count()).toBe(0);

  // First approval: the page says a second, different approver is needed; approving again does not count.
  await page.locator('#approve').click();
  // Confirmation first, with the amount; nothing is approved before it.
  await page.locator('[data-confirm-amount]').waitFor();
  expect(Number(await page.locator('[data-confirm-amount]').getAttribute('data-confirm-amount'))).toBeGreaterThan(0);
  expect(await page.locator('[data-confirm-amount]').innerText()).toMatch(/kr/);
  await page.locator('#confirm-approve').click();
  await page.locator('[data-needs-second]').waitFor();
  expect(await page.locator('ul.approvals li').count()).toBe(1);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'payroll-3-first-approval', true);
  // After one's own approval there is no Godkjenn to press again; the approval is named as yours.
  await page.locator('[data-approved-by-you]').waitFor();
  expect(await page.locator('#approve').count()).toBe(0);
  // By the name the municipality gives them in its staff directory, marked as the viewer's own.
  expect(await page.locator('ul.approvals li').innerText()).toMatch(new RegExp(`^${nameOf('payroll1')} \\(deg\\) · `));
  expect(await page.locator('ul.approvals li').count()).toBe(1);

  // The second payroll user, in another browser context, releases it.
  const second = await env.newPage('payroll');
  await signInAs(second.page, '/payroll/', 'payroll2');
  await second.page.locator(`tr[data-run="${runId}"]`).waitFor();
  await openRun(second.page, runId);
  await second.page.locator('#approve').click();
  expect(await second.page.locator('[data-confirm-amount]').innerText()).toMatch(/blir kjøringen frigitt: .+\skr\sutbetales/);
  await second.page.locator('#confirm-approve').click();
  await second.page.locator('[data-released="true"]').waitFor();
  // The second approver sees the first by name, and themselves marked.
  const approvers = await second.page.locator('ul.approvals li').allInnerTexts();
  expect(approvers.map((a) => a.split(' · ')[0])).toEqual([nameOf('payroll1'), `${nameOf('payroll2')} (deg)`]);
  expect(await second.page.locator('[data-run-status]').getAttribute('data-run-status')).toBe('RELEASED');

  // The release started the export job: the page follows it until the file is ready.
  await second.page.locator('[data-export-status="READY"]').waitFor({ timeout: 120_000 });
  expect(await second.page.locator('#export-progress').getAttribute('data-percent')).toBe('100');
  const [download] = await Promise.all([second.page.waitForEvent('download'), second.page.locator('#export').click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines.length).toBe(DEMO_PARTICIPANTS.length + 1);
  for (const p of DEMO_PARTICIPANTS) for (const m of [p.givenName, p.familyName, p.nationalId]) expect(csv).not.toContain(m);
  expect(await seriousViolations(second.page)).toEqual([]);
  await screenshot(second.page, 'payroll-4-released', true);
  await second.context.close();
  await first.context.close();
});

test('a month that has not ended cannot be started: the page says when it can, and so does the API behind it', async () => {
  const token = await env.sys.tokenFor('payroll1');
  const runsBefore = ((await env.sys.http('GET', '/payroll-runs', { token })).body as { runs: unknown[] }).runs.length;

  const { context, page } = await env.newPage('payroll');
  await signInAs(page, '/payroll/', 'payroll1');
  await page.locator('#period').fill(thisMonth);
  // Refused on the page itself: no request is sent.
  const posts: string[] = [];
  page.on('request', (r) => void (r.method() === 'POST' && posts.push(r.url())));
  await page.locator('#start-run').click();
  const refusal = page.locator('p.error[role="alert"]');
  await refusal.waitFor();
  expect(await refusal.innerText()).toMatch(/^Måneden .+ er ikke over ennå\. .*kjøringen kan startes fra 1\. \S+ \d{4}\.$/);
  expect(posts).toEqual([]);
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();

  // A device whose clock is already in the next month: the page asks, the server's clock refuses (409 MONTH_NOT_ENDED).
  const ahead = await env.newPage('payroll');
  await ahead.context.clock.setFixedTime(new Date(`${nextMonthFirst}T12:00:00Z`));
  await signInAs(ahead.page, '/payroll/', 'payroll1');
  await ahead.page.getByRole('button', { name: 'English' }).click();
  await ahead.page.locator('#period').fill(thisMonth);
  const [refused] = await Promise.all([
    ahead.page.waitForResponse((r) => r.url().endsWith('/payroll-runs') && r.request().method() === 'POST'),
    ahead.page.locator('#start-run').click(),
  ]);
  expect([refused.status(), ((await refused.json()) as { code: string }).code]).toEqual([409, 'MONTH_NOT_ENDED']);
  await ahead.page.locator('p.error[role="alert"]').waitFor();
  expect(await ahead.page.locator('p.error[role="alert"]').innerText()).toMatch(/^The month .+ has not ended yet\. .*its run can start on 1 \S+ \d{4}\.$/);
  await ahead.context.close();

  expect(((await env.sys.http('GET', '/payroll-runs', { token })).body as { runs: unknown[] }).runs).toHaveLength(runsBefore);
});
