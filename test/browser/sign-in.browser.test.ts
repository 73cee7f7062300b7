/**
 * Sign-in as on AWS, against the local OpenID Connect provider (issue 13):
 * for each page's role the page's button leads to the provider's own page
 * (the demo user picker), back with a code (PKCE), tokens refreshed before
 * they expire, sign-out through the provider's logout, and afterwards the old
 * ID token gets 401 from the API and the old refresh token is refused. The
 * participant page signs out by itself after the idle time. The provider's
 * pages are axe clean.
 */
import type { Page } from 'playwright-core';
import { DEMO_PARTICIPANTS } from '../../infra/local/seed.js';
import { PARTICIPANT_IDLE_MINUTES } from '../../web/src/lib/session.js';
import { screenshot, seriousViolations, signInAs, startBrowserEnv, type BrowserEnv } from './browser.js';

let env: BrowserEnv;
beforeAll(async () => {
  env = await startBrowserEnv();
});
afterAll(async () => {
  await env?.close();
});

interface Stored {
  token: string;
  refreshToken?: string;
  expiresAt: number;
  username: string;
}

async function stored(page: Page, role: string): Promise<Stored | undefined> {
  const raw = await page.evaluate((k) => sessionStorage.getItem(k), `introflyt.session.${role}`);
  return raw === null ? undefined : (JSON.parse(raw) as Stored);
}

const claimsOf = (token: string): Record<string, unknown> => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

async function refreshWith(refreshToken: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${env.sys.baseUrl}/oidc/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'introflyt-local-client' }).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const month = new Date().toISOString().slice(0, 7);
const ROLES = [
  { role: 'participant', path: '/participant/', user: DEMO_PARTICIPANTS[0]!.username, probe: `/me/attendance?month=${month}`, size: 'participant' as const },
  { role: 'adviser', path: '/adviser/', user: 'adviser1', probe: '/participants', size: 'adviser' as const },
  { role: 'payroll', path: '/payroll/', user: 'payroll2', probe: '/payroll-runs', size: 'payroll' as const },
];

test.each(ROLES)('$role: signs in on the provider’s page, refreshes before expiry, signs out everywhere; then the old token gets 401 and the old refresh token is refused', async ({ role, path, user, probe, size }) => {
  const { context, page } = await env.newPage(size);
  await signInAs(page, path, user);
  await page.locator('#sign-out').waitFor();
  const first = (await stored(page, role))!;
  const claims = claimsOf(first.token);
  expect(claims['cognito:username']).toBe(user);
  expect(claims['cognito:groups']).toEqual([role]);
  expect(claims['custom:municipality']).toBe('5001');
  if (role === 'participant') expect(claims['custom:participantId']).toBe(DEMO_PARTICIPANTS[0]!.participantId);
  expect(first.refreshToken).toEqual(expect.any(String));
  expect((await env.sys.http('GET', probe, { token: first.token })).status).toBe(200);
  // Nothing outlives the tab: no token in localStorage.
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('session')))).toEqual([]);

  // Close to expiry: on the next load the page refreshes first (a new ID token, the refresh token rotated).
  // A second later, so the new ID token's iat differs (an ID token has no jti: same second, same claims, same bytes).
  await page.waitForTimeout(1100);
  await page.evaluate((k) => {
    const s = JSON.parse(sessionStorage.getItem(k)!) as { expiresAt: number };
    sessionStorage.setItem(k, JSON.stringify({ ...s, expiresAt: Date.now() + 30_000 }));
  }, `introflyt.session.${role}`);
  await page.reload();
  await page.locator('#sign-out').waitFor();
  const second = (await stored(page, role))!;
  expect(second.token).not.toBe(first.token);
  expect(second.refreshToken).not.toBe(first.refreshToken);
  expect(second.expiresAt).toBeGreaterThan(Date.now() + 10 * 60_000);
  expect((await env.sys.http('GET', probe, { token: second.token })).status).toBe(200);
  // The rotated-out refresh token is dead.
  expect((await refreshWith(first.refreshToken!)).status).toBe(400);

  // Sign out: the provider's logout page, then back on the page's sign-in step.
  await page.locator('#sign-out').click();
  await page.locator('#confirm-logout').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  if (role === 'participant') await screenshot(page, 'sign-in-provider-logout');
  await page.locator('#confirm-logout').click();
  await page.waitForURL((url) => url.pathname === path);
  await page.locator('#sign-in').waitFor();
  await expect(page.locator('[role="alert"]').first().innerText()).resolves.toMatch(/logget ut|signed out/);
  expect(await stored(page, role)).toBeUndefined();

  // The old token (still unexpired) and the old refresh token are refused.
  const after = await env.sys.http('GET', probe, { token: second.token });
  expect(after.status).toBe(401);
  expect(after.raw).toContain('signed out');
  const refused = await refreshWith(second.refreshToken!);
  expect(refused.status).toBe(400);
  expect(refused.body.error).toBe('invalid_grant');
  await context.close();
});

test('the provider’s sign-in page is the demo user picker: Norwegian, only the role’s users, axe clean; a fresh sign-in is asked for every time', async () => {
  const { context, page } = await env.newPage('participant');
  await page.goto('/participant/');
  await page.locator('#sign-in').click();
  await page.locator('#demo-user').waitFor();
  expect(new URL(page.url()).pathname).toMatch(/^\/oidc\/interaction\//);
  expect(await page.getAttribute('html', 'lang')).toBe('nb');
  expect(await page.locator('h1').innerText()).toBe('Logg inn');
  expect(await page.locator('label[for="demo-user"]').innerText()).toBe('Demobruker');
  const options = await page.locator('#demo-user option').allInnerTexts();
  expect(options).toHaveLength(DEMO_PARTICIPANTS.length);
  for (const o of options) expect(o).toContain('deltaker');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'sign-in-provider-picker');
  await page.locator('#demo-user').selectOption('p2');
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.locator('#sign-out').waitFor();
  // A second sign-in in the same browser still shows the picker (prompt=login): no silent sign-in of the next person.
  await page.evaluate(() => sessionStorage.clear());
  await page.goto('/participant/');
  await page.locator('#sign-in').click();
  await page.locator('#demo-user').waitFor();
  await context.close();
});

test('a sign-in answer that was not started in this tab is refused (state), and an unknown answer leaves no session', async () => {
  const { context, page } = await env.newPage('participant');
  await page.goto('/participant/?code=forged&state=forged');
  await page.locator('#sign-in').waitFor();
  expect(await page.locator('[role="alert"]').first().innerText()).toContain('not started in this tab');
  expect(await stored(page, 'participant')).toBeUndefined();
  expect(new URL(page.url()).search).toBe('');
  await context.close();
});

test(`the participant page signs out after ${PARTICIPANT_IDLE_MINUTES} minutes without use and shows nothing personal`, async () => {
  const { context, page } = await env.newPage('participant');
  await page.clock.install();
  await signInAs(page, '/participant/', DEMO_PARTICIPANTS[1]!.username);
  await page.locator('#sign-out').waitFor();
  const before = (await stored(page, 'participant'))!;
  // Use just before the limit keeps the session.
  await page.clock.runFor((PARTICIPANT_IDLE_MINUTES - 1) * 60_000);
  await page.mouse.click(5, 5);
  await page.clock.runFor(2 * 60_000);
  expect(await stored(page, 'participant')).toBeDefined();
  // Then the full idle time without use.
  await page.clock.runFor(PARTICIPANT_IDLE_MINUTES * 60_000 + 10_000);
  await page.locator('#sign-in').waitFor();
  expect(await page.locator('[role="alert"]').first().innerText()).toContain(`${PARTICIPANT_IDLE_MINUTES} minutter`);
  expect(await stored(page, 'participant')).toBeUndefined();
  expect(await page.locator('main').innerText()).not.toContain(DEMO_PARTICIPANTS[1]!.givenName);
  // The refresh token was revoked on the way out.
  expect((await refreshWith(before.refreshToken!)).status).toBe(400);
  await context.close();
});
