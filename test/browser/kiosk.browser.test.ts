/**
 * The kiosk in a real browser at 1024×768 against the running local system:
 * card + PIN → check in → receipt, then check out; the same with the network
 * cut (the tap is queued on the device) and restored (replayed: exactly one
 * record per tap, also when an answer was lost); nb/en at every step; the
 * screen clears itself; no card number or PIN readable in localStorage; axe
 * on every step.
 */
import type { Page } from 'playwright-core';
import { DEMO_PARTICIPANTS, DEMO_PIN } from '../../infra/local/seed.js';
import { screenshot, seriousViolations, signInAs, startBrowserEnv, type BrowserEnv } from './browser.js';

let env: BrowserEnv;
beforeAll(async () => {
  env = await startBrowserEnv();
});
afterAll(async () => {
  await env?.close();
});

const p = (n: number) => DEMO_PARTICIPANTS[n - 1]!;

async function identify(page: Page, card: string, pin: string): Promise<void> {
  await page.locator('#credential').fill(card);
  await page.getByRole('button', { name: /Neste|Next/ }).click();
  await page.locator('#pin').waitFor();
  for (const d of pin) await page.locator('.keypad').getByRole('button', { name: d, exact: true }).click();
  await page.getByRole('button', { name: 'OK', exact: true }).click();
}

async function queueLength(page: Page): Promise<number> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('introflyt.kiosk.queue') ?? '[]').length as number);
}

test('check in and check out with card and PIN; receipt shows initial, time and direction; the screen clears; axe clean at every step', async () => {
  const { context, page } = await env.newPage('kiosk');
  const before = await env.sys.count('attendance');
  await signInAs(page, '/kiosk/', 'kiosk1');
  await page.locator('#credential').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'kiosk-1-identify');

  await page.locator('#credential').fill(p(1).cardNumber);
  await page.getByRole('button', { name: 'Neste' }).click();
  await page.locator('#pin').waitFor();
  // The language switch is on every step; the PIN step in English.
  await page.getByRole('button', { name: 'English' }).click();
  expect(await page.locator('h1').textContent()).toBe('Enter your PIN');
  for (const d of DEMO_PIN) await page.locator('.keypad').getByRole('button', { name: d, exact: true }).click();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'kiosk-2-pin');
  await page.getByRole('button', { name: 'OK', exact: true }).click();
  await page.locator('[data-action="IN"]').waitFor();
  expect(await page.locator('[data-action="IN"]').textContent()).toBe('Check in');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'kiosk-3-action');
  await page.locator('[data-action="IN"]').click();

  const receipt = page.locator('[data-receipt]');
  await receipt.waitFor();
  expect(await receipt.locator('h1').textContent()).toBe('Checked in');
  expect(await receipt.locator('.initial').textContent()).toBe('D');
  expect(await receipt.locator('.clock').textContent()).toMatch(/^\d{2}[:.]\d{2}$/);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'kiosk-4-receipt');
  expect(await env.sys.count('attendance')).toBe(before + 1);

  // No personal data left on screen: back to the start after a few seconds, in Norwegian.
  await page.locator('#credential').waitFor({ timeout: 15_000 });
  expect(await page.locator('[data-receipt]').count()).toBe(0);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('nb');

  await identify(page, p(1).cardNumber, DEMO_PIN);
  await page.locator('[data-action="OUT"]').click();
  await receipt.waitFor();
  expect(await receipt.locator('h1').textContent()).toBe('Sjekket ut');
  expect(await env.sys.count('attendance')).toBe(before + 2);
  expect(await queueLength(page)).toBe(0);
  await context.close();
});

test('a wrong PIN is refused without saying whether the card exists, and nothing is recorded or queued', async () => {
  const { context, page } = await env.newPage('kiosk');
  const before = await env.sys.count('attendance');
  await signInAs(page, '/kiosk/', 'kiosk1');
  await page.locator('#credential').waitFor();
  await identify(page, p(2).cardNumber, '9999');
  await page.locator('[data-action="IN"]').click();
  await page.locator('.error-title').waitFor();
  expect(await page.locator('.error-title').textContent()).toContain('kjente ikke igjen');
  expect(await seriousViolations(page)).toEqual([]);
  expect(await queueLength(page)).toBe(0);
  expect(await env.sys.count('attendance')).toBe(before);
  await context.close();
});

test('offline: taps are queued on the device (sealed), replayed when the network returns, exactly one record per tap', async () => {
  const { context, page } = await env.newPage('kiosk');
  await signInAs(page, '/kiosk/', 'kiosk1');
  await page.locator('#credential').waitFor();
  const before = await env.sys.count('attendance');

  await context.setOffline(true);
  await identify(page, p(3).cardNumber, DEMO_PIN);
  await page.locator('[data-action="IN"]').click();
  await page.locator('[data-queued]').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'kiosk-5-offline-queued');
  await page.getByRole('button', { name: 'Ferdig' }).click();
  await identify(page, p(4).cardNumber, DEMO_PIN);
  await page.locator('[data-action="IN"]').click();
  await page.locator('[data-queued]').waitFor();
  expect(await queueLength(page)).toBe(2);
  expect(await page.locator('[data-pending]').getAttribute('data-pending')).toBe('2');

  // What localStorage holds: ids, direction, time and ciphertext; no card number, no PIN.
  const stored = await page.evaluate(() => Object.keys(localStorage).map((k) => `${k}=${localStorage.getItem(k)}`).join('\n'));
  for (const n of [3, 4]) expect(stored).not.toContain(p(n).cardNumber);
  const queued = await page.evaluate(() => JSON.parse(localStorage.getItem('introflyt.kiosk.queue')!) as Record<string, unknown>[]);
  for (const tap of queued) {
    // No field for a card, QR token or PIN: those exist only inside `sealed` (AES-GCM).
    expect(Object.keys(tap).sort()).toEqual(['attempts', 'deviceId', 'deviceTime', 'eventId', 'iv', 'sealed', 'type']);
    expect(typeof tap.sealed).toBe('string');
  }
  expect(await env.sys.count('attendance')).toBe(before);

  await context.setOffline(false);
  await page.waitForFunction(() => (localStorage.getItem('introflyt.kiosk.queue') ?? '[]') === '[]' || localStorage.getItem('introflyt.kiosk.queue') === null, undefined, { timeout: 30_000 });
  expect(await env.sys.count('attendance')).toBe(before + 2);

  // Going offline and online again replays nothing twice.
  await context.setOffline(true);
  await context.setOffline(false);
  await page.waitForTimeout(500);
  expect(await env.sys.count('attendance')).toBe(before + 2);
  await context.close();
});

test('an answer lost on the way back: the tap stays queued and its replay is answered as the same event (one record)', async () => {
  const { context, page } = await env.newPage('kiosk');
  await signInAs(page, '/kiosk/', 'kiosk1');
  await page.locator('#credential').waitFor();
  const before = await env.sys.count('attendance');

  // The request reaches the API and is recorded, but the kiosk never sees the answer.
  let lost = 0;
  await page.route('**/checkins', async (route) => {
    if (lost > 0) return route.continue();
    lost++;
    await route.fetch();
    await route.abort('connectionreset');
  });
  await identify(page, p(5).cardNumber, DEMO_PIN);
  await page.locator('[data-action="IN"]').click();
  await page.locator('[data-queued]').waitFor();
  expect(await env.sys.count('attendance')).toBe(before + 1);
  expect(await queueLength(page)).toBe(1);

  // The replay (on 'online', or the periodic retry) gets the recorded receipt back: still one record.
  await context.setOffline(true);
  await context.setOffline(false);
  await page.waitForFunction(() => localStorage.getItem('introflyt.kiosk.queue') === null, undefined, { timeout: 30_000 });
  expect(await env.sys.count('attendance')).toBe(before + 1);
  await context.close();
});

test('every page’s sign-in (local demo mode) and the index are axe clean, in nb and en', async () => {
  const { context, page } = await env.newPage('adviser');
  for (const path of ['/kiosk/', '/participant/', '/adviser/', '/payroll/']) {
    await page.goto(path);
    await page.locator('#demo-user option').first().waitFor({ state: 'attached' });
    expect(await page.locator('main').innerText()).toContain('Cognito');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.locator('h1').textContent()).toBe('Sign in');
    expect(await seriousViolations(page)).toEqual([]);
  }
  await page.goto('/');
  expect(await page.locator('a').count()).toBe(4);
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});

test('a QR code (as a scanner types it) identifies too; the language switch works at the first step', async () => {
  // The adviser issues p6 a QR token and a new PIN (PUT /participants/{id}/kiosk-credential).
  const p6 = p(6);
  const qrToken = 'QR-browser-test-0123456789abcdef';
  const issued = await env.sys.http('PUT', `/participants/${p6.participantId}/kiosk-credential`, { token: await env.sys.tokenFor(p6.adviser), body: { qrToken, pin: '2580' } });
  expect(issued.status).toBeLessThan(300);

  const { context, page } = await env.newPage('kiosk');
  await signInAs(page, '/kiosk/', 'kiosk1');
  await page.locator('#credential').waitFor();
  await page.getByRole('button', { name: 'English' }).click();
  expect(await page.locator('h1').textContent()).toBe('Attendance');
  await page.getByRole('button', { name: 'QR code' }).click();
  expect(await page.locator('label[for="credential"]').textContent()).toBe('QR code');
  const before = await env.sys.count('attendance');
  await identify(page, qrToken, '2580');
  await page.locator('[data-action="IN"]').click();
  await page.locator('[data-receipt]').waitFor();
  expect(await page.locator('[data-receipt] .initial').textContent()).toBe('D');
  expect(await env.sys.count('attendance')).toBe(before + 1);
  expect(await page.evaluate(() => localStorage.getItem('introflyt.kiosk.queue'))).toBeNull();
  await context.close();
});
