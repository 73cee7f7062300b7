/**
 * The kiosk's own credential (issue 8 item 3). An admin registers the kiosk
 * (POST /devices) and types or scans the setup code it returns once
 * (`<deviceId>:<clientId>:<clientSecret>`) into the kiosk's setup step. The
 * kiosk keeps that credential in localStorage (it names a device, not a
 * person, and must survive a restart) and exchanges it itself for short-lived
 * access tokens with the OAuth 2.0 client-credentials grant at
 * `/oauth2/token` on its own origin: locally the local issuer, on AWS the
 * user pool's domain behind the same CloudFront distribution. Tokens live in
 * memory only and are fetched again a minute before they end.
 *
 * Nobody at the kiosk can sign it out: when an admin deactivates the device
 * the token endpoint answers invalid_client (and the API refuses the old
 * token), and only then does the kiosk forget its credential and show the
 * setup step again.
 */
import { API_BASE, ApiError, NetworkError } from '../lib/api.js';

export interface DeviceCredential {
  deviceId: string;
  clientId: string;
  clientSecret: string;
}

export const DEVICE_KEY = 'introflyt.kiosk.device';
const SCOPE = 'introflyt/checkin';
/** Fetch the next token this long before the current one ends. */
const MARGIN_MS = 60_000;

/** The admin revoked this kiosk (or the code was never valid): set it up again. */
export class CredentialRevoked extends Error {
  constructor() {
    super('the kiosk credential is not (or no longer) valid');
    this.name = 'CredentialRevoked';
  }
}

export function parseSetupCode(code: string): DeviceCredential | undefined {
  const parts = code.trim().split(':');
  if (parts.length !== 3) return undefined;
  const [deviceId, clientId, clientSecret] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(deviceId) || !/^[A-Za-z0-9_-]{1,128}$/.test(clientId) || !/^[A-Za-z0-9_+/=.-]{16,256}$/.test(clientSecret)) return undefined;
  return { deviceId, clientId, clientSecret };
}

export function loadCredential(): DeviceCredential | undefined {
  try {
    const raw = localStorage.getItem(DEVICE_KEY);
    const c = raw === null ? undefined : (JSON.parse(raw) as DeviceCredential);
    return c !== undefined && typeof c.deviceId === 'string' && typeof c.clientId === 'string' && typeof c.clientSecret === 'string' ? c : undefined;
  } catch {
    return undefined;
  }
}

export function saveCredential(c: DeviceCredential): void {
  localStorage.setItem(DEVICE_KEY, JSON.stringify(c));
}

export function forgetCredential(): void {
  localStorage.removeItem(DEVICE_KEY);
}

interface Token {
  value: string;
  expiresAt: number;
}

/** One exchange at the token endpoint (client-credentials grant, HTTP Basic). */
async function exchange(c: DeviceCredential): Promise<Token> {
  const basic = btoa(`${encodeURIComponent(c.clientId)}:${encodeURIComponent(c.clientSecret)}`);
  let res: Response;
  try {
    res = await fetch(`${API_BASE}/oauth2/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: `grant_type=client_credentials&scope=${encodeURIComponent(SCOPE)}`,
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch (err) {
    throw new NetworkError(err instanceof Error ? err.message : 'network error');
  }
  const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string };
  if (res.status === 400 || res.status === 401) {
    if (body.error === 'invalid_client') throw new CredentialRevoked();
  }
  if (!res.ok || typeof body.access_token !== 'string') throw new ApiError(res.status, body.error ?? `HTTP_${res.status}`, 'The token endpoint did not give a token');
  return { value: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 300) * 1000 };
}

export interface DeviceSession {
  readonly credential: DeviceCredential;
  /** A token valid for at least a minute more (fetched when needed). */
  token(): Promise<string>;
  /** Forget the token and fetch a new one (after the API refused it). */
  renew(): Promise<string>;
}

export function deviceSession(credential: DeviceCredential): DeviceSession {
  let current: Token | undefined;
  let pending: Promise<Token> | undefined;
  const fetchToken = (): Promise<Token> => {
    pending ??= exchange(credential).then(
      (t) => {
        current = t;
        pending = undefined;
        return t;
      },
      (err: unknown) => {
        pending = undefined;
        throw err;
      },
    );
    return pending;
  };
  return {
    credential,
    token: async () => (current !== undefined && current.expiresAt - MARGIN_MS > Date.now() ? current : await fetchToken()).value,
    renew: async () => {
      current = undefined;
      return (await fetchToken()).value;
    },
  };
}
