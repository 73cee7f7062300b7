/**
 * A participant without ID-porten signs in by the activation path (issue 13
 * item 3): the adviser page shows a one-time code once, the participant types
 * it on their phone's sign-in step, the phone binds a key it cannot export and
 * shows the participant's own page; the same phone signs in again with its key;
 * the adviser ends the binding and the phone's token gets 401.
 */
import { DEMO_PARTICIPANTS } from '../../infra/local/seed.js';
import { screenshot, seriousViolations, signInAs, startBrowserEnv, type BrowserEnv } from './browser.js';

let env: BrowserEnv;
beforeAll(async () => {
  env = await startBrowserEnv();
});
afterAll(async () => {
  await env?.close();
});

const P = DEMO_PARTICIPANTS[1]!; // adviser1's
const claimsOf = (token: string): Record<string, unknown> => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

test('the adviser shows a code once; the participant activates their phone with it, sees their page, signs in again with the phone; the adviser ends it', async () => {
  const adviser = await env.newPage('adviser');
  await signInAs(adviser.page, '/adviser/', 'adviser1');
  await adviser.page.locator(`[data-participant="${P.participantId}"]`).click();
  const section = adviser.page.locator(`[data-activation="${P.participantId}"]`);
  await section.waitFor();
  await section.locator('[data-do="activation-code"]').click();
  const shown = section.locator('[data-activation-code]');
  await shown.waitFor();
  const code = (await shown.getAttribute('data-activation-code'))!;
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  expect(await seriousViolations(adviser.page)).toEqual([]);
  await screenshot(adviser.page, 'activation-1-adviser-code');

  const phone = await env.newPage('participant');
  await phone.page.goto('/participant/');
  await phone.page.locator('#activation-toggle').click();
  await phone.page.locator('#activation-code').fill(code.toLowerCase());
  expect(await seriousViolations(phone.page)).toEqual([]);
  await screenshot(phone.page, 'activation-2-phone-code');
  await phone.page.getByRole('button', { name: 'Aktiver denne telefonen' }).click();
  await phone.page.locator('#sign-out').waitFor();
  await phone.page.locator('[data-tab]').first().waitFor();
  const s = JSON.parse((await phone.page.evaluate(() => sessionStorage.getItem('introflyt.session.participant')))!) as { token: string; device?: boolean };
  const claims = claimsOf(s.token);
  expect(claims).toMatchObject({ 'cognito:groups': ['participant'], 'custom:participantId': P.participantId, 'custom:municipality': '5001' });
  expect(claims['custom:deviceBinding']).toEqual(expect.any(String));
  expect((await env.sys.http('GET', '/me/access-log', { token: s.token })).status).toBe(200);
  // The phone's key cannot be exported, even by the page itself.
  const exported = await phone.page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const req = indexedDB.open('introflyt-device', 1);
        req.onsuccess = () => {
          const get = req.result.transaction('binding').objectStore('binding').get('participant');
          get.onsuccess = () => {
            const key = (get.result as { privateKey: CryptoKey }).privateKey;
            crypto.subtle.exportKey('jwk', key).then(
              () => resolve('exported'),
              () => resolve(`refused extractable=${String(key.extractable)}`),
            );
          };
        };
      }),
  );
  expect(exported).toBe('refused extractable=false');
  await screenshot(phone.page, 'activation-3-phone-signed-in');

  // A new tab on the same phone: no session yet, but the phone's binding signs in with one tap.
  const again = await phone.context.newPage();
  await again.goto('/participant/');
  await again.locator('#device-sign-in').click();
  await again.locator('#sign-out').waitFor();
  const s2 = JSON.parse((await again.evaluate(() => sessionStorage.getItem('introflyt.session.participant')))!) as { token: string };
  expect(claimsOf(s2.token)['custom:deviceBinding']).toBe(claims['custom:deviceBinding']);

  // Close to expiry: the next load signs a fresh challenge first (no refresh token on a bound phone).
  await again.waitForTimeout(1100);
  await again.evaluate(() => {
    const k = 'introflyt.session.participant';
    sessionStorage.setItem(k, JSON.stringify({ ...(JSON.parse(sessionStorage.getItem(k)!) as object), expiresAt: Date.now() + 30_000 }));
  });
  await again.reload();
  await again.locator('#sign-out').waitFor();
  const s3 = JSON.parse((await again.evaluate(() => sessionStorage.getItem('introflyt.session.participant')))!) as { token: string; expiresAt: number };
  expect(s3.token).not.toBe(s2.token);
  expect(s3.expiresAt).toBeGreaterThan(Date.now() + 10 * 60_000);

  // The code was shown once: a reload of the adviser page does not show it again; the phone is listed, and the adviser ends it.
  await adviser.page.reload();
  await adviser.page.locator(`[data-participant="${P.participantId}"]`).click();
  await section.waitFor();
  expect(await section.locator('[data-activation-code]').count()).toBe(0);
  await section.locator('[data-active="true"]').first().waitFor();
  await section.locator('[data-do="revoke-devices"]').click();
  await section.locator('[data-active="true"]').waitFor({ state: 'detached' });
  expect((await env.sys.http('GET', '/me/access-log', { token: s3.token })).status).toBe(401);
  await adviser.context.close();
  await phone.context.close();
});
