/**
 * The kiosk in a real browser at 1024×768 against the running local system:
 * set up with its own credential (the setup code, exchanged for tokens at
 * /oauth2/token); card + PIN, checked before the choice → check in →
 * receipt, then check out; the network cut (the tap is queued on the device,
 * never shown as checked in) and restored (replayed: exactly one record per
 * tap, also when an answer was lost); refusals shown as refusals (issue 8
 * item 10): a lockout, the right PIN during the lockout, an offline wrong PIN
 * refused on reconnect and shown to the next person with that card and to
 * the adviser; nb/en at every step; the screen clears itself; no card number
 * or PIN readable in localStorage; axe on every step.
 */
import type { Page } from 'playwright-core';
import { DEMO_KIOSK_SETUP_CODE, DEMO_PARTICIPANTS, DEMO_PIN } from '../../infra/local/seed.js';
import { screenshot, seriousViolations, signInAs, startBrowserEnv, type BrowserEnv } from './browser.js';
import { PAGES } from '../../web/src/pages.js';

let env: BrowserEnv;
beforeAll(async () => {
  env = await startBrowserEnv();
});
afterAll(async () => {
  await env?.close();
});

const p = (n: number) => DEMO_PARTICIPANTS[n - 1]!;

/** What an admin does once per kiosk: the setup code from POST /devices (here the demo kiosk's). */
async function setUp(page: Page): Promise<void> {
  await page.goto('/kiosk/');
  await page.locator('#setup-code').fill(DEMO_KIOSK_SETUP_CODE);
  await page.getByRole('button', { name: 'Koble til' }).click();
  await page.locator('#credential').waitFor();
}

async function enterPin(page: Page, card: string, pin: string): Promise<void> {
  await page.locator('#credential').fill(card);
  await page.getByRole('button', { name: /Neste|Next/ }).click();
  await page.locator('#pin').waitFor();
  // At the kiosk's 1024×768 the PIN screen keeps its footer (network status) on the screen.
  const footer = await page.locator('footer.bar').boundingBox();
  expect(footer!.y + footer!.height).toBeLessThanOrEqual(page.viewportSize()!.height);
  for (const d of pin) await page.locator('.keypad').getByRole('button', { name: d, exact: true }).click();
  await page.getByRole('button', { name: 'OK', exact: true }).click();
}

/** Card and PIN, then the choice (the PIN was accepted, or the kiosk is offline). */
async function identify(page: Page, card: string, pin: string): Promise<void> {
  await enterPin(page, card, pin);
  await page.locator('[data-action="IN"]').waitFor();
}

async function queueLength(page: Page): Promise<number> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('introflyt.kiosk.queue') ?? '[]').length as number);
}

test('the kiosk is set up with its own credential; nobody at it can sign it out; a wrong setup code is refused', async () => {
  const { context, page } = await env.newPage('kiosk');
  await page.goto('/kiosk/');
  await page.locator('#setup-code').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.locator('#setup-code').fill(DEMO_KIOSK_SETUP_CODE.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
  await page.getByRole('button', { name: 'Koble til' }).click();
  await page.locator('[role="alert"]').waitFor();
  expect(await page.locator('[role="alert"]').textContent()).toContain('ikke gyldig');
  // The demo button (local demo only) sets up the demo kiosk.
  await page.locator('[data-demo-kiosk]').click();
  await page.locator('#credential').waitFor();
  const stored = await page.evaluate(() => Object.keys(localStorage));
  expect(stored).toEqual(['introflyt.kiosk.device']);
  // No sign-out button: only an admin can (by deactivating the device).
  expect(await page.getByRole('button', { name: /Logg ut|Sign .* out/ }).count()).toBe(0);
  expect(await page.locator('footer').innerText()).toContain('Bare en administrator kan logge ut kiosken');
  await context.close();
});

test('check in and check out with card and PIN; receipt shows initial, time and direction; the screen clears; axe clean at every step', async () => {
  const { context, page } = await env.newPage('kiosk');
  // p1 reads English (on their file): once the PIN is theirs, the kiosk speaks it.
  expect((await env.sys.http('PUT', '/me/language', { token: await env.sys.tokenFor(p(1).username), body: { language: 'en' } })).status).toBe(200);
  const before = await env.sys.count('attendance');
  await setUp(page);
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
  // The PIN was checked before the choice: the person is greeted.
  await page.locator('[data-action="IN"]').waitFor();
  expect(await page.locator('.hello').textContent()).toBe('Hello, D!');
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
  // The next turn starts in Norwegian and switches to p1's English again on identification.
  expect(await receipt.locator('h1').textContent()).toBe('Checked out');
  expect(await env.sys.count('attendance')).toBe(before + 2);
  expect(await queueLength(page)).toBe(0);
  await env.sys.http('PUT', '/me/language', { token: await env.sys.tokenFor(p(1).username), body: { language: 'nb' } });
  await context.close();
});

test('a wrong PIN is refused at the PIN step, before the choice, without saying whether the card exists; nothing is recorded or queued', async () => {
  const { context, page } = await env.newPage('kiosk');
  const before = await env.sys.count('attendance');
  await setUp(page);
  await enterPin(page, p(2).cardNumber, '9999');
  await page.locator('[data-refused="failed"]').waitFor();
  expect(await page.locator('[data-action]').count()).toBe(0);
  expect(await page.locator('.error-title').textContent()).toBe('Ikke registrert');
  expect(await page.locator('[data-refused] .lead').textContent()).toContain('kjente ikke igjen');
  expect(await seriousViolations(page)).toEqual([]);
  expect(await queueLength(page)).toBe(0);
  expect(await env.sys.count('attendance')).toBe(before);
  // Unlock what this test counted, so the card starts clean for the lockout test.
  await env.sys.http('DELETE', `/participants/${p(2).participantId}/kiosk-credential/lock`, { token: await env.sys.tokenFor(p(2).adviser) });
  await context.close();
});

test('a lockout is seen in the kiosk page; the right PIN during the lockout shows the refusal, not a green screen', async () => {
  const { context, page } = await env.newPage('kiosk');
  const before = await env.sys.count('attendance');
  await setUp(page);
  for (let i = 0; i < 5; i++) {
    await enterPin(page, p(2).cardNumber, `${5170 + i}`);
    await page.locator('[data-refused="failed"]').waitFor();
    await page.getByRole('button', { name: 'Tilbake' }).click();
    await page.locator('#credential').waitFor();
  }
  // The sixth try, now with the right PIN: refused as a lock, with what to do.
  await enterPin(page, p(2).cardNumber, DEMO_PIN);
  await page.locator('[data-refused="locked"]').waitFor();
  expect(await page.locator('.error-title').textContent()).toBe('Kortet er sperret');
  const text = await page.locator('[data-refused] .lead').textContent();
  expect(text).toContain('rådgiveren din kan åpne det');
  expect(text).toContain('appen');
  expect(await page.locator('[data-receipt], [data-queued], [data-action]').count()).toBe(0);
  expect(await page.locator('[data-online]').getAttribute('data-online')).toBe('true');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'kiosk-6-locked');
  // In English too.
  await page.getByRole('button', { name: 'English' }).click();
  expect(await page.locator('.error-title').textContent()).toBe('This card is locked');
  expect(await env.sys.count('attendance')).toBe(before);
  expect(await queueLength(page)).toBe(0);

  // The adviser unlocks it; the same person then checks in.
  const unlocked = await env.sys.http('DELETE', `/participants/${p(2).participantId}/kiosk-credential/lock`, { token: await env.sys.tokenFor(p(2).adviser) });
  expect(unlocked.body?.cleared).toEqual(['CARD']);
  await page.getByRole('button', { name: 'Back' }).click();
  await identify(page, p(2).cardNumber, DEMO_PIN);
  await page.locator('[data-action="IN"]').click();
  await page.locator('[data-receipt]').waitFor();
  expect(await env.sys.count('attendance')).toBe(before + 1);
  await context.close();
});

test('offline: taps are queued on the device (sealed), never shown as checked in, replayed when the network returns, exactly one record per tap', async () => {
  const { context, page } = await env.newPage('kiosk');
  await setUp(page);
  const before = await env.sys.count('attendance');

  await context.setOffline(true);
  await identify(page, p(3).cardNumber, DEMO_PIN);
  expect(await page.locator('.offline-note').textContent()).toContain('kontrolleres når nettet er tilbake');
  await page.locator('[data-action="IN"]').click();
  await page.locator('[data-queued="offline"]').waitFor();
  expect(await page.locator('[data-queued] h1').textContent()).toBe('Lagret på kiosken – ikke sendt ennå');
  expect(await page.locator('[data-queued]').innerText()).not.toMatch(/Sjekket inn/);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'kiosk-5-offline-queued');
  await page.getByRole('button', { name: 'Ferdig' }).click();
  await identify(page, p(4).cardNumber, DEMO_PIN);
  await page.locator('[data-action="IN"]').click();
  await page.locator('[data-queued]').waitFor();
  expect(await queueLength(page)).toBe(2);
  expect(await page.locator('[data-pending]').getAttribute('data-pending')).toBe('2');
  expect(await page.locator('[data-online]').getAttribute('data-online')).toBe('false');

  // What localStorage holds: ids, direction, time, a keyed reference and ciphertext; no card number, no PIN.
  const stored = await page.evaluate(() => Object.keys(localStorage).map((k) => `${k}=${localStorage.getItem(k)}`).join('\n'));
  for (const n of [3, 4]) for (const form of [p(n).cardNumber, p(n).cardNumber.replace(/-/g, '')]) expect(stored).not.toContain(form);
  const queued = await page.evaluate(() => JSON.parse(localStorage.getItem('introflyt.kiosk.queue')!) as Record<string, unknown>[]);
  for (const tap of queued) {
    // No field for a card, QR token or PIN: those exist only inside `sealed` (AES-GCM); `ref` is an HMAC.
    expect(Object.keys(tap).sort()).toEqual(['attempts', 'deviceId', 'deviceTime', 'eventId', 'iv', 'ref', 'sealed', 'type']);
    expect(typeof tap.sealed).toBe('string');
  }
  expect(await env.sys.count('attendance')).toBe(before);

  await context.setOffline(false);
  await page.waitForFunction(() => localStorage.getItem('introflyt.kiosk.queue') === null, undefined, { timeout: 30_000 });
  expect(await env.sys.count('attendance')).toBe(before + 2);

  // Going offline and online again replays nothing twice.
  await context.setOffline(true);
  await context.setOffline(false);
  await page.waitForTimeout(500);
  expect(await env.sys.count('attendance')).toBe(before + 2);
  await context.close();
});

test('an offline wrong PIN is queued, refused on reconnect, and shown to the next person with that card and to the adviser', async () => {
  const { context, page } = await env.newPage('kiosk');
  await setUp(page);
  const holder = p(3);
  const eventsOfHolder = async () => (await env.sys.deps.attendance.listEvents(holder.participantId, '2000-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z')).length;
  const before = await eventsOfHolder();

  await context.setOffline(true);
  await identify(page, holder.cardNumber, '7391');
  await page.locator('[data-action="IN"]').click();
  await page.locator('[data-queued="offline"]').waitFor();
  expect(await queueLength(page)).toBe(1);

  await context.setOffline(false);
  // Refused on reconnect: not dropped, but moved to the kiosk's refused list (no card number in it).
  await page.locator('[data-refused="1"]').waitFor({ timeout: 30_000 });
  expect(await queueLength(page)).toBe(0);
  const refused = await page.evaluate(() => localStorage.getItem('introflyt.kiosk.refused') ?? '');
  expect(refused).toContain('IDENTIFICATION_FAILED');
  expect(refused).not.toContain(holder.cardNumber.replace(/-/g, ''));
  expect(await eventsOfHolder()).toBe(before);

  // The API kept it for the adviser.
  const onFile = await env.sys.http('GET', `/participants/${holder.participantId}/kiosk-credential`, { token: await env.sys.tokenFor(holder.adviser) });
  expect((onFile.body?.refusedReplays as { code: string }[]).map((r) => r.code)).toEqual(['IDENTIFICATION_FAILED']);

  // The next person with that card, with the right PIN, is told before choosing.
  await page.getByRole('button', { name: 'Ferdig' }).click().catch(() => undefined);
  await page.locator('#credential').waitFor();
  await identify(page, holder.cardNumber, DEMO_PIN);
  const notice = page.locator('[data-notices="1"]');
  await notice.waitFor();
  expect(await notice.innerText()).toContain('feil PIN-kode');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'kiosk-7-refused-notice');
  await page.locator('[data-action="IN"]').click();
  await page.locator('[data-receipt]').waitFor();
  expect(await page.evaluate(() => localStorage.getItem('introflyt.kiosk.refused'))).toBeNull();
  await context.close();

  // The adviser sees it on the participant's page, in the kiosk section.
  const staff = await env.newPage('adviser');
  await signInAs(staff.page, '/adviser/', holder.adviser);
  await staff.page.locator(`[data-participant="${holder.participantId}"]`).click();
  await staff.page.locator('[data-refused-replays="1"]').waitFor();
  expect(await staff.page.locator('[data-refused-replays]').innerText()).toContain('feil PIN-kode');
  expect(await seriousViolations(staff.page)).toEqual([]);
  await staff.context.close();
});

test('an answer lost on the way back: the tap stays queued and its replay is answered as the same event (one record)', async () => {
  const { context, page } = await env.newPage('kiosk');
  await setUp(page);
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

test('every page’s sign-in step, the kiosk’s setup step and the index are axe clean, in nb and en', async () => {
  const { context, page } = await env.newPage('adviser');
  for (const path of ['/participant/', '/adviser/', '/payroll/', '/admin/']) {
    await page.goto(path);
    await page.locator('#sign-in').waitFor();
    expect(await page.locator('#sign-in').innerText()).toMatch(path === '/participant/' ? /ID-porten/ : /kommunens innlogging/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.locator('h1').textContent()).toBe('Sign in');
    expect(await seriousViolations(page)).toEqual([]);
  }
  await page.goto('/kiosk/');
  await page.locator('#setup-code').waitFor();
  await page.getByRole('button', { name: 'English' }).click();
  expect(await page.locator('h1').textContent()).toBe('Set up the kiosk');
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto('/');
  // One link per page the build makes (web/src/pages.ts): the admin page included.
  expect(await page.locator('a').count()).toBe(Object.keys(PAGES).length);
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});

test('a QR code (as a scanner types it) identifies too; the language switch works at the first step', async () => {
  // The adviser issues p6 a QR token (made by the server, shown once) and a new PIN.
  const p6 = p(6);
  const issued = await env.sys.http('PUT', `/participants/${p6.participantId}/kiosk-credential`, { token: await env.sys.tokenFor(p6.adviser), body: { issueQr: true, pin: '2580' } });
  expect(issued.status).toBe(200);
  const qrToken = (issued.body?.issued as { qrToken: string }).qrToken;

  const { context, page } = await env.newPage('kiosk');
  await setUp(page);
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

test('an admin deactivates the kiosk: it shows the setup step again on its next request', async () => {
  // A kiosk of its own, so the demo kiosk stays usable.
  const registered = await env.sys.http('POST', '/devices', { token: await env.sys.tokenFor('admin1'), body: { deviceId: 'kiosk-browser', label: 'Browser test' } });
  const setupCode = (registered.body?.credential as { setupCode: string }).setupCode;
  const { context, page } = await env.newPage('kiosk');
  await page.goto('/kiosk/');
  await page.locator('#setup-code').fill(setupCode);
  await page.getByRole('button', { name: 'Koble til' }).click();
  await page.locator('#credential').waitFor();
  expect(await page.locator('.device').textContent()).toBe('Kiosk kiosk-browser');

  expect((await env.sys.http('POST', '/devices/kiosk-browser/deactivation', { token: await env.sys.tokenFor('admin1') })).status).toBe(200);
  await enterPin(page, p(1).cardNumber, DEMO_PIN);
  await page.locator('#setup-code').waitFor();
  expect(await page.locator('[role="alert"]').textContent()).toBe('Kiosken er logget ut av en administrator.');
  expect(await page.evaluate(() => localStorage.getItem('introflyt.kiosk.device'))).toBeNull();
  await context.close();
});
