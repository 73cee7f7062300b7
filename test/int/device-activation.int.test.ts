/**
 * The activation path for participants without ID-porten (shared/identity/device-activation.ts)
 * as an attacker meets it: a code is single use, dies after 15 minutes, dies
 * after 5 wrong tries, can be made only by an assigned adviser of the same
 * municipality, redemption is rate-limited per source; a revoked binding gets
 * no token, and a token it already had is refused at once; the first ID-porten
 * sign-in ends every binding. The happy path: a bound device checks in and
 * reads its own data with the same handlers as an ID-porten sign-in.
 */
import { webcrypto } from 'node:crypto';
import { CODE_ALPHABET, CODE_MAX_TRIES, codeHash, REDEEM_PER_SOURCE_PER_HOUR, signedText } from '../../shared/identity/device-activation.js';
import { issueActivationCode } from '../../shared/identity/device-sign-in.js';
import { DEMO_PARTICIPANTS, demoSub } from '../../infra/local/seed.js';
import { staff, startTestSystem, type TestSystem } from '../support/local-system.js';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem({ seed: true });
});
afterAll(async () => {
  await sys?.stop();
});

const P1 = DEMO_PARTICIPANTS[0]!; // adviser1's
const P2 = DEMO_PARTICIPANTS[1]!; // adviser1's
const P3 = DEMO_PARTICIPANTS[2]!; // adviser1's
const adviser1 = staff(demoSub('adviser1'), ['adviser']);
const adviser2 = staff(demoSub('adviser2'), ['adviser']);
const json = { 'content-type': 'application/json' };
let redemptions = 0;

interface Device {
  keys: CryptoKeyPair;
  publicKey: JsonWebKey;
}

async function newDevice(): Promise<Device> {
  const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  return { keys, publicKey: await webcrypto.subtle.exportKey('jwk', keys.publicKey) };
}

async function post(path: string, body: unknown): Promise<{ status: number; body: Record<string, string> }> {
  const res = await fetch(`${sys.baseUrl}${path}`, { method: 'POST', headers: json, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

async function newCode(participantId: string, who = adviser1): Promise<string> {
  const r = await sys.http('POST', `/participants/${participantId}/activation-codes`, { token: await sys.tokenFor(who) });
  expect(r.status).toBe(201);
  return r.body!.code as string;
}

async function redeem(code: string, device: Device) {
  redemptions++;
  // The API's public route, as on AWS (no token).
  return post('/device-activations', { code, publicKey: device.publicKey });
}

async function deviceToken(device: Device, participantId: string, bindingId: string) {
  const { body } = await post('/oidc/device/challenge', {});
  const sig = await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, device.keys.privateKey, Buffer.from(signedText(bindingId, body.challenge!)));
  return post('/oidc/device/token', { participantId, bindingId, challenge: body.challenge, signature: Buffer.from(sig).toString('base64url') });
}

async function bind(participantId: string): Promise<{ device: Device; bindingId: string; token: string }> {
  const device = await newDevice();
  const r = await redeem(await newCode(participantId), device);
  expect(r.status).toBe(201);
  expect(r.body.participantId).toBe(participantId);
  expect(r.body.username).toBe(r.body.bindingId);
  const t = await deviceToken(device, participantId, r.body.bindingId!);
  expect(t.status).toBe(200);
  return { device, bindingId: r.body.bindingId!, token: t.body.id_token! };
}

test('an assigned adviser gets a code once; only its hash is stored; the access log shows it', async () => {
  const code = await newCode(P1.participantId);
  expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{4}$`));
  const stored = await sys.deps.deviceBindings.findCode(code.slice(0, 4), Math.floor(Date.now() / 1000));
  expect(stored).toMatchObject({ participantId: P1.participantId, municipality: '5001', used: false, tries: 0, codeHash: codeHash(code.replace(/-/g, '')) });
  expect(JSON.stringify(stored)).not.toContain(code.replace(/-/g, '').slice(4));
  expect((await sys.deps.audit.list(P1.participantId)).map((e) => e.purpose)).toContain('participant-activation-code');
});

test('a bound device checks in and reads its own data with participant-scope tokens; nothing of staff', async () => {
  const { token, bindingId } = await bind(P1.participantId);
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
  expect(claims).toMatchObject({ 'cognito:groups': ['participant'], 'custom:municipality': '5001', 'custom:participantId': P1.participantId, 'custom:deviceBinding': bindingId });
  expect((await sys.http('GET', '/me/access-log', { token })).status).toBe(200);
  const checkin = await sys.http('POST', '/checkins', { token, body: { type: 'IN', eventId: webcrypto.randomUUID(), deviceId: 'phone', deviceTime: new Date().toISOString() } });
  // Accepted, or refused by an attendance rule (a day without programme): never by the sign-in.
  expect([200, 201, 409, 422]).toContain(checkin.status);
  expect((await sys.http('GET', '/participants', { token })).status).toBe(403);
  const devices = await sys.http('GET', `/participants/${P1.participantId}/device-bindings`, { token: await sys.tokenFor(adviser1) });
  expect(devices.status).toBe(200);
  expect(devices.body!.devices).toEqual(expect.arrayContaining([expect.objectContaining({ bindingId, active: true })]));
  expect(JSON.stringify(devices.body)).not.toContain('"x"');
});

test('a code works once: the second redemption (another phone) is refused', async () => {
  const code = await newCode(P2.participantId);
  expect((await redeem(code, await newDevice())).status).toBe(201);
  const again = await redeem(code, await newDevice());
  expect(again).toMatchObject({ status: 400, body: { code: 'ACTIVATION_CODE_INVALID' } });
});

test('two phones redeeming one code at the same moment: exactly one binds', async () => {
  const code = await newCode(P2.participantId);
  const [a, b] = await Promise.all([redeem(code, await newDevice()), redeem(code, await newDevice())]);
  expect([a.status, b.status].sort()).toEqual([201, 400]);
});

test('an expired code is refused (15 minutes)', async () => {
  const old = await issueActivationCode({ bindings: sys.deps.deviceBindings }, P3.participantId, '5001', new Date(Date.now() - 16 * 60 * 1000));
  expect((await redeem(old.code, await newDevice())).body.code).toBe('ACTIVATION_CODE_INVALID');
});

test('brute force of one code: a burst of parallel guesses gets 5 comparisons at most, then even the right code is refused', async () => {
  const code = (await newCode(P3.participantId)).replace(/-/g, '');
  const wrong = (i: number) => code.slice(0, 4) + (code.slice(4, 11) + CODE_ALPHABET[(CODE_ALPHABET.indexOf(code[11]!) + 1 + i) % CODE_ALPHABET.length]).slice(0, 8);
  const burst = await Promise.all(Array.from({ length: CODE_MAX_TRIES + 2 }, async (_, i) => redeem(wrong(i), await newDevice())));
  expect(burst.map((r) => r.body.code)).toEqual(burst.map(() => 'ACTIVATION_CODE_INVALID'));
  expect((await sys.deps.deviceBindings.findCode(code.slice(0, 4), Math.floor(Date.now() / 1000)))!.tries).toBe(CODE_MAX_TRIES);
  expect((await redeem(code, await newDevice())).body.code).toBe('ACTIVATION_CODE_INVALID');
});

test('a public key with a private part or of another curve is refused', async () => {
  const code = await newCode(P3.participantId);
  const pair = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  redemptions++;
  expect((await post('/device-activations', { code, publicKey: await webcrypto.subtle.exportKey('jwk', pair.privateKey) })).body.code).toBe('PUBLIC_KEY_INVALID');
});

test('another municipality’s adviser, an unassigned adviser and a participant cannot make codes', async () => {
  expect((await sys.http('POST', `/participants/${P1.participantId}/activation-codes`, { token: await sys.tokenFor(staff(demoSub('adviser1'), ['adviser'], '0301')) })).status).toBe(404);
  const unassigned = await sys.http('POST', `/participants/${P1.participantId}/activation-codes`, { token: await sys.tokenFor(adviser2) });
  expect(unassigned.status).toBe(403);
  expect((await sys.http('DELETE', `/participants/${P1.participantId}/device-bindings`, { token: await sys.tokenFor(adviser2) })).status).toBe(403);
  expect((await sys.http('POST', `/participants/${P1.participantId}/activation-codes`, { token: await sys.tokenFor({ sub: 'x', groups: ['participant'], municipality: '5001', participantId: P1.participantId }) })).status).toBe(403);
});

test('a revoked binding: its token is refused at once and it gets no new one', async () => {
  const { device, bindingId, token } = await bind(P1.participantId);
  const r = await sys.http('DELETE', `/participants/${P1.participantId}/device-bindings`, { token: await sys.tokenFor(adviser1) });
  expect(r.status).toBe(200);
  expect(r.body!.revoked).toBeGreaterThanOrEqual(1);
  const refused = await sys.http('GET', '/me/access-log', { token });
  expect(refused).toMatchObject({ status: 401, body: { code: 'DEVICE_BINDING_ENDED' } });
  expect((await deviceToken(device, P1.participantId, bindingId)).body.code).toBe('DEVICE_BINDING_INVALID');
});

test('a signature by another key, a reused challenge and a binding of another participant are refused', async () => {
  const { device, bindingId } = await bind(P2.participantId);
  const thief = await newDevice();
  expect((await deviceToken(thief, P2.participantId, bindingId)).body.code).toBe('CHALLENGE_INVALID');
  expect((await deviceToken(device, P3.participantId, bindingId)).body.code).toBe('DEVICE_BINDING_INVALID');
  const { body } = await post('/oidc/device/challenge', {});
  const sig = Buffer.from(await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, device.keys.privateKey, Buffer.from(signedText(bindingId, body.challenge!)))).toString('base64url');
  expect((await post('/oidc/device/token', { participantId: P2.participantId, bindingId, challenge: body.challenge, signature: sig })).status).toBe(200);
  expect((await post('/oidc/device/token', { participantId: P2.participantId, bindingId, challenge: body.challenge, signature: sig })).body.code).toBe('CHALLENGE_INVALID');
});

/** Signs `username` in through the local provider's own page (ID-porten's stand-in), up to the redirect back with a code. */
async function idPortenSignIn(username: string): Promise<URL> {
  const jar = new Map<string, string>();
  const go = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url.startsWith('http') ? url : `${sys.baseUrl}${url}`, { ...init, redirect: 'manual', headers: { ...((init.headers as Record<string, string>) ?? {}), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) jar.set(c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1, c.indexOf(';')));
    return res;
  };
  const verifier = 'v'.repeat(64);
  const challenge = Buffer.from(await webcrypto.subtle.digest('SHA-256', Buffer.from(verifier))).toString('base64url');
  const q = new URLSearchParams({ client_id: 'introflyt-local-client', response_type: 'code', redirect_uri: `${sys.baseUrl}/participant/`, scope: 'openid offline_access', code_challenge: challenge, code_challenge_method: 'S256', state: 's', nonce: 'n', introflyt_role: 'participant', prompt: 'login' });
  const interaction = (await go(`/oidc/auth?${q.toString()}`)).headers.get('location')!;
  const posted = await go(interaction, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `username=${encodeURIComponent(username)}` });
  return new URL((await go(posted.headers.get('location')!)).headers.get('location')!);
}

test('the first ID-porten sign-in (through the local provider) ends the participant’s bindings', async () => {
  const { token } = await bind(P3.participantId);
  expect((await sys.http('GET', '/me/access-log', { token })).status).toBe(200);
  expect((await idPortenSignIn(P3.username)).searchParams.get('code')).toEqual(expect.any(String));
  expect((await sys.http('GET', '/me/access-log', { token })).body).toMatchObject({ code: 'DEVICE_BINDING_ENDED' });
  const list = await sys.http('GET', `/participants/${P3.participantId}/device-bindings`, { token: await sys.tokenFor(adviser1) });
  expect((list.body!.devices as { revokedBy?: string }[]).map((d) => d.revokedBy)).toEqual((list.body!.devices as unknown[]).map(() => 'ID_PORTEN'));
});

test('brute force from one source: past the hourly limit even a right code is refused (429)', async () => {
  const code = await newCode(P2.participantId);
  let refusedAt: number | undefined;
  for (let i = redemptions; i <= REDEEM_PER_SOURCE_PER_HOUR + 1 && refusedAt === undefined; i++) {
    const r = await redeem('AAAA-AAAA-AAAA', await newDevice());
    if (r.status === 429) refusedAt = i;
  }
  expect(refusedAt).toBeDefined();
  expect(await redeem(code, await newDevice())).toMatchObject({ status: 429, body: { code: 'TOO_MANY_ATTEMPTS' } });
});
