/**
 * Issue 8 item 4 in a real browser against the local demo: an adviser
 * corrects a participant's unexcused past day on the adviser page (the times
 * present and a reason); the day turns present in the calendar and the
 * correction is listed with its reason; the participant then sees the same
 * day present and the correction with the adviser's reason on their own
 * month page. axe on both.
 */
import type { Page } from 'playwright-core';
import { DEMO_PARTICIPANTS } from '../../infra/local/seed.js';
import { addDays } from '../../shared/domain/calendar.js';
import { screenshot, seriousViolations, signInAs, startBrowserEnv, type BrowserEnv } from './browser.js';

let env: BrowserEnv;
beforeAll(async () => {
  env = await startBrowserEnv();
});
afterAll(async () => {
  await env?.close();
});

const p2 = DEMO_PARTICIPANTS[1]!; // story UNEXCUSED_DAY, adviser1
const REASON = 'Kiosken var ute av drift; læreren bekrefter at hun var der';

/** The demo's unexcused day of p2: a past programme day without check-ins or absences. */
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

async function showMonthOf(page: Page, date: string): Promise<void> {
  for (let i = 0; i < 3 && (await page.locator(`.calendar .day[data-date="${date}"]`).count()) === 0; i++) {
    await page.getByRole('button', { name: 'Forrige måned' }).click();
    await page.locator(`.calendar .day[data-date^="${date.slice(0, 7)}"]`).first().waitFor();
  }
}

test('the adviser corrects an unexcused day with a reason; the participant sees the day present and why', async () => {
  const date = await unexcusedDay();

  const adviser = await env.newPage('adviser');
  await signInAs(adviser.page, '/adviser/', p2.adviser);
  await adviser.page.locator(`[data-participant="${p2.participantId}"]`).click();
  await adviser.page.locator('.calendar').waitFor();
  await showMonthOf(adviser.page, date);
  expect(await adviser.page.locator(`.calendar .day[data-date="${date}"]`).getAttribute('data-status')).toBe('UNEXCUSED');

  await adviser.page.locator('#corr-date').fill(date);
  await adviser.page.locator('#corr-present').fill('08:30-11:30, 12:00-15:00');
  await adviser.page.locator('#corr-reason').fill(REASON);
  await adviser.page.getByRole('button', { name: 'Lagre rettingen' }).click();
  await adviser.page.locator('p.ok', { hasText: 'Dagen er rettet' }).waitFor();
  await adviser.page.locator(`[data-correction="${date}#1"]`).waitFor();
  expect(await adviser.page.locator(`[data-correction="${date}#1"]`).innerText()).toContain(REASON);
  expect(await adviser.page.locator(`.calendar .day[data-date="${date}"]`).getAttribute('data-status')).toBe('PRESENT');
  expect(await seriousViolations(adviser.page)).toEqual([]);
  await screenshot(adviser.page, 'adviser-6-day-corrected', true);
  await adviser.context.close();

  const me = await env.newPage('participant');
  await signInAs(me.page, '/participant/', p2.username);
  await me.page.locator('.calendar').waitFor();
  await showMonthOf(me.page, date);
  await me.page.locator(`[data-correction="${date}#1"]`).waitFor();
  const shown = await me.page.locator(`[data-correction="${date}#1"]`).innerText();
  expect(shown).toContain(REASON);
  expect(shown).toContain('08:30–11:30, 12:00–15:00');
  expect(shown).toContain('rettet av rådgiver');
  expect(await me.page.locator(`.calendar .day[data-date="${date}"]`).getAttribute('data-status')).toBe('PRESENT');
  expect(await seriousViolations(me.page)).toEqual([]);
  expect(await me.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await screenshot(me.page, 'participant-5-day-corrected', true);
  await me.context.close();
});

test('a time that is not HH:MM-HH:MM is refused on the page, before anything is sent', async () => {
  const { context, page } = await env.newPage('adviser');
  await signInAs(page, '/adviser/', p2.adviser);
  await page.locator(`[data-participant="${p2.participantId}"]`).click();
  await page.locator('#corr-date').waitFor();
  const before = await env.sys.count('attendance');
  await page.locator('#corr-date').fill(new Date().toISOString().slice(0, 8) + '01');
  await page.locator('#corr-present').fill('halv åtte');
  await page.locator('#corr-reason').fill('Skrivefeil i tidene');
  await page.getByRole('button', { name: 'Lagre rettingen' }).click();
  await page.locator('p.error, [role=alert]', { hasText: 'Skriv tidene som' }).first().waitFor();
  expect(await env.sys.count('attendance')).toBe(before);
  await context.close();
});
