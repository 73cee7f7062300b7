/**
 * The adviser's desk in a real browser against the running local system:
 * only assigned participants; a participant's month and decisions; the
 * document queue, where approving a pending doctor's note turns the day from
 * withheld to excused; what-if on a month's case (the same approval on the
 * stored decision's case pays the withheld amount back); the formal-decision
 * queue with a recorded enkeltvedtak; a REVIEW decision looked at and marked
 * as seen; axe on every view; screenshots.
 */
import type { Page } from 'playwright-core';
import { DEMO_PARTICIPANTS } from '../../infra/local/seed.js';
import { goldenCase, inMonth, seedDecision } from '../support/decision-seed.js';
import { screenshot, seriousViolations, signInAs, startBrowserEnv, type BrowserEnv } from './browser.js';

let env: BrowserEnv;
beforeAll(async () => {
  env = await startBrowserEnv();
});
afterAll(async () => {
  await env?.close();
});

const adviser = 'adviser2';
const mine = DEMO_PARTICIPANTS.filter((p) => p.adviser === adviser);
const notMine = DEMO_PARTICIPANTS.filter((p) => p.adviser !== adviser);
const p4 = DEMO_PARTICIPANTS[3]!; // a doctor's note pending this month
const p5 = DEMO_PARTICIPANTS[4]!;

/** Steps the participant's calendar back until it shows `date`'s month. */
async function showMonthOf(page: Page, date: string): Promise<void> {
  for (let i = 0; i < 3 && (await page.locator(`.calendar .day[data-date="${date}"]`).count()) === 0; i++) {
    const shown = (await page.locator('.calendar .day[data-date]').first().getAttribute('data-date'))!.slice(0, 7);
    const [y, m] = shown.split('-').map(Number);
    const prev = new Date(Date.UTC(y!, m! - 2, 1)).toISOString().slice(0, 7);
    await page.getByRole('button', { name: 'Forrige måned' }).click();
    await page.locator(`.calendar .day[data-date^="${prev}"]`).first().waitFor();
  }
}

async function tab(page: Page, name: string): Promise<void> {
  await page.locator(`[data-tab="${name}"]`).click();
}

test('only assigned participants; a participant’s month shows the pending document as withheld, approving it in the queue makes it excused', async () => {
  const { context, page } = await env.newPage('adviser');
  await signInAs(page, '/adviser/', adviser);
  await page.locator('table.participants').waitFor();
  const listed = await page.locator('table.participants').innerText();
  for (const p of mine) expect(listed).toContain(p.givenName);
  for (const p of notMine) expect(listed).not.toContain(p.givenName);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'adviser-1-participants');

  // p4's month: the day of the pending doctor's note (a few days back, perhaps last month) is withheld.
  const queue = (await env.sys.http('GET', '/absences', { token: await env.sys.tokenFor(adviser), query: { status: 'PENDING' } })).body as { items: { participantId: string; date: string; documentation: string }[] };
  const pendingDay = queue.items.find((a) => a.participantId === p4.participantId && a.documentation === 'DOCTOR_NOTE')!.date;
  await page.locator(`[data-participant="${p4.participantId}"]`).click();
  await page.locator('.calendar').waitFor();
  await showMonthOf(page, pendingDay);
  expect(await page.locator(`.calendar .day[data-date="${pendingDay}"]`).getAttribute('data-status')).toBe('WITHHELD');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'adviser-2-participant-month');

  await tab(page, 'documents');
  const item = page.locator('section[data-absence]', { hasText: p4.givenName });
  await item.first().waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'adviser-3-documents');
  const absenceId = await item.first().getAttribute('data-absence');
  expect(await item.first().getByLabel(/Legeerklæring mottatt/).isChecked()).toBe(false);
  await item.first().getByLabel(/Legeerklæring mottatt/).check();
  await item.first().locator('[data-do="approve"]').click();
  await page.locator('p.ok', { hasText: 'er godkjent av deg' }).waitFor();
  expect(await page.locator(`section[data-absence="${absenceId}"]`).count()).toBe(0);

  await tab(page, 'participants');
  await page.locator(`[data-participant="${p4.participantId}"]`).click();
  await page.locator('.calendar').waitFor();
  await showMonthOf(page, pendingDay);
  expect(await page.locator(`.calendar .day[data-date="${pendingDay}"]`).getAttribute('data-status')).toBe('EXCUSED');

  const text = await page.locator('body').innerText();
  for (const p of notMine) for (const m of [p.givenName, p.nationalId, p.participantId]) expect(text).not.toContain(m);
  await context.close();
});

test('a decided month reads the API’s shapes: the decision’s calendar (not “Foreløpig”), and what-if on it approves the pending self-certification and shows the difference', async () => {
  const input = goldenCase('g09-pending-self-cert', p4.participantId);
  const stored = await seedDecision(env.sys.deps, input, { runId: 'run-browser-adviser' });
  const before = stored.decision;

  const { context, page } = await env.newPage('adviser');
  await signInAs(page, '/adviser/', adviser);
  // The list reads {participants}, {items} and {reviews}: each row says what waits for the participant.
  const row = page.locator(`tr[data-row="${p4.participantId}"]`);
  await row.waitFor();
  const queue = (await env.sys.http('GET', '/absences', { token: await env.sys.tokenFor(adviser), query: { status: 'PENDING' } })).body as { items: { participantId: string }[] };
  expect(Number(await row.locator('[data-waiting]').getAttribute('data-waiting'))).toBe(queue.items.filter((a) => a.participantId === p4.participantId).length);
  // The seeded decision is REVIEW (a withheld day): the row says so in words.
  expect(await row.innerText()).toMatch(/til gjennomsyn/i);
  await page.locator(`[data-participant="${p4.participantId}"]`).click();
  await page.locator('.calendar').waitFor();
  await showMonthOf(page, '2026-10-15');
  await page.locator('tr[data-period="2026-10"]').waitFor();
  // The decided month's calendar comes from GET /participants/{id}/decisions/{period} (a guess at `calendar` on the list row never found one).
  await page.locator('figcaption', { hasText: 'Fra vedtaket for måneden.' }).waitFor();
  expect(await page.locator('figcaption').innerText()).not.toContain('Foreløpig');
  expect(await page.locator('tr[data-period="2026-10"] [data-class]').innerText()).not.toMatch(/[A-Z_]{6,}/);

  // Every document the case has waiting, approved.
  const pending = page.locator('[data-change="approve"] input[data-pending]');
  expect(await pending.count()).toBe((input.absences ?? []).filter((a) => a.status === 'PENDING').length);
  for (let i = 0; i < (await pending.count()); i++) await page.locator('[data-change="approve"] input[data-pending]').nth(i).check();
  await page.locator('#whatif-run').click();
  await page.locator('[data-sim-payout]').waitFor();
  const after = Number(await page.locator('[data-sim-payout]').getAttribute('data-sim-payout'));
  expect(before.payoutOre).toBe(2_054_387);
  expect(after).toBe(before.baseOre);
  expect(Number(await page.locator('[data-difference]').getAttribute('data-difference'))).toBe(221_430);
  expect(await page.locator('[data-difference]').innerText()).toMatch(/^\+/);
  expect(await page.locator('.whatif .explanation .summary').count()).toBe(1);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'adviser-4-what-if', true);

  // A day changed to a full day present: the form adds it to the list of changes; removing it empties the list again.
  await page.locator('#wi-hours').fill('7.5');
  await page.locator('[data-change="day"] button[type="submit"]').click();
  expect(await page.locator('ul.changes li').count()).toBe(await pending.count() + 1);
  await page.locator('ul.changes li').last().getByRole('button', { name: 'Fjern' }).click();
  expect(await page.locator('ul.changes li').count()).toBe(await pending.count());
  await context.close();
});

test('the formal-decision queue: a VEDTAK_REQUIRED decision gets its enkeltvedtak reference recorded', async () => {
  await seedDecision(env.sys.deps, goldenCase('g10-deductions-exceed-base', p5.participantId), { runId: 'run-browser-adviser' });
  const { context, page } = await env.newPage('adviser');
  await signInAs(page, '/adviser/', adviser);
  await tab(page, 'reviews');
  const form = page.locator(`form[data-review="${p5.participantId}/2026-10"]`);
  await form.waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'adviser-5-reviews');
  await form.getByLabel('Saksnummer for vedtaket').fill('2026/1234-5');
  await form.getByLabel('Dato for forhåndsvarsel').fill('2026-11-03');
  await form.getByRole('button', { name: 'Registrer enkeltvedtak' }).click();
  await page.locator(`[data-review="${p5.participantId}/2026-10"][data-resolved="true"]`).waitFor();
  const token = await env.sys.tokenFor(adviser);
  const reviews = (await env.sys.http('GET', '/reviews', { token })).body as { reviews: { participantId: string; resolved: boolean; resolution: { kind: string } | null }[] };
  const mineNow = reviews.reviews.find((r) => r.participantId === p5.participantId)!;
  expect(mineNow.resolved).toBe(true);
  expect(mineNow.resolution?.kind).toBe('FORMAL_DECISION');
  await context.close();
});

test('a REVIEW decision is on the list to look at; marking it as seen stores the mark, and the list says when', async () => {
  // p5's September: half a day without a reason, a REVIEW decision (paid as computed).
  await seedDecision(env.sys.deps, inMonth(goldenCase('g02-unexcused-half-day', p5.participantId), '2026-09', '2026-10-02'), { runId: 'run-browser-adviser-sep' });
  const { context, page } = await env.newPage('adviser');
  await signInAs(page, '/adviser/', adviser);
  await tab(page, 'reviews');
  const card = page.locator(`[data-look="${p5.participantId}/2026-09"]`);
  await card.waitFor();
  expect(await page.locator('h2', { hasText: 'Til gjennomsyn' }).count()).toBe(1);
  expect(await seriousViolations(page)).toEqual([]);
  await card.getByRole('button', { name: 'Merk som sett' }).click();
  await page.locator(`[data-look="${p5.participantId}/2026-09"][data-seen="true"]`).waitFor();
  expect(await page.locator(`[data-look="${p5.participantId}/2026-09"]`).innerText()).toMatch(/Sett /);
  const stored = await env.sys.deps.decisions.getLatest(p5.participantId, '2026-09');
  const mark = await env.sys.deps.reviews.getSeen(stored!);
  expect(mark).toMatchObject({ participantId: p5.participantId, period: '2026-09', version: 1, decisionId: stored!.decisionId });
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});
