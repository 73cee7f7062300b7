/**
 * The kiosk authorizer's decision (functions/checkin-authorizer/verify-token.ts),
 * without a server: what passes as a kiosk (an access token with the check-in
 * scope of an active device's client, claims from the device item), what passes
 * as a person (the web client's tokens, never with the kiosk group or a device
 * id), what is refused, and that a key set that cannot be fetched is an error
 * (500, the kiosk retries) rather than a refusal.
 */
import { createLocalIssuer, type LocalIssuer } from '../../infra/local/auth.js';
import type { Device } from '../../shared/adapters/kiosk-devices-repo.js';
import { decide, settingsFrom, type AuthorizerSettings } from '../../functions/checkin-authorizer/verify-token.js';

let issuer: LocalIssuer;
let settings: AuthorizerSettings;
const devices: Record<string, Device> = {
  'client-on': { deviceId: 'kiosk-on', municipality: '5001', label: 'On', active: true, registeredAt: '2026-01-01T00:00:00Z', clientId: 'client-on' },
  'client-off': { deviceId: 'kiosk-off', municipality: '5001', label: 'Off', active: false, registeredAt: '2026-01-01T00:00:00Z', clientId: 'client-off' },
};
const byClient = async (clientId: string) => devices[clientId];

beforeAll(async () => {
  issuer = await createLocalIssuer();
  settings = settingsFrom({ TOKEN_ISSUER: issuer.issuer, TOKEN_JWKS: JSON.stringify(issuer.jwks()), WEB_CLIENT_ID: issuer.audience });
});

test("a device's client-credentials token with the check-in scope: a kiosk, with municipality and device id from the device item", async () => {
  const token = await issuer.issueAccessToken({ clientId: 'client-on', scope: 'introflyt/checkin', ttlSeconds: 900 });
  expect(await decide(`Bearer ${token}`, settings, byClient)).toEqual({
    allow: true,
    kind: 'device',
    context: { sub: 'client-on', client_id: 'client-on', token_use: 'access', scope: 'introflyt/checkin', 'cognito:groups': '[kiosk]', 'custom:municipality': '5001', 'custom:deviceId': 'kiosk-on' },
  });
});

test('refused: an inactive or unknown device, no token, a bad token, a token for another audience', async () => {
  const off = await issuer.issueAccessToken({ clientId: 'client-off', scope: 'introflyt/checkin', ttlSeconds: 900 });
  const unknown = await issuer.issueAccessToken({ clientId: 'client-nobody', scope: 'introflyt/checkin', ttlSeconds: 900 });
  const otherScope = await issuer.issueAccessToken({ clientId: 'client-on', scope: 'introflyt/admin', ttlSeconds: 900 });
  const otherAudience = await issuer.issueToken({ sub: 'u', groups: ['participant'], municipality: '5001', participantId: 'p-1', audience: 'another-client' });
  expect(await decide(off, settings, byClient)).toEqual({ allow: false, reason: 'DEVICE_INACTIVE' });
  expect(await decide(unknown, settings, byClient)).toEqual({ allow: false, reason: 'UNKNOWN_DEVICE' });
  expect(await decide(otherScope, settings, byClient)).toEqual({ allow: false, reason: 'AUDIENCE' });
  expect(await decide(otherAudience, settings, byClient)).toEqual({ allow: false, reason: 'AUDIENCE' });
  expect(await decide(undefined, settings, byClient)).toEqual({ allow: false, reason: 'NO_TOKEN' });
  expect(await decide('Bearer ', settings, byClient)).toEqual({ allow: false, reason: 'NO_TOKEN' });
  expect(await decide('Bearer not.a.token', settings, byClient)).toEqual({ allow: false, reason: 'INVALID_TOKEN' });
  const forger = await createLocalIssuer();
  expect(await decide(await forger.issueAccessToken({ clientId: 'client-on', scope: 'introflyt/checkin', ttlSeconds: 900 }), settings, byClient)).toEqual({ allow: false, reason: 'INVALID_TOKEN' });
});

test("a person's token passes as the JWT authorizer would pass it, but never with the kiosk group or a device id", async () => {
  const token = await issuer.issueToken({ sub: 'sub-x', groups: ['participant', 'kiosk'], municipality: '5001', participantId: 'p-1', deviceId: 'kiosk-on' });
  const d = await decide(token, settings, byClient);
  expect(d).toMatchObject({ allow: true, kind: 'user', context: { sub: 'sub-x', 'cognito:groups': '[participant]', 'custom:municipality': '5001', 'custom:participantId': 'p-1' } });
  expect(d.allow && d.context['custom:deviceId']).toBeUndefined();
  const onlyKiosk = await decide(await issuer.issueToken({ sub: 'sub-y', groups: ['kiosk'], municipality: '5001', deviceId: 'kiosk-on' }), settings, byClient);
  expect(onlyKiosk.allow && onlyKiosk.context['cognito:groups']).toBeUndefined();
});

test('a key set that cannot be fetched is an error (API Gateway answers 500), not a refusal; a bad environment fails fast', async () => {
  const unreachable = settingsFrom({ TOKEN_ISSUER: issuer.issuer, TOKEN_JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json', WEB_CLIENT_ID: issuer.audience });
  const token = await issuer.issueAccessToken({ clientId: 'client-on', scope: 'introflyt/checkin', ttlSeconds: 900 });
  await expect(decide(token, unreachable, byClient)).rejects.toThrow();
  expect(() => settingsFrom({ TOKEN_ISSUER: issuer.issuer, WEB_CLIENT_ID: 'x' })).toThrow('TOKEN_JWKS_URL or TOKEN_JWKS');
  expect(() => settingsFrom({ TOKEN_ISSUER: 'not a url', TOKEN_JWKS: '{}', WEB_CLIENT_ID: 'x' })).toThrow('TOKEN_ISSUER');
});

test('the participant pool’s two clients (the page’s and the bound phones’ device client, comma-separated): a token of either passes as a person, a third audience not; a device client’s access token is never a kiosk', async () => {
  const two = settingsFrom({ TOKEN_ISSUER: issuer.issuer, TOKEN_JWKS: JSON.stringify(issuer.jwks()), WEB_CLIENT_ID: `${issuer.audience},device-client-id` });
  const phone = await issuer.issueToken({ sub: 's', groups: ['participant'], municipality: '5001', participantId: 'p-1', deviceBinding: 'b-1', audience: 'device-client-id' });
  expect(await decide(phone, two, byClient)).toMatchObject({ allow: true, kind: 'user', context: { 'custom:participantId': 'p-1' } });
  expect(await decide(phone, settings, byClient)).toEqual({ allow: false, reason: 'AUDIENCE' });
  expect(await decide(await issuer.issueToken({ sub: 's', groups: ['participant'], municipality: '5001', participantId: 'p-1', audience: 'third' }), two, byClient)).toEqual({ allow: false, reason: 'AUDIENCE' });
  const scoped = await issuer.issueAccessToken({ clientId: 'device-client-id', scope: 'introflyt/checkin', ttlSeconds: 900 });
  expect(await decide(scoped, two, byClient)).toMatchObject({ allow: true, kind: 'user' });
});
