/**
 * The participant's page in a real browser at 360 px against the running
 * local system: the month calendar with its legend, the payout with its
 * layered explanation in nb and en, reporting own and child
 * illness, the access log after an adviser has looked, downloading my data;
 * axe on every view; and nothing of another participant in the bundles, the
 * page, localStorage or sessionStorage.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_COMPLAINT_ADDRESS, DEMO_PARTICIPANTS, DEMO_USERS } from '../../infra/local/seed.js';
import { absentOn, baseCase, OCTOBER_2026_DAYS } from '../support/case-builder.js';
import { goldenCase, inMonth, seedDecision } from '../support/decision-seed.js';
import { ROOT } from '../support/paths.js';
import { screenshot, seriousViolations, signInAs, startBrowserEnv, type BrowserEnv } from './browser.js';

let env: BrowserEnv;
/** The name the demo staff directory shows for a demo adviser. */
const adviserName = (username: string): string => DEMO_USERS.find((u) => u.username === username)!.displayName!;
beforeAll(async () => {
  env = await startBrowserEnv();
});
// Choosing English in the switch saves it on the participant's file; each test starts from Norwegian on every file.
beforeEach(async () => {
  for (const p of DEMO_PARTICIPANTS) await env.sys.http('PUT', '/me/language', { token: await env.sys.tokenFor(p.username), body: { language: 'nb' } });
});
afterAll(async () => {
  await env?.close();
});

const me = DEMO_PARTICIPANTS[3]!; // p4: a doctor's note pending
const others = DEMO_PARTICIPANTS.filter((p) => p.participantId !== me.participantId);

/** Every way another participant could be recognised. */
const markers = (p: (typeof DEMO_PARTICIPANTS)[number]): string[] => [p.participantId, p.givenName, p.nationalId, p.cardNumber];

async function storageText(page: Page): Promise<string> {
  return page.evaluate(() => [localStorage, sessionStorage].flatMap((s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`)).join('\n'));
}

async function tab(page: Page, name: string): Promise<void> {
  await page.locator(`[data-tab="${name}"]`).click();
}

test('the built bundles hold no participant data', () => {
  const dist = join(ROOT, 'web', 'dist');
  const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(js|css|html)$/.test(f));
  expect(files.length).toBeGreaterThanOrEqual(9);
  const all = files.map((f) => readFileSync(join(dist, f), 'utf8')).join('\n');
  for (const p of DEMO_PARTICIPANTS) for (const m of [...markers(p), p.familyName]) expect(all).not.toContain(m);
});

test('month calendar coloured by status with a legend, in nb and en; axe clean; nothing of others on the page or in storage', async () => {
  const { context, page } = await env.newPage('participant');
  await signInAs(page, '/participant/', me.username);
  await page.locator('.calendar').waitFor();
  const statuses = await page.locator('.calendar .day[data-status]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
  expect(statuses.length).toBeGreaterThanOrEqual(28);
  expect(statuses).toContain('NONE');
  expect(await page.locator('.legend li').count()).toBe(8);
  expect(await page.locator('.legend').textContent()).toContain('Venter på dokument');
  expect(await seriousViolations(page)).toEqual([]);
  // Phone first: nothing wider than the 360 px screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await screenshot(page, 'participant-1-month', true);

  await page.getByRole('button', { name: 'English' }).click();
  expect(await page.locator('.legend').textContent()).toContain('Waiting for a document');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  expect(await seriousViolations(page)).toEqual([]);

  const text = `${await page.locator('body').innerText()}\n${await storageText(page)}`;
  for (const o of others) for (const m of markers(o)) expect(text).not.toContain(m);
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  await context.close();
});

/** Programme days of the last 14 days (the reporting window) on which a participant has reported nothing yet, newest first. */
async function freeReportDays(username: string): Promise<string[]> {
  const token = await env.sys.tokenFor(username);
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const earliest = new Date(Date.parse(`${today}T12:00:00Z`) - 14 * 86_400_000).toISOString().slice(0, 10);
  const months = [...new Set([earliest.slice(0, 7), today.slice(0, 7)])];
  const views = await Promise.all(months.map(async (month) => (await env.sys.http('GET', '/me/attendance', { token, query: { month } })).body as { days: { date: string }[]; absences: { date: string }[] }));
  const reported = new Set(views.flatMap((v) => v.absences.map((a) => a.date)));
  return views
    .flatMap((v) => v.days.map((d) => d.date))
    .filter((d) => d >= earliest && d <= today && !reported.has(d))
    .sort()
    .reverse();
}

test('reports own illness, and child illness with a doctor’s note to come: each stored exactly as chosen, and listed in the month', async () => {
  const parent = DEMO_PARTICIPANTS[4]!; // p5: two children
  const [ownDay, childDay] = await freeReportDays(parent.username);
  expect(childDay).toBeDefined();
  const { context, page } = await env.newPage('participant');
  await signInAs(page, '/participant/', parent.username);
  await page.locator('.calendar').waitFor();
  await tab(page, 'report');
  await page.locator('form').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'participant-3-report', true);

  const stored = async () => (await env.sys.deps.attendance.listAbsences(parent.participantId)).map((a) => ({ date: a.date, category: a.category, documentation: a.documentation, status: a.status, minutes: a.minutes }));
  const before = await stored();

  // Own illness, self-certified, the whole day: approved at once.
  await page.locator('#date').fill(ownDay!);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('p.ok').waitFor();
  expect(await page.locator('p.ok').textContent()).toMatch(/Fraværet er meldt: egen sykdom, .*, godkjent\./);

  // My child is ill, part of the day, and I will hand in a doctor's note: waits for the document.
  await page.getByLabel('Barnet mitt er sykt').check();
  await page.locator('#date').fill(childDay!);
  await page.getByLabel('En del av dagen').check();
  // Part of a day in hours (1,5 t = 90 minutes stored); choosing a doctor's note says where and by when to hand it in.
  await page.locator('#hours').fill('1.5');
  expect(await page.locator('#doctor-note-where').isVisible()).toBe(false);
  await page.getByLabel('Jeg leverer legeerklæring').check();
  expect(await page.locator('#doctor-note-where').innerText()).toMatch(/rådgiveren din .* innen 14 dager/);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('p.ok', { hasText: 'barns sykdom' }).waitFor();
  expect(await page.locator('p.ok').textContent()).toMatch(/barns sykdom, .*, venter på behandling\./);

  const added = (await stored()).filter((a) => !before.some((b) => JSON.stringify(b) === JSON.stringify(a)));
  expect(added.sort((a, b) => (a.date < b.date ? 1 : -1))).toEqual([
    { date: ownDay, category: 'OWN_ILLNESS', documentation: 'SELF_CERTIFICATION', status: 'APPROVED', minutes: null },
    { date: childDay, category: 'CHILD_ILLNESS', documentation: 'DOCTOR_NOTE', status: 'PENDING', minutes: 90 },
  ]);

  await tab(page, 'month');
  await page.locator('ul.absences').waitFor();
  const listed = await page.locator('ul.absences').textContent();
  expect(listed).toContain('egen sykdom');
  await context.close();
});

test('what the rules cannot use is refused with a plain message: child illness without children, a day that is no programme day', async () => {
  // p4 has no children on file.
  const { context, page } = await env.newPage('participant');
  await signInAs(page, '/participant/', me.username);
  await page.locator('.calendar').waitFor();
  await tab(page, 'report');
  await page.locator('form').waitFor();
  const before = await env.sys.count('attendance');
  const [free] = await freeReportDays(me.username);
  await page.locator('#date').fill(free!);
  await page.getByLabel('Barnet mitt er sykt').check();
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('p.error').waitFor();
  expect(await page.locator('p.error').textContent()).toContain('det står ingen barn i mappen din');

  // The latest Sunday in the reporting window: no programme day.
  const sunday = new Date();
  sunday.setUTCDate(sunday.getUTCDate() - sunday.getUTCDay());
  await page.getByLabel('Jeg er syk').check();
  await page.locator('#date').fill(sunday.toISOString().slice(0, 10));
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('p.error', { hasText: 'ikke en programdag' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  expect(await env.sys.count('attendance')).toBe(before);
  await context.close();
});

test('the access log shows an adviser reading my data; download my data holds only mine', async () => {
  // An adviser reads p4's month: a staff read, logged.
  const adviser = await env.sys.tokenFor(me.adviser);
  const month = new Date().toISOString().slice(0, 7);
  expect((await env.sys.http('GET', `/participants/${me.participantId}/attendance`, { token: adviser, query: { month } })).status).toBe(200);

  const { context, page } = await env.newPage('participant');
  await signInAs(page, '/participant/', me.username);
  await page.locator('.calendar').waitFor();
  await tab(page, 'access');
  await page.locator('table.access-log').waitFor();
  expect(await page.locator('[data-integrity]').getAttribute('data-integrity')).toBe('VERIFIED');
  expect(await page.locator('table.access-log tbody tr').count()).toBeGreaterThanOrEqual(1);
  // In words: the role and what was done, never a staff code or a purpose code.
  const logText = (await page.locator('table.access-log').textContent())!;
  // By the name the municipality gives the adviser in its staff directory.
  expect(logText).toContain(`Rådgiver ${adviserName(me.adviser)}`);
  expect(logText).not.toMatch(/staff-[0-9a-f]{6}|adviser|decision-|participant-|attendance-/);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'participant-4-access-log', true);

  await tab(page, 'data');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-data').click()]);
  const file = await download.path();
  const data = JSON.parse(readFileSync(file, 'utf8')) as { participantId: string; identity: { givenName: string } };
  expect(data.participantId).toBe(me.participantId);
  expect(data.identity.givenName).toBe(me.givenName);
  const raw = readFileSync(file, 'utf8');
  for (const o of others) for (const m of markers(o)) expect(raw).not.toContain(m);
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});

test('reads the payout and its layered explanation in Norwegian, English and Arabic (right to left, the unchecked-translation notice, the details layer): summary first, the other layers one tap away', async () => {
  // A stored decision for October as the payroll workflow stores it (engine on golden case g09: a pending self-certification).
  await seedDecision(env.sys.deps, goldenCase('g09-pending-self-cert', me.participantId), { runId: 'run-browser-participant' });
  const { context, page } = await env.newPage('participant');
  await signInAs(page, '/participant/', me.username);
  await page.locator('.calendar').waitFor();
  await tab(page, 'payout');
  await page.locator('.explanation .summary').waitFor();
  expect(await page.locator('[data-payout]').getAttribute('data-payout')).toBe('2054387');
  expect(await page.locator('[data-payout]').textContent()).toMatch(/20\s?543,87/);
  const nbSummary = await page.locator('.explanation .summary').innerText();
  expect(nbSummary).toMatch(/oktober 2026/i);
  // Every other layer is one tap away, closed at first; the hints are open, since there is something to do.
  const layers = await page.locator('.explanation details').evaluateAll((els) => els.map((e) => [e.getAttribute('data-layer'), (e as HTMLDetailsElement).open]));
  expect(layers).toEqual([
    ['calendar', false],
    ['calculation', false],
    ['rules', false],
    ['hints', true],
    ['who', false],
    ['rights', false],
    ['details', false],
  ]);
  await page.locator('details[data-layer="calculation"] > summary').click();
  expect(await page.locator('details[data-layer="calculation"]').evaluate((e) => (e as HTMLDetailsElement).open)).toBe(true);
  const hints = await page.locator('details[data-layer="hints"]').innerText();
  expect(hints).toMatch(/2\s?214,30/);
  expect(await seriousViolations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await screenshot(page, 'participant-2-payout-explanation', true);
  // "Your rights" names where to send a complaint (the municipality's policy) and the adviser (the staff directory's name).
  await page.locator('details[data-layer="rights"] > summary').click();
  const rightsNb = await page.locator('details[data-layer="rights"]').innerText();
  expect(rightsNb).toContain(`Send klagen til kommunen: ${DEMO_COMPLAINT_ADDRESS}.`);
  expect(rightsNb).toContain(`programrådgiveren din, ${adviserName(me.adviser)}`);
  expect(rightsNb).not.toContain('Rådgiveren din kan gi deg adressen');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'participant-2-payout-rights-nb', false);

  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('.explanation .summary', { hasText: /October 2026/ }).waitFor();
  const enSummary = await page.locator('.explanation .summary').innerText();
  expect(enSummary).not.toBe(nbSummary);
  await page.locator('details[data-layer="rights"] > summary').click();
  expect(await page.locator('details[data-layer="rights"]').innerText()).toMatch(/complain/i);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'participant-2-payout-explanation-en', true);

  // Arabic, chosen in the switch (so on the file): the explanation is asked for in it, written right to left,
  // with the notice the API marks (a translation no qualified translator has checked) shown as one; the details layer too.
  await page.getByRole('button', { name: 'العربية' }).click();
  const ar = page.locator('.explanation[lang="ar"]');
  await ar.waitFor();
  expect(await ar.getAttribute('dir')).toBe('rtl');
  const token = await env.sys.tokenFor(me.username);
  expect((await env.sys.http('GET', '/me/language', { token })).body?.language).toBe('ar');
  const api = (await env.sys.http('GET', '/me/decisions/2026-10/explanation', { token, query: { lang: 'ar' } })).body as { uncheckedTranslation: boolean; dir: string; layers: { lines: string[] }[] };
  expect([api.uncheckedTranslation, api.dir]).toEqual([true, 'rtl']);
  expect(await ar.getAttribute('data-unchecked-translation')).toBe('true');
  expect(await page.locator('[data-translation-notice]').innerText()).toBe(api.layers[0]!.lines[0]);
  expect(await page.locator('.explanation details[data-layer="details"]').count()).toBe(1);
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
  await env.sys.http('PUT', '/me/language', { token, body: { language: 'nb' } });
});

test('an adjusted month: the page shows the amount paid, the adjustment in the explanation and every version of it, in nb and en', async () => {
  // September needs a formal decision (twelve days without a reason); the adviser adjusts it over the API.
  const september = inMonth({ ...absentOn(baseCase(), OCTOBER_2026_DAYS.slice(2, 14)), participant: { ...baseCase().participant, id: me.participantId } }, '2026-09', '2026-10-02');
  const stored = await seedDecision(env.sys.deps, september, { runId: 'run-browser-participant-sep' });
  const base = (stored.decision as { baseOre: number }).baseOre;
  const put = await env.sys.http('PUT', `/decisions/${me.participantId}/2026-09/resolution`, {
    token: await env.sys.tokenFor(me.adviser),
    body: { kind: 'ADJUSTMENT', version: 1, payoutOre: base, reason: 'Forhåndsvarsel ble ikke sendt i tide.' },
  });
  expect(put.status).toBe(201);

  const { context, page } = await env.newPage('participant');
  await signInAs(page, '/participant/', me.username);
  await page.locator('.calendar').waitFor();
  await tab(page, 'payout');
  await page.locator('.explanation .summary').waitFor();
  await page.locator('#period').selectOption('2026-09');
  await page.locator('.explanation .summary', { hasText: /september 2026/ }).waitFor();
  expect(await page.locator('[data-payout]').getAttribute('data-payout')).toBe(String(base));
  const summary = await page.locator('.explanation .summary').innerText();
  expect(summary).toMatch(/En programrådgiver har endret beløpet til NOK\s22\s758,17/);
  expect(summary).toContain('Forhåndsvarsel ble ikke sendt i tide.');
  expect(summary).toMatch(/Du får utbetalt NOK\s22\s758,17 med utbetalingen for september 2026\./);
  // The versions, newest first: the current one (the adjustment) and the one computed first, each with its stored text.
  const versions = page.locator('.explanation-history details');
  expect(await versions.evaluateAll((els) => els.map((e) => e.getAttribute('data-version')))).toEqual(['2', '1']);
  expect(await versions.nth(0).locator('summary').innerText()).toMatch(/Versjon 2 \(gjeldende\).*beløpet endret av rådgiver.*22\s758,17/);
  await page.locator('.explanation-history').scrollIntoViewIfNeeded();
  await screenshot(page, 'participant-5-adjusted-versions');
  await versions.nth(1).locator('summary').click();
  expect(await versions.nth(1).innerText()).toMatch(/En rådgiver må gjøre et vedtak før pengene blir utbetalt/);
  expect(await seriousViolations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('.explanation .summary', { hasText: /September 2026/ }).waitFor();
  expect(await page.locator('.explanation .summary').innerText()).toMatch(/You are paid NOK\s22\s758,17 with the payout for September 2026\./);
  expect(await page.locator('.explanation-history details').nth(0).locator('summary').innerText()).toMatch(/Version 2 \(current\).*amount changed by an adviser/);
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});
