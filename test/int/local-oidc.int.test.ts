/**
 * The local OpenID Connect provider (infra/local/oidc-provider.ts) as an
 * attacker meets it: PKCE is required and checked, a code is single use and
 * bound to its redirect URI, a foreign redirect URI is refused, the picker
 * refuses a user of another role or an unknown one, a participant without a
 * file gets no token, another origin gets no CORS, and signing out ends the
 * account's sessions on every device (its other refresh tokens die, its
 * tokens get 401).
 */
import { createHash, randomBytes } from 'node:crypto';
import { DEMO_PARTICIPANTS } from '../../infra/local/seed.js';
import { startTestSystem, type TestSystem } from '../support/local-system.js';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem({ seed: true });
});
afterAll(async () => {
  await sys?.stop();
});

const CLIENT = 'introflyt-local-client';
const form = { 'content-type': 'application/x-www-form-urlencoded' };

/** A browser: a cookie jar and manual redirects. */
function browser() {
  const jar = new Map<string, string>();
  return async (url: string, init: RequestInit = {}): Promise<Response> => {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url.startsWith('http') ? url : `${sys.baseUrl}${url}`, { ...init, redirect: 'manual', headers: { ...((init.headers as Record<string, string>) ?? {}), cookie } });
    for (const c of res.headers.getSetCookie()) {
      const kv = c.split(';')[0]!;
      jar.set(kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1));
    }
    return res;
  };
}

interface Flow {
  go: ReturnType<typeof browser>;
  verifier: string;
  redirect: string;
  interaction: string;
}

async function startFlow(role = 'participant', overrides: Record<string, string> = {}): Promise<{ flow: Flow; res: Response }> {
  const go = browser();
  const verifier = randomBytes(32).toString('base64url');
  const redirect = `${sys.baseUrl}/${role}/`;
  const q = new URLSearchParams({
    client_id: CLIENT,
    response_type: 'code',
    redirect_uri: redirect,
    scope: 'openid offline_access',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state: 's',
    nonce: 'n',
    introflyt_role: role,
    prompt: 'login',
    ...overrides,
  });
  for (const [k, v] of Object.entries(overrides)) if (v === '') q.delete(k);
  const res = await go(`/oidc/auth?${q.toString()}`);
  return { flow: { go, verifier, redirect, interaction: res.headers.get('location') ?? '' }, res };
}

/** Picks `username` on the picker; returns the redirect back to the page (with code or error). */
async function pick(flow: Flow, username: string): Promise<URL> {
  const posted = await flow.go(flow.interaction, { method: 'POST', headers: form, body: `username=${encodeURIComponent(username)}` });
  if (posted.status !== 303) throw new Error(`picker answered ${posted.status}`);
  const resumed = await flow.go(posted.headers.get('location')!);
  return new URL(resumed.headers.get('location')!);
}

async function exchange(flow: Flow, code: string, extra: Record<string, string> = {}): Promise<{ status: number; body: Record<string, string> }> {
  const res = await fetch(`${sys.baseUrl}/oidc/token`, {
    method: 'POST',
    headers: form,
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: flow.redirect, client_id: CLIENT, code_verifier: flow.verifier, ...extra }).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

async function signIn(username: string, role = 'participant'): Promise<{ flow: Flow; tokens: Record<string, string> }> {
  const { flow } = await startFlow(role);
  const back = await pick(flow, username);
  const r = await exchange(flow, back.searchParams.get('code')!);
  expect(r.status).toBe(200);
  return { flow, tokens: r.body };
}

const refresh = async (token: string) =>
  (await fetch(`${sys.baseUrl}/oidc/token`, { method: 'POST', headers: form, body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token, client_id: CLIENT }).toString() })).status;

test('a sign-in gives an ID token the API accepts, with the token step’s claims', async () => {
  const { tokens } = await signIn('p1');
  const r = await sys.http('GET', '/me/access-log', { token: tokens.id_token! });
  expect(r.status).toBe(200);
  const claims = JSON.parse(Buffer.from(tokens.id_token!.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
  expect(claims).toMatchObject({ 'cognito:groups': ['participant'], 'custom:municipality': '5001', 'custom:participantId': DEMO_PARTICIPANTS[0]!.participantId, aud: CLIENT });
  expect(JSON.stringify(claims)).not.toContain(DEMO_PARTICIPANTS[0]!.nationalId);
});

test('PKCE is required: no challenge, or the plain method, is refused', async () => {
  for (const overrides of [{ code_challenge: '', code_challenge_method: '' }, { code_challenge_method: 'plain' }] as Record<string, string>[]) {
    const { res } = await startFlow('participant', overrides);
    const location = res.headers.get('location') ?? '';
    expect(location).toContain('error=invalid_request');
  }
});

test('the code needs the right verifier and redirect URI, and works once', async () => {
  const { flow } = await startFlow();
  const code = (await pick(flow, 'p2')).searchParams.get('code')!;
  expect((await exchange(flow, code, { code_verifier: randomBytes(32).toString('base64url') })).body.error).toBe('invalid_grant');
  const { flow: other } = await startFlow();
  const code2 = (await pick(other, 'p2')).searchParams.get('code')!;
  expect((await exchange(other, code2, { redirect_uri: `${sys.baseUrl}/adviser/` })).body.error).toBe('invalid_grant');
  const { flow: third } = await startFlow();
  const code3 = (await pick(third, 'p2')).searchParams.get('code')!;
  expect((await exchange(third, code3)).status).toBe(200);
  expect((await exchange(third, code3)).body.error).toBe('invalid_grant');
});

test('a redirect URI that is not one of the pages is refused before any sign-in', async () => {
  for (const uri of ['https://evil.example/participant/', `${sys.baseUrl}/participant/../evil`, `${sys.baseUrl}/kiosk/`]) {
    const { res } = await startFlow('participant', { redirect_uri: uri });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  }
});

test('the picker refuses a user of another role, and an unknown one, and signs in nobody', async () => {
  const { flow } = await startFlow('participant');
  for (const username of ['adviser1', 'nobody', '']) {
    const r = await flow.go(flow.interaction, { method: 'POST', headers: form, body: `username=${encodeURIComponent(username)}` });
    expect(r.status).toBe(400);
    expect(await r.text()).toContain('Velg en av demobrukerne');
  }
});

test('a participant whose national id is on no file gets no token (access_denied, NOT_A_PARTICIPANT)', async () => {
  const p = DEMO_PARTICIPANTS[5]!;
  const table = sys.deps.participants;
  // Another participant now holds no index item for p6: take it away as a deleted file would.
  const { DeleteCommand } = await import('@aws-sdk/lib-dynamodb');
  const { nationalIdHash } = await import('../../shared/adapters/participant-files-repo.js');
  const { db: doc, name } = sys.deps.table('participants');
  await doc.send(new DeleteCommand({ TableName: name, Key: { pk: `NID#5001#${nationalIdHash(p.nationalId)}`, sk: 'NATIONAL_ID' } }));
  try {
    const { flow } = await startFlow();
    const posted = await flow.go(flow.interaction, { method: 'POST', headers: form, body: `username=${p.username}` });
    const back = new URL((await flow.go(posted.headers.get('location')!)).headers.get('location')!);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('error_description')).toBe('NOT_A_PARTICIPANT');
    expect(back.searchParams.get('code')).toBeNull();
  } finally {
    await table.indexNationalId('5001', p.nationalId, p.participantId);
  }
});

test('a page on another origin cannot use the token endpoint (CORS by client: only the server’s own origins)', async () => {
  const { tokens } = await signIn('p3');
  const res = await fetch(`${sys.baseUrl}/oidc/token`, {
    method: 'POST',
    headers: { ...form, origin: 'https://evil.example' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token!, client_id: CLIENT }).toString(),
  });
  expect(res.headers.get('access-control-allow-origin')).toBeNull();
  expect(res.status).toBe(400);
  // From the page's own origin the same refresh token works.
  const own = await fetch(`${sys.baseUrl}/oidc/token`, {
    method: 'POST',
    headers: { ...form, origin: sys.baseUrl },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token!, client_id: CLIENT }).toString(),
  });
  expect(own.status).toBe(200);
  expect(own.headers.get('access-control-allow-origin')).toBe(sys.baseUrl);
});

test('signing out on one device ends the account everywhere: the other device’s refresh token dies and its token gets 401; other accounts are untouched', async () => {
  const phone = await signIn('adviser2', 'adviser');
  const laptop = await signIn('adviser2', 'adviser');
  const colleague = await signIn('adviser1', 'adviser');
  await new Promise((r) => setTimeout(r, 1100));
  const logout = await phone.flow.go(`/oidc/session/end?${new URLSearchParams({ client_id: CLIENT, id_token_hint: phone.tokens.id_token!, post_logout_redirect_uri: phone.flow.redirect }).toString()}`);
  const page = await logout.text();
  const action = /action="([^"]+)"/.exec(page)![1]!;
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)![1]!;
  const done = await phone.flow.go(action, { method: 'POST', headers: form, body: `xsrf=${xsrf}&logout=yes` });
  expect(done.status).toBe(303);
  expect(await refresh(laptop.tokens.refresh_token!)).toBe(400);
  expect((await sys.http('GET', '/participants', { token: laptop.tokens.id_token! })).status).toBe(401);
  expect(await refresh(colleague.tokens.refresh_token!)).toBe(200);
  expect((await sys.http('GET', '/participants', { token: colleague.tokens.id_token! })).status).toBe(200);
  // A logout without the page's XSRF secret does nothing.
  const forged = await colleague.flow.go('/oidc/session/end/confirm', { method: 'POST', headers: form, body: 'xsrf=forged&logout=yes' });
  expect(forged.status).toBe(400);
  expect((await sys.http('GET', '/participants', { token: colleague.tokens.id_token! })).status).toBe(200);
});
