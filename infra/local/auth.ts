/**
 * The local stand-in for Cognito and API Gateway's JWT authorizer.
 *
 * Tokens: RS256, shaped like a Cognito ID token (`token_use: 'id'`,
 * `cognito:groups`, `custom:*` attributes). The key pair is made once and
 * kept in `<keyDir>/jwt-signing-key.json` (mode 0600), so tokens survive a
 * restart of `npm start`; tests keep it in memory.
 *
 * Verification follows API Gateway's JWT authorizer
 * (docs: "Authorizing API requests with a JWT authorizer"): the token may come
 * with or without `Bearer `; RS256 signature with a known `kid`; `iss` equal
 * to the issuer; `aud` (or `client_id`) one of the audiences; `exp` in the
 * future; `nbf`/`iat`, when present, not in the future. It does not look at
 * groups: handlers do (shared/http/auth.ts).
 *
 * The claims handed on are rendered as API Gateway renders them: every value a
 * string, a list as `[a b]`, numbers in decimal.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, calculateJwkThumbprint, errors, exportJWK, generateKeyPair, importJWK, jwtVerify, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export const LOCAL_ISSUER = 'https://local.introflyt.invalid/idp';
export const LOCAL_AUDIENCE = 'introflyt-local-client';
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

export interface TokenRequest {
  /** Stable, opaque user id (Cognito's `sub`). */
  sub: string;
  /** Cognito groups = roles (shared/contract/routes.ts). Not checked here: a test may issue a token with no or unknown groups. */
  groups: readonly string[];
  /** `custom:municipality`. */
  municipality: string;
  participantId?: string;
  deviceId?: string;
  /** `custom:deviceBinding`: a participant's bound device (the activation path). */
  deviceBinding?: string;
  /** `cognito:username`, e.g. `adviser1`. */
  username?: string;
  ttlSeconds?: number;
  /** Tests: issue as of another time (epoch seconds), e.g. to make an already expired token. */
  issuedAt?: number;
  /** Tests: sign for another audience (a token API Gateway must refuse). */
  audience?: string;
}

/** A machine client's access token, as Cognito issues it for the client-credentials grant. */
export interface AccessTokenRequest {
  clientId: string;
  /** Space-separated scopes, e.g. `introflyt/checkin`. */
  scope: string;
  ttlSeconds: number;
  /** Tests: issue as of another time (epoch seconds). */
  issuedAt?: number;
}

/** `requestContext.authorizer.jwt.claims` as API Gateway delivers it. */
export type ApiGatewayClaims = Record<string, string>;

export type VerifyFailure = 'MISSING' | 'MALFORMED' | 'SIGNATURE' | 'EXPIRED' | 'NOT_YET_VALID' | 'ISSUER' | 'AUDIENCE' | 'ALGORITHM' | 'SIGNED_OUT';

export type VerifyResult =
  | { ok: true; claims: ApiGatewayClaims; payload: JWTPayload }
  | { ok: false; reason: VerifyFailure; message: string };

export interface LocalIssuer {
  readonly issuer: string;
  readonly audience: string;
  readonly kid: string;
  issueToken(request: TokenRequest): Promise<string>;
  /**
   * Shaped like Cognito's client-credentials access token: `sub` and
   * `client_id` the client, `token_use` access, `scope`, no `aud` (so the JWT
   * routes refuse it, as API Gateway's JWT authorizer does on AWS).
   */
  issueAccessToken(request: AccessTokenRequest): Promise<string>;
  /** `authorization` header value (with or without `Bearer `) or bare token. */
  verify(tokenOrHeader: string | undefined): Promise<VerifyResult>;
  /** The public key set, as Cognito publishes it at `/.well-known/jwks.json`. */
  jwks(): { keys: JWK[] };
  /** The signing key (the local OpenID Connect provider signs with it: infra/local/oidc-provider.ts). */
  privateJwk(): JWK;
  /**
   * The account signed out everywhere: its tokens issued up to now are refused
   * from here on (401 SIGNED_OUT). In memory: a restart forgets it, as it
   * forgets the provider's sessions.
   */
  signOutEverywhere(sub: string): void;
}

export interface LocalIssuerOptions {
  /** Folder for the key pair; null or absent: in memory (a fresh key per issuer). */
  keyDir?: string | null;
  issuer?: string;
  audience?: string;
}

const KEY_FILE = 'jwt-signing-key.json';
const ALG = 'RS256';

interface KeyPair {
  privateJwk: JWK;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
  kid: string;
}

async function fromPrivateJwk(jwk: JWK): Promise<KeyPair> {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk;
  const kid = jwk.kid ?? (await calculateJwkThumbprint(pub));
  const publicJwk: JWK = { kty: pub.kty, n: pub.n, e: pub.e, alg: ALG, use: 'sig', kid };
  const privateKey = (await importJWK({ ...jwk, alg: ALG }, ALG)) as CryptoKey;
  const publicKey = (await importJWK(publicJwk, ALG)) as CryptoKey;
  return { privateJwk: { ...jwk, alg: ALG, use: 'sig', kid }, privateKey, publicKey, publicJwk, kid };
}

async function newPrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(ALG, { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk;
  return { ...jwk, alg: ALG, use: 'sig', kid: await calculateJwkThumbprint(pub) };
}

async function loadOrCreateKey(keyDir: string | null): Promise<KeyPair> {
  if (keyDir === null) return fromPrivateJwk(await newPrivateJwk());
  const file = join(keyDir, KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(keyDir, { recursive: true, mode: 0o700 });
    const jwk = await newPrivateJwk();
    try {
      // 'wx': if another process made the key meanwhile, keep theirs (read below).
      writeFileSync(file, `${JSON.stringify(jwk, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
      chmodSync(file, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  let jwk: unknown;
  try {
    jwk = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new Error(`LOCAL_KEY_INVALID: ${file} is not JSON; delete it and a new key is made on the next start (old tokens stop working)`);
  }
  const k = jwk as JWK;
  if (typeof jwk !== 'object' || jwk === null || k.kty !== 'RSA' || typeof k.d !== 'string' || typeof k.n !== 'string') {
    throw new Error(`LOCAL_KEY_INVALID: ${file} is not an RSA private JWK; delete it and a new key is made on the next start`);
  }
  return fromPrivateJwk(k);
}

/** One claim value the way API Gateway's JWT authorizer hands it to the integration. */
export function renderClaim(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return `[${value.map(renderClaim).join(' ')}]`;
  if (typeof value === 'object') {
    // Nested objects: key order sorted, `map[k:v …]`, as API Gateway (written in Go) prints maps.
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${entries.map(([k, v]) => `${k}:${renderClaim(v)}`).join(' ')}]`;
  }
  return String(value);
}

export function toApiGatewayClaims(payload: JWTPayload): ApiGatewayClaims {
  const out: ApiGatewayClaims = {};
  for (const [k, v] of Object.entries(payload)) out[k] = renderClaim(v);
  return out;
}

/** Strips an optional `Bearer ` prefix, as API Gateway does. */
export function tokenFromHeader(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  const token = /^bearer\s+/i.test(trimmed) ? trimmed.replace(/^bearer\s+/i, '') : trimmed;
  return token.length > 0 ? token : undefined;
}

function classify(err: unknown): { reason: VerifyFailure; message: string } {
  if (err instanceof errors.JWTExpired) return { reason: 'EXPIRED', message: 'the token has expired' };
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'iss') return { reason: 'ISSUER', message: 'the token was not issued by this issuer' };
    if (err.claim === 'aud') return { reason: 'AUDIENCE', message: 'the token is not for this audience' };
    if (err.claim === 'nbf' || err.claim === 'iat') return { reason: 'NOT_YET_VALID', message: 'the token is not valid yet' };
    return { reason: 'MALFORMED', message: `the token's ${err.claim} claim is invalid` };
  }
  if (err instanceof errors.JOSEAlgNotAllowed) return { reason: 'ALGORITHM', message: 'the token is not signed with RS256' };
  if (err instanceof errors.JWSSignatureVerificationFailed || err instanceof errors.JWKSNoMatchingKey) {
    return { reason: 'SIGNATURE', message: 'the token signature does not verify' };
  }
  return { reason: 'MALFORMED', message: 'the token is not a well-formed JWT' };
}

export async function createLocalIssuer(options: LocalIssuerOptions = {}): Promise<LocalIssuer> {
  const issuer = options.issuer ?? LOCAL_ISSUER;
  const audience = options.audience ?? LOCAL_AUDIENCE;
  const key = await loadOrCreateKey(options.keyDir ?? null);
  /** sub → epoch seconds of the account's last sign-out everywhere. */
  const signedOut = new Map<string, number>();

  async function issueToken(r: TokenRequest): Promise<string> {
    if (typeof r.sub !== 'string' || r.sub.length === 0) throw new Error('LOCAL_TOKEN_INVALID: sub must be a non-empty string');
    if (!Array.isArray(r.groups) || r.groups.some((g) => typeof g !== 'string')) throw new Error('LOCAL_TOKEN_INVALID: groups must be a list of strings');
    if (typeof r.municipality !== 'string') throw new Error('LOCAL_TOKEN_INVALID: municipality must be a string');
    const ttl = r.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
    if (!Number.isInteger(ttl) || ttl < 1) throw new Error('LOCAL_TOKEN_INVALID: ttlSeconds must be a positive integer');
    const iat = r.issuedAt ?? Math.floor(Date.now() / 1000);
    const claims: JWTPayload = {
      // Cognito leaves `cognito:groups` out for a user in no group.
      ...(r.groups.length > 0 ? { 'cognito:groups': [...r.groups] } : {}),
      ...(r.username !== undefined ? { 'cognito:username': r.username } : {}),
      token_use: 'id',
      auth_time: iat,
      'custom:municipality': r.municipality,
      ...(r.participantId !== undefined ? { 'custom:participantId': r.participantId } : {}),
      ...(r.deviceId !== undefined ? { 'custom:deviceId': r.deviceId } : {}),
      ...(r.deviceBinding !== undefined ? { 'custom:deviceBinding': r.deviceBinding } : {}),
    };
    return new SignJWT(claims)
      .setProtectedHeader({ alg: ALG, kid: key.kid, typ: 'JWT' })
      .setSubject(r.sub)
      .setIssuer(issuer)
      .setAudience(r.audience ?? audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttl)
      .setJti(randomUUID())
      .sign(key.privateKey);
  }

  async function issueAccessToken(r: AccessTokenRequest): Promise<string> {
    if (!Number.isInteger(r.ttlSeconds) || r.ttlSeconds < 1) throw new Error('LOCAL_TOKEN_INVALID: ttlSeconds must be a positive integer');
    const iat = r.issuedAt ?? Math.floor(Date.now() / 1000);
    return new SignJWT({ client_id: r.clientId, token_use: 'access', scope: r.scope, auth_time: iat, version: 2 })
      .setProtectedHeader({ alg: ALG, kid: key.kid, typ: 'JWT' })
      .setSubject(r.clientId)
      .setIssuer(issuer)
      .setIssuedAt(iat)
      .setExpirationTime(iat + r.ttlSeconds)
      .setJti(randomUUID())
      .sign(key.privateKey);
  }

  async function verify(tokenOrHeader: string | undefined): Promise<VerifyResult> {
    const token = tokenFromHeader(tokenOrHeader);
    if (token === undefined) return { ok: false, reason: 'MISSING', message: 'no bearer token in the Authorization header' };
    try {
      const { payload } = await jwtVerify(
        token,
        async (header) => {
          if (header.kid !== key.kid) throw new errors.JWKSNoMatchingKey();
          return key.publicKey;
        },
        { issuer, algorithms: [ALG], requiredClaims: ['exp'], clockTolerance: 0 },
      );
      // API Gateway accepts the audience in `aud` or, for access tokens, in `client_id`.
      const aud = payload.aud;
      const audiences = Array.isArray(aud) ? aud : aud !== undefined ? [aud] : typeof payload.client_id === 'string' ? [payload.client_id] : [];
      if (!audiences.includes(audience)) return { ok: false, reason: 'AUDIENCE', message: 'the token is not for this audience' };
      if (typeof payload.iat === 'number' && payload.iat > Math.floor(Date.now() / 1000) + 1) {
        return { ok: false, reason: 'NOT_YET_VALID', message: 'the token is not valid yet' };
      }
      // Issued in the second of the sign-out or before: gone with it (a new sign-in in that same second signs in again a second later).
      const out = typeof payload.sub === 'string' ? signedOut.get(payload.sub) : undefined;
      if (out !== undefined && (typeof payload.iat !== 'number' || payload.iat <= out)) {
        return { ok: false, reason: 'SIGNED_OUT', message: 'the account has signed out since this token was issued' };
      }
      return { ok: true, claims: toApiGatewayClaims(payload), payload };
    } catch (err) {
      return { ok: false, ...classify(err) };
    }
  }

  return {
    issuer,
    audience,
    kid: key.kid,
    issueToken,
    issueAccessToken,
    verify,
    jwks: () => ({ keys: [{ ...key.publicJwk }] }),
    privateJwk: () => ({ ...key.privateJwk }),
    signOutEverywhere: (sub) => {
      signedOut.set(sub, Math.floor(Date.now() / 1000));
    },
  };
}
