/**
 * The pages' OpenID Connect client: authorization code with PKCE (RFC 7636,
 * S256), the token endpoint (code exchange, refresh), revocation (RFC 7009)
 * and sign-out, against either the local provider (`npm start`, /oidc) or a
 * Cognito user pool's domain on AWS (which federates ID-porten or the
 * municipality's directory). Which endpoints and client: `__AUTH__`, set by
 * web/build.ts. No library: the few requests are plain fetches.
 *
 * The ID token is not verified here (the page holds no key and trusts the
 * token endpoint it reached over TLS, OIDC Core 3.1.3.7); the API verifies it
 * on every request. The page checks only what protects the flow itself:
 * `state` (CSRF on the redirect) and `nonce` (an ID token made for this sign-in).
 */

export type Pool = 'participant' | 'staff';

/** One user pool's (or the local provider's) endpoints and the pages' client in it. */
export interface PoolEndpoints {
  kind: 'oidc' | 'cognito';
  authorize: string;
  token: string;
  revoke: string;
  /** RP-initiated logout (`end_session_endpoint` locally, Cognito's `/logout`). */
  logout: string;
  clientId: string;
  /** Cognito: the federated provider's name, so the hosted UI sends people straight there. */
  identityProvider?: string;
  /** Cognito: the user pool API (GlobalSignOut), `https://cognito-idp.<region>.amazonaws.com/`. */
  userPoolApi?: string;
  /** Cognito, participant pool: the bound phones' app client (custom authentication only; web/src/lib/activation.ts). */
  deviceClientId?: string;
}

export interface TokenSet {
  idToken: string;
  accessToken: string;
  refreshToken?: string;
  /** epoch ms */
  expiresAt: number;
}

export class SignInError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

export const endpointsFor = (pool: Pool): PoolEndpoints => __AUTH__[pool];

function b64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(bytes = 32): string {
  return b64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The claims of a JWT, decoded without verifying (the API verifies). */
export function jwtClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (part === undefined) throw new SignInError('BAD_TOKEN', 'The sign-in returned no valid ID token');
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

interface PendingSignIn {
  state: string;
  verifier: string;
  nonce: string;
  redirectUri: string;
}

const PENDING = (pool: Pool, role: string): string => `introflyt.signin.${pool}.${role}`;

/** Starts a sign-in: remembers state, PKCE verifier and nonce for this tab, and returns the authorize URL. */
export async function authorizeUrl(pool: Pool, role: string, redirectUri: string): Promise<string> {
  const ep = endpointsFor(pool);
  const pending: PendingSignIn = { state: randomString(), verifier: randomString(48), nonce: randomString(), redirectUri };
  sessionStorage.setItem(PENDING(pool, role), JSON.stringify(pending));
  const challenge = b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pending.verifier))));
  const params = new URLSearchParams({
    client_id: ep.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: ep.kind === 'cognito' ? 'openid' : 'openid offline_access',
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    // Always ask who is there: a phone or a shared PC must never sign the next person in silently.
    prompt: 'login',
    ...(ep.identityProvider !== undefined ? { identity_provider: ep.identityProvider } : {}),
    // The local provider's picker shows this role's demo users.
    ...(ep.kind === 'oidc' ? { introflyt_role: role } : {}),
  });
  return `${ep.authorize}?${params.toString()}`;
}

async function tokenRequest(ep: PoolEndpoints, body: Record<string, string>): Promise<TokenSet & { refreshToken?: string }> {
  let res: Response;
  try {
    res = await fetch(ep.token, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...body, client_id: ep.clientId }).toString(),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    throw new SignInError('NETWORK', 'The sign-in service did not answer');
  }
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok || typeof json.id_token !== 'string' || typeof json.access_token !== 'string') {
    const code = typeof json.error === 'string' ? json.error : `HTTP_${res.status}`;
    throw new SignInError(code, typeof json.error_description === 'string' ? json.error_description : code);
  }
  const expiresIn = typeof json.expires_in === 'number' ? json.expires_in : 300;
  return {
    idToken: json.id_token,
    accessToken: json.access_token,
    ...(typeof json.refresh_token === 'string' ? { refreshToken: json.refresh_token } : {}),
    expiresAt: Date.now() + expiresIn * 1000,
  };
}

/**
 * Finishes a sign-in on the redirect back: checks `state` against this tab's
 * pending sign-in, exchanges the code with the verifier, checks the nonce.
 * Returns undefined when the URL carries no sign-in answer.
 */
export async function completeSignIn(pool: Pool, role: string, url: URL): Promise<TokenSet | undefined> {
  const code = url.searchParams.get('code');
  const error = url.searchParams.get('error');
  if (code === null && error === null) return undefined;
  const raw = sessionStorage.getItem(PENDING(pool, role));
  sessionStorage.removeItem(PENDING(pool, role));
  const pending = raw === null ? undefined : (JSON.parse(raw) as PendingSignIn);
  if (pending === undefined || url.searchParams.get('state') !== pending.state) throw new SignInError('STATE_MISMATCH', 'This sign-in was not started in this tab');
  if (error !== null) throw new SignInError(error, url.searchParams.get('error_description') ?? error);
  const tokens = await tokenRequest(endpointsFor(pool), { grant_type: 'authorization_code', code: code!, redirect_uri: pending.redirectUri, code_verifier: pending.verifier });
  if (jwtClaims(tokens.idToken).nonce !== pending.nonce) throw new SignInError('NONCE_MISMATCH', 'The ID token was not made for this sign-in');
  return tokens;
}

/** New tokens for a refresh token; the refresh token is kept when the provider does not rotate it (Cognito). */
export async function refresh(pool: Pool, refreshToken: string): Promise<TokenSet> {
  const tokens = await tokenRequest(endpointsFor(pool), { grant_type: 'refresh_token', refresh_token: refreshToken });
  return { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken };
}

/** Revokes a refresh token (and, at Cognito, the tokens made from it). Best effort: sign-out goes on if it fails. */
export async function revoke(pool: Pool, refreshToken: string): Promise<void> {
  const ep = endpointsFor(pool);
  await fetch(ep.revoke, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: refreshToken, token_type_hint: 'refresh_token', client_id: ep.clientId }).toString(),
    cache: 'no-store',
    credentials: 'omit',
  }).catch(() => undefined);
}

/**
 * Cognito only: GlobalSignOut ends every refresh token of the user on every
 * device (the local provider does the same on its logout page).
 */
export async function globalSignOut(pool: Pool, accessToken: string): Promise<void> {
  const ep = endpointsFor(pool);
  if (ep.kind !== 'cognito' || ep.userPoolApi === undefined) return;
  await fetch(ep.userPoolApi, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.GlobalSignOut' },
    body: JSON.stringify({ AccessToken: accessToken }),
    cache: 'no-store',
    credentials: 'omit',
  }).catch(() => undefined);
}

/** Where the browser goes to end the session at the provider, and back to `returnTo`. */
export function logoutUrl(pool: Pool, idToken: string | undefined, returnTo: string): string {
  const ep = endpointsFor(pool);
  const params =
    ep.kind === 'cognito'
      ? new URLSearchParams({ client_id: ep.clientId, logout_uri: returnTo })
      : new URLSearchParams({ client_id: ep.clientId, post_logout_redirect_uri: returnTo, ...(idToken !== undefined ? { id_token_hint: idToken } : {}) });
  return `${ep.logout}?${params.toString()}`;
}
