/**
 * Issue 12 items 1–2 in a real browser against the local demo, from the
 * participant's side to the adviser's and back:
 * - a correction request: the participant disputes an unexcused day with a
 *   short text; the adviser accepts it with the day's times and a reason;
 *   the participant sees it accepted with the reason, and the day corrected;
 * - a complaint: the participant complains about a month's decision; the
 *   adviser does not uphold it, downloads the case file for Statsforvalteren
 *   and records the outcome when it comes back; the participant sees every
 *   step. axe on every page shown.
 */
import type { Page } from 'playwright-core';
import { DEMO_PARTICIPANTS } from '../../infra/local/seed.js';
import { addDays } from '../../shared/domain/calendar.js';
import { goldenCase, seedDecision } from '../support/decision-seed.js';
import { screenshot, seriousViolations, signInAs, startBrowserEnv, type BrowserEnv } from './browser.js';

let env: BrowserEnv;
beforeAll(async () => {
  env = await startBrowserEnv();
});
afterAll(async () => {
  await env?.close();
});

const p2 = DEMO_PARTICIPANTS[1]!; // story UNEXCUSED_DAY, adviser1
const p3 = DEMO_PARTICIPANTS[2]!; // adviser1
const TEXT = 'Kiosken var nede, jeg var der hele dagen';
const REASON = 'Læreren bekrefter at du var der';

async function unexcusedDay(): Promise<string> {
  const token = await env.sys.tokenFor(p2.adviser);
  const today = new Date().toISOString().slice(0, 10);
  for (const month of [today.slice(0, 7), addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7)]) {
    const m = (await env.sys.http('GET', `/participants/${p2.participantId}/attendance`, { token, query: { month } })).body as { days: { date: string; presentMinutes: number | null }[]; absences: { date: string }[] };
    const day = m.days.find((d) => d.presentMinutes === 0 && d.date < today && !m.absences.some((a) => a.date === d.date));
    if (day !== undefined) return day.date;
  }
  throw new Error('the demo seed has no unexcused day for p2');
}

async function openRights(page: Page): Promise<void> {
  await page.locator('[data-tab="rights"]').click();
  await page.getByRole('heading', { name: 'Rettinger og klager', level: 2 }).first().waitFor();
}

test('a correction request: filed on the participant page, accepted in the adviser queue, seen accepted with the reason', async () => {
  const date = await unexcusedDay();

  const me = await env.newPage('participant');
  await signInAs(me.page, '/participant/', p2.username);
  await openRights(me.page);
  await me.page.locator('#rights-date').fill(date);
  await me.page.locator('#rights-text').fill(TEXT);
  await me.page.locator('#rights-request').getByRole('button', { name: 'Send' }).click();
  await me.page.locator('p.ok', { hasText: 'Ønsket om retting er sendt' }).waitFor();
  const card = me.page.locator('.rights-case[data-status="OPEN"]');
  await card.waitFor();
  expect(await card.innerText()).toContain(TEXT);
  expect(await seriousViolations(me.page)).toEqual([]);
  expect(await me.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await screenshot(me.page, 'participant-6-correction-request', true);
  const caseId = await card.getAttribute('data-case');

  const adviser = await env.newPage('adviser');
  await signInAs(adviser.page, '/adviser/', p2.adviser);
  await openRights(adviser.page);
  const item = adviser.page.locator(`.rights-case[data-case="${caseId}"]`);
  await item.waitFor();
  expect(await item.innerText()).toContain(TEXT);
  await item.getByLabel('Begrunnelse (deltakeren ser den)').fill(REASON);
  expect(await seriousViolations(adviser.page)).toEqual([]);
  await screenshot(adviser.page, 'adviser-7-rights-queue', true);
  await item.getByRole('button', { name: 'Lagre' }).click();
  await adviser.page.locator('p.ok', { hasText: 'Lagret.' }).waitFor();
  await adviser.context.close();

  const corrections = await env.sys.deps.attendance.listCorrections(p2.participantId, date, date);
  expect(corrections.at(-1)).toMatchObject({ reason: REASON, present: [{ from: '08:30', to: '14:30' }] });

  await me.page.reload();
  await openRights(me.page);
  const accepted = me.page.locator(`.rights-case[data-case="${caseId}"][data-status="ACCEPTED"]`);
  await accepted.waitFor();
  expect(await accepted.innerText()).toContain(REASON);
  expect(await accepted.innerText()).toContain('Godtatt');
  expect(await seriousViolations(me.page)).toEqual([]);
  await me.context.close();
});

test('a complaint: filed by the participant, not upheld and sent with the case file, outcome recorded, every step seen by the participant', async () => {
  await seedDecision(env.sys.deps, goldenCase('g02-unexcused-half-day', p3.participantId), { runId: 'run-browser-rights' });

  const me = await env.newPage('participant');
  await signInAs(me.page, '/participant/', p3.username);
  await openRights(me.page);
  await me.page.locator('#complaint-period').selectOption('2026-10');
  await me.page.locator('#complaint-text').fill('Jeg er uenig i trekket for oktober');
  await me.page.locator('#rights-complaint').getByRole('button', { name: 'Send' }).click();
  await me.page.locator('p.ok', { hasText: 'Klagen er sendt' }).waitFor();
  const card = me.page.locator('.rights-case[data-status="RECEIVED"]');
  await card.waitFor();
  const caseId = await card.getAttribute('data-case');

  const adviser = await env.newPage('adviser');
  await signInAs(adviser.page, '/adviser/', p3.adviser);
  await openRights(adviser.page);
  const item = adviser.page.locator(`.rights-case[data-case="${caseId}"]`);
  await item.waitFor();
  await item.getByLabel('Begrunnelse (deltakeren ser den)').fill('Trekket følger reglene for ugyldig fravær');
  await item.getByRole('button', { name: 'Lagre' }).click();
  await adviser.page.locator(`.rights-case[data-case="${caseId}"][data-status="FORWARDED"]`).waitFor();
  const [file] = await Promise.all([adviser.page.waitForEvent('download'), adviser.page.locator(`[data-case-file="${caseId}"]`).click()]);
  expect(file.suggestedFilename()).toBe(`klage-${caseId}.json`);
  const pkg = JSON.parse(await (await import('node:fs/promises')).readFile((await file.path())!, 'utf8')) as { complaint: { status: string }; decisions: unknown[]; accessLog: { purpose: string }[] };
  expect(pkg.complaint.status).toBe('FORWARDED');
  expect(pkg.decisions).toHaveLength(1);
  expect(pkg.accessLog.some((e) => e.purpose === 'complaint-case-file')).toBe(true);
  const forwarded = adviser.page.locator(`.rights-case[data-case="${caseId}"]`);
  await forwarded.getByLabel('Utfall').selectOption('CONFIRMED');
  await forwarded.getByLabel('Merknad').fill('Statsforvalteren stadfestet vedtaket');
  expect(await seriousViolations(adviser.page)).toEqual([]);
  await forwarded.getByRole('button', { name: 'Lagre' }).click();
  await adviser.page.locator('p.ok', { hasText: 'Lagret.' }).waitFor();
  await adviser.context.close();

  await me.page.reload();
  await openRights(me.page);
  const decided = me.page.locator(`.rights-case[data-case="${caseId}"][data-status="DECIDED"]`);
  await decided.waitFor();
  const shown = await decided.innerText();
  expect(shown).toContain('Avgjort av Statsforvalteren');
  expect(shown).toContain('vedtaket står');
  expect(shown).toContain('Trekket følger reglene for ugyldig fravær');
  await decided.locator('summary').click();
  expect(await decided.locator('li').count()).toBe(3);
  expect(await seriousViolations(me.page)).toEqual([]);
  await screenshot(me.page, 'participant-7-complaint-decided', true);
  await me.context.close();
});
