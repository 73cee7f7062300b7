/**
 * Issue 8 item 3 over HTTP against the local system: a kiosk is a device
 * with its own credential. An admin registers it (POST /devices) and sees
 * its secret once; the kiosk exchanges the secret at the local issuer's
 * token endpoint (POST /oauth2/token, OAuth 2.0 client-credentials grant,
 * HTTP Basic, form-encoded, scope introflyt/checkin) for a short-lived access
 * token that only the kiosk routes accept; an admin deactivates it and its
 * next request is refused, even with a token that has not expired.
 */
import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import { createLocalIssuer } from '../../infra/local/auth.js';
import { seedCard, seedParticipant } from '../support/api-seed.js';
import { participant, staff, startTestSystem, type HttpReply, type TestSystem } from '../support/local-system.js';

let sys: TestSystem;
const ADMIN = staff('admin-dev', ['admin']);

async function as(who: Parameters<TestSystem['tokenFor']>[0], method: string, path: string, body?: unknown): Promise<HttpReply> {
  return sys.http(method, path, { token: await sys.tokenFor(who), ...(body !== undefined ? { body } : {}) });
}

/** POST /oauth2/token as a kiosk sends it. */
function tokenRequest(o: { clientId?: string; secret?: string; form?: string; headers?: Record<string, string>; method?: string }): Promise<HttpReply> {
  const basic: Record<string, string> = o.clientId !== undefined ? { authorization: `Basic ${Buffer.from(`${o.clientId}:${o.secret ?? ''}`).toString('base64')}` } : {};
  const method = o.method ?? 'POST';
  return sys.http(method, '/oauth2/token', {
    ...(method === 'GET' ? {} : { rawBody: o.form ?? 'grant_type=client_credentials&scope=introflyt%2Fcheckin' }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...basic, ...o.headers },
  });
}

interface Credential {
  clientId: string;
  clientSecret: string;
  scope: string;
  tokenPath: string;
  setupCode: string;
}

async function register(deviceId: string): Promise<Credential> {
  const r = await as(ADMIN, 'POST', '/devices', { deviceId, label: 'Læringssenteret' });
  expect(r.status).toBe(201);
  return r.body!.credential as Credential;
}

async function exchange(c: Credential): Promise<string> {
  const r = await tokenRequest({ clientId: c.clientId, secret: c.clientSecret });
  expect(r.status).toBe(200);
  return String(r.body!.access_token);
}

const checkinBody = (deviceId: string) => ({ eventId: crypto.randomUUID(), type: 'IN', deviceId, deviceTime: sys.clock!.now().toISOString(), kiosk: { cardNumber: 'DEVCARD01', pin: '2580' } });

beforeAll(async () => {
  sys = await startTestSystem({ clock: '2026-10-15T08:00:00Z' });
  await seedParticipant(sys.deps, 'p-dev');
  await seedCard(sys.deps, 'p-dev', 'DEVCARD01', '2580');
}, 120_000);

afterAll(() => sys?.stop());

test('an admin registers a kiosk and sees its secret once; the kiosk exchanges it for a 15-minute token that only the kiosk routes take', async () => {
  const c = await register('kiosk-new');
  expect(c).toEqual({ clientId: expect.stringMatching(/^[a-z0-9]{26}$/), clientSecret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), scope: 'introflyt/checkin', tokenPath: '/oauth2/token', setupCode: `kiosk-new:${c.clientId}:${c.clientSecret}` });
  const stored = await sys.deps.kioskDevices.getDevice('kiosk-new');
  expect(stored).toMatchObject({ active: true, clientId: c.clientId, credentialHash: createHash('sha256').update(`DEVICE:${c.clientSecret}`).digest('hex') });
  expect(JSON.stringify(stored)).not.toContain(c.clientSecret);

  const grant = await tokenRequest({ clientId: c.clientId, secret: c.clientSecret });
  expect(grant.status).toBe(200);
  expect(grant.headers['cache-control']).toBe('no-store');
  expect(grant.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 900 });
  const claims = decodeJwt(String(grant.body!.access_token));
  expect(claims).toMatchObject({ sub: c.clientId, client_id: c.clientId, token_use: 'access', scope: 'introflyt/checkin' });
  expect(claims.aud).toBeUndefined();
  expect(claims.exp! - claims.iat!).toBe(900);
  // The scope may be left out: the client's scopes are granted.
  expect((await tokenRequest({ clientId: c.clientId, secret: c.clientSecret, form: 'grant_type=client_credentials' })).status).toBe(200);

  const token = String(grant.body!.access_token);
  const identified = await sys.http('POST', '/kiosk-identifications', { token, body: { cardNumber: 'DEVCARD01', pin: '2580' } });
  expect(identified.status).toBe(201);
  expect((await sys.http('POST', '/checkins', { token, body: checkinBody('kiosk-new') })).status).toBe(201);
  // Not a token for anything else: the JWT routes do not know its client.
  expect((await sys.http('GET', '/me/attendance', { token, query: { month: '2026-10' } })).status).toBe(401);
  expect((await sys.http('GET', '/participants', { token })).status).toBe(401);
});

test('the token endpoint refuses what the client-credentials grant does not allow (RFC 6749 §5.2)', async () => {
  const c = await register('kiosk-rfc');
  const cases: [string, Parameters<typeof tokenRequest>[0], number, string][] = [
    ['a wrong secret', { clientId: c.clientId, secret: `${c.clientSecret}x` }, 401, 'invalid_client'],
    ['an unknown client', { clientId: 'nosuchclient', secret: c.clientSecret }, 401, 'invalid_client'],
    ['no client authentication', {}, 401, 'invalid_client'],
    ['another grant', { clientId: c.clientId, secret: c.clientSecret, form: 'grant_type=password&username=a&password=b' }, 400, 'unsupported_grant_type'],
    ['no grant type', { clientId: c.clientId, secret: c.clientSecret, form: 'scope=introflyt%2Fcheckin' }, 400, 'invalid_request'],
    ['a scope the client lacks', { clientId: c.clientId, secret: c.clientSecret, form: 'grant_type=client_credentials&scope=introflyt%2Fadmin' }, 400, 'invalid_scope'],
    ['the secret in the body', { clientId: c.clientId, secret: c.clientSecret, form: `grant_type=client_credentials&client_secret=${c.clientSecret}` }, 400, 'invalid_request'],
    ['a repeated parameter', { clientId: c.clientId, secret: c.clientSecret, form: 'grant_type=client_credentials&grant_type=client_credentials' }, 400, 'invalid_request'],
    ['another client named in the body', { clientId: c.clientId, secret: c.clientSecret, form: 'grant_type=client_credentials&client_id=other' }, 400, 'invalid_request'],
    ['JSON instead of a form', { clientId: c.clientId, secret: c.clientSecret, form: '{"grant_type":"client_credentials"}', headers: { 'content-type': 'application/json' } }, 400, 'invalid_request'],
    ['GET', { clientId: c.clientId, secret: c.clientSecret, method: 'GET' }, 405, 'invalid_request'],
  ];
  for (const [what, request, status, error] of cases) {
    const r = await tokenRequest(request);
    expect({ what, status: r.status, error: r.body?.error }).toEqual({ what, status, error });
    expect(r.body?.access_token).toBeUndefined();
    if (status === 401) expect(r.headers['www-authenticate']).toBe('Basic realm="introflyt"');
  }
});

test('an admin deactivates the kiosk: its next request is refused with a token still valid, and it gets no new token', async () => {
  const c = await register('kiosk-gone');
  const token = await exchange(c);
  expect((await sys.http('POST', '/checkins', { token, body: checkinBody('kiosk-gone') })).status).toBe(201);

  // Only an admin of its municipality.
  expect((await as(staff('adviser-dev', ['adviser']), 'POST', '/devices/kiosk-gone/deactivation')).body?.code).toBe('FORBIDDEN_ROLE');
  expect((await as(staff('admin-oslo', ['admin'], '0301'), 'POST', '/devices/kiosk-gone/deactivation')).status).toBe(404);
  expect((await as(ADMIN, 'POST', '/devices/no-such-kiosk/deactivation')).status).toBe(404);

  sys.clock!.advance(60_000);
  const off = await as(ADMIN, 'POST', '/devices/kiosk-gone/deactivation');
  expect([off.status, off.body]).toEqual([200, { deviceId: 'kiosk-gone', municipality: '5001', label: 'Læringssenteret', active: false, deactivatedAt: '2026-10-15T08:01:00.000Z' }]);
  // The token has 14 minutes left: refused all the same, on both kiosk routes.
  expect((await sys.http('POST', '/checkins', { token, body: checkinBody('kiosk-gone') })).status).toBe(403);
  expect((await sys.http('POST', '/kiosk-identifications', { token, body: { cardNumber: 'DEVCARD01', pin: '2580' } })).status).toBe(403);
  const again = await tokenRequest({ clientId: c.clientId, secret: c.clientSecret });
  expect([again.status, again.body?.error]).toEqual([401, 'invalid_client']);
  // Deactivating again changes nothing; the id is never registered again.
  sys.clock!.advance(60_000);
  expect((await as(ADMIN, 'POST', '/devices/kiosk-gone/deactivation')).body?.deactivatedAt).toBe('2026-10-15T08:01:00.000Z');
  expect((await as(ADMIN, 'POST', '/devices', { deviceId: 'kiosk-gone', label: 'Again' })).body?.code).toBe('DEVICE_EXISTS');
  expect(await sys.deps.kioskDevices.getDevice('kiosk-gone')).toMatchObject({ active: false, deactivatedByRef: expect.stringMatching(/^staff-/) });
});

test('the kiosk authorizer refuses an expired token and a token signed by another key; a participant passes through it as a participant', async () => {
  const c = await register('kiosk-auth');
  const expired = await sys.system.issuer.issueAccessToken({ clientId: c.clientId, scope: 'introflyt/checkin', ttlSeconds: 60, issuedAt: Math.floor(Date.now() / 1000) - 120 });
  expect((await sys.http('POST', '/checkins', { token: expired, body: checkinBody('kiosk-auth') })).status).toBe(403);
  const forger = await createLocalIssuer();
  const forged = await forger.issueAccessToken({ clientId: c.clientId, scope: 'introflyt/checkin', ttlSeconds: 900 });
  expect((await sys.http('POST', '/checkins', { token: forged, body: checkinBody('kiosk-auth') })).status).toBe(403);
  expect((await sys.http('POST', '/checkins', { body: checkinBody('kiosk-auth') })).status).toBe(401);
  const app = await as(participant('p-dev'), 'POST', '/checkins', { eventId: crypto.randomUUID(), type: 'OUT', deviceId: 'phone', deviceTime: sys.clock!.now().toISOString() });
  expect(app.status).toBe(201);
});
