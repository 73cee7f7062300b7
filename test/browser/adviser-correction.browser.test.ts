/**
 * An adviser approves a document that changes a decision, end to end on the
 * local system with the handlers' clock fixed: October is computed by the
 * payroll workflow and released (the day of the pending doctor's note
 * withheld); the adviser approves the note on the adviser page; November's
 * run recomputes the released October into version 2 with the difference
 * paid back; the adviser page then shows October at version 2 with the
 * higher payout and the correction in its explanation.
 */
import type { Page } from 'playwright-core';
import { DEMO_PARTICIPANTS } from '../../infra/local/seed.js';
import { screenshot, seriousViolations, signInAs, startBrowserEnv, type BrowserEnv } from './browser.js';

let env: BrowserEnv;
beforeAll(async () => {
  env = await startBrowserEnv({ clock: '2026-11-02T09:00:00Z' });
});
afterAll(async () => {
  await env?.close();
});

const p4 = DEMO_PARTICIPANTS[3]!; // a doctor's note pending, assigned to adviser2

/** Runs a month through the workflow and releases it: formal decisions recorded by the advisers, two payroll approvals. */
async function runAndRelease(period: string): Promise<{ runId: string; totals: { backPaymentOre: number } }> {
  const pay1 = await env.sys.tokenFor('payroll1');
  const started = await env.sys.http('POST', '/payroll-runs', { token: pay1, body: { period } });
  expect(started.status).toBe(202);
  const runId = started.body!.runId as string;
  let status = '';
  for (let i = 0; i < 240 && status !== 'AWAITING_APPROVAL'; i++) {
    status = (await env.sys.http('GET', `/payroll-runs/${runId}`, { token: pay1 })).body!.status as string;
    expect(status).not.toBe('FAILED');
    if (status !== 'AWAITING_APPROVAL') await new Promise((r) => setTimeout(r, 250));
  }
  expect(status).toBe('AWAITING_APPROVAL');
  for (const adviser of ['adviser1', 'adviser2']) {
    const token = await env.sys.tokenFor(adviser);
    const reviews = (await env.sys.http('GET', '/reviews', { token, query: { status: 'UNRESOLVED' } })).body as { reviews: { participantId: string; period: string; version: number }[] };
    for (const r of reviews.reviews) {
      const put = await env.sys.http('PUT', `/decisions/${r.participantId}/${r.period}/resolution`, { token, body: { kind: 'FORMAL_DECISION', version: r.version, vedtakReference: '2026/88-1', advanceNoticeDate: '2026-10-20' } });
      expect(put.status).toBeLessThan(300);
    }
  }
  for (const who of ['payroll1', 'payroll2']) expect((await env.sys.http('POST', `/payroll-runs/${runId}/approvals`, { token: await env.sys.tokenFor(who) })).status).toBe(201);
  const run = (await env.sys.http('GET', `/payroll-runs/${runId}`, { token: pay1 })).body as { status: string; totals: { backPaymentOre: number } };
  expect(run.status).toBe('RELEASED');
  return { runId, totals: run.totals };
}

async function octoberRow(page: Page): Promise<{ version: string; payout: string }> {
  await page.locator(`[data-participant="${p4.participantId}"]`).click();
  const row = page.locator('tr[data-period="2026-10"]');
  await row.waitFor();
  const cells = await row.locator('td').allInnerTexts();
  return { version: cells[1]!, payout: cells[2]! };
}

test('approving a pending doctor’s note on the adviser page turns released October into version 2 with the withheld amount paid back', async () => {
  await runAndRelease('2026-10');

  const { context, page } = await env.newPage('adviser');
  await signInAs(page, '/adviser/', 'adviser2');
  await page.locator('table.participants').waitFor();
  const before = await octoberRow(page);
  expect(before.version).toBe('1');

  await page.locator('[data-tab="documents"]').click();
  const item = page.locator('section[data-absence]', { hasText: p4.givenName }).filter({ hasText: 'legeerklæring' });
  await item.first().waitFor();
  await item.first().getByLabel(/Legeerklæring mottatt/).check();
  await item.first().locator('[data-do="approve"]').click();
  await page.locator('p.ok', { hasText: 'er godkjent av deg' }).waitFor();

  // November's run recomputes the released October (the late document) and pays the difference.
  env.sys.clock!.set('2026-12-01T09:00:00Z');
  const nov = await runAndRelease('2026-11');
  expect(nov.totals.backPaymentOre).toBeGreaterThan(0);

  await page.locator('[data-tab="participants"]').click();
  await page.locator('table.participants').waitFor();
  const after = await octoberRow(page);
  expect(after.version).toBe('2');
  const ore = (s: string): number => Number(s.replace(/[^\d,]/g, '').replace(',', ''));
  expect(ore(after.payout) - ore(before.payout)).toBe(nov.totals.backPaymentOre);

  await page.locator('tr[data-period="2026-10"]').getByRole('button', { name: 'Forklaring' }).click();
  await page.locator('.explanation .summary').waitFor();
  // The correction names the decision it supersedes (explanations.md "Correction explanations"), in the details layer.
  expect(await page.locator('.explanation details[data-layer="details"]').textContent()).toContain(`${p4.participantId}.2026-10.v0001`);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'adviser-6-correction', true);
  await context.close();
});
