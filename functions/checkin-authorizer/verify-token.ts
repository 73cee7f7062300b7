/**
 * The kiosk authorizer's decision (issue 8 item 3), for the routes a kiosk
 * calls (shared/contract/routes.ts `authorizer: 'device'`). Why not API Gateway's JWT
 * authorizer: it checks `aud`/`client_id` against a fixed audience list in
 * the template, and every kiosk has its own app client, made at run time by
 * POST /devices; no fixed list can name them, and a list cannot tell an
 * active device from a deactivated one. This authorizer checks what the JWT
 * authorizer would, and then the device:
 *
 * - the token's signature (RS256, the issuer's published keys), issuer and
 *   expiry, as the JWT authorizer does;
 * - a kiosk: an access token (`token_use` access) with the check-in scope
 *   whose `client_id` belongs to a registered, ACTIVE device: read on every
 *   request (the authorizer's result cache is off), so a deactivated device's
 *   next request is refused even with a token that has not expired. The
 *   claims handed on (role kiosk, municipality, device id) come from the
 *   device item, not from the token;
 * - anyone else: a token of the web client (`aud` or `client_id`), exactly as
 *   the JWT authorizer would accept it, handed on with its claims except the
 *   kiosk group and device id, which only a device's own token can carry.
 *
 * Locally the same function runs, against the local issuer's keys (handed
 * over in TOKEN_JWKS by infra/local/system.ts; on AWS fetched from the pool's
 * TOKEN_JWKS_URL), so the claims reach shared/http/auth.ts the same way on both.
 */
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import * as z from 'zod';
import type { Device } from '../../shared/adapters/kiosk-devices-repo.js';

const envSchema = z.object({
  /** The user pool's (or the local issuer's) `iss`. */
  TOKEN_ISSUER: z.url(),
  /** Where the issuer publishes its public keys (the user pool's `/.well-known/jwks.json`). */
  TOKEN_JWKS_URL: z.url().optional(),
  /**
   * The issuer's public key set itself, as JSON: the local runtime, whose
   * issuer runs in the same process, hands its keys over instead of having
   * them fetched from its own (possibly busy) HTTP server. Wins over the URL.
   */
  TOKEN_JWKS: z.string().optional(),
  /**
   * The pages' app clients, comma-separated (the page client and the bound phones' device
   * client of the participant pool): their tokens pass as the JWT authorizer would pass them.
   */
  WEB_CLIENT_ID: z.string().min(1),
  DEVICE_SCOPE: z.string().min(1).default('introflyt/checkin'),
});

export type AuthorizerSettings = z.output<typeof envSchema>;

export function settingsFrom(env: Readonly<Record<string, string | undefined>>): AuthorizerSettings {
  const r = envSchema.safeParse(env);
  if (!r.success || (r.data.TOKEN_JWKS === undefined && r.data.TOKEN_JWKS_URL === undefined))
    throw new Error(`checkin-authorizer: invalid environment: ${r.success ? 'TOKEN_JWKS_URL or TOKEN_JWKS' : r.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  return r.data;
}

export type Decision =
  | { allow: true; kind: 'device' | 'user'; context: Record<string, string> }
  | { allow: false; reason: 'NO_TOKEN' | 'INVALID_TOKEN' | 'AUDIENCE' | 'UNKNOWN_DEVICE' | 'DEVICE_INACTIVE' };

type KeySet = ReturnType<typeof createLocalJWKSet>;
const keySets = new Map<string, KeySet>();

/**
 * The issuer's keys, made once per source: fetched from the URL (kept for a
 * day; a token with an unknown `kid` fetches again, at most every 30 s), or
 * the set handed over in the environment.
 */
function keySet(settings: AuthorizerSettings): KeySet {
  const source = settings.TOKEN_JWKS ?? settings.TOKEN_JWKS_URL!;
  let set = keySets.get(source);
  if (set === undefined) {
    set =
      settings.TOKEN_JWKS !== undefined
        ? createLocalJWKSet(JSON.parse(settings.TOKEN_JWKS) as JSONWebKeySet)
        : (createRemoteJWKSet(new URL(source), { timeoutDuration: 10_000, cacheMaxAge: 24 * 3600 * 1000 }) as unknown as KeySet);
    keySets.set(source, set);
  }
  return set;
}

/** A claim as API Gateway's JWT authorizer renders it: strings as they are, lists as `[a b]`. */
function rendered(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.filter((v) => typeof v === 'string' || typeof v === 'number').join(' ')}]`;
  return undefined;
}

function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string');
  if (typeof value === 'string') return value.replace(/^\[/, '').replace(/\]$/, '').split(/[\s,]+/).filter((g) => g.length > 0);
  return [];
}

function userContext(payload: JWTPayload): Record<string, string> {
  const context: Record<string, string> = {};
  for (const [k, v] of Object.entries(payload)) {
    if (k === 'custom:deviceId' || k === 'cognito:groups') continue;
    const r = rendered(v);
    if (r !== undefined) context[k] = r;
  }
  const groups = groupsOf(payload['cognito:groups']).filter((g) => g !== 'kiosk');
  if (groups.length > 0) context['cognito:groups'] = `[${groups.join(' ')}]`;
  return context;
}

export async function decide(header: string | undefined, settings: AuthorizerSettings, deviceByClientId: (clientId: string) => Promise<Device | undefined>): Promise<Decision> {
  const token = header?.trim().replace(/^bearer(\s+|$)/i, '');
  if (token === undefined || token.length === 0) return { allow: false, reason: 'NO_TOKEN' };
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keySet(settings), { issuer: settings.TOKEN_ISSUER, algorithms: ['RS256'], requiredClaims: ['exp'] }));
  } catch (err) {
    // Not a token problem (the key set cannot be fetched): an error, so API Gateway answers 500 and the kiosk retries.
    if (!(err instanceof errors.JOSEError) || err instanceof errors.JWKSTimeout) throw err;
    return { allow: false, reason: 'INVALID_TOKEN' };
  }
  const clientId = typeof payload.client_id === 'string' ? payload.client_id : undefined;
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
  const webClients = settings.WEB_CLIENT_ID.split(',');
  if (payload.token_use === 'access' && clientId !== undefined && !webClients.includes(clientId) && scopes.includes(settings.DEVICE_SCOPE)) {
    const device = await deviceByClientId(clientId);
    if (device === undefined) return { allow: false, reason: 'UNKNOWN_DEVICE' };
    if (!device.active) return { allow: false, reason: 'DEVICE_INACTIVE' };
    return {
      allow: true,
      kind: 'device',
      context: { sub: clientId, client_id: clientId, token_use: 'access', scope: settings.DEVICE_SCOPE, 'cognito:groups': '[kiosk]', 'custom:municipality': device.municipality, 'custom:deviceId': device.deviceId },
    };
  }
  // The JWT authorizer's audience check: `aud`, or for access tokens `client_id`.
  const aud = payload.aud;
  const audiences = Array.isArray(aud) ? aud : aud !== undefined ? [aud] : clientId !== undefined ? [clientId] : [];
  if (!audiences.some((a) => webClients.includes(a))) return { allow: false, reason: 'AUDIENCE' };
  return { allow: true, kind: 'user', context: userContext(payload) };
}
