/**
 * The participant page's sign-in for those without ID-porten yet (issue 13
 * item 3; shared/identity/device-activation.ts, docs/deploy.md): the adviser's
 * one-time activation code binds this phone. The phone makes an ECDSA P-256
 * key pair whose private key cannot be exported (WebCrypto) and keeps it in
 * IndexedDB; the server keeps only the public key. Each sign-in signs a fresh
 * challenge from the server; the answer is an ID token with the participant's
 * claims, as an ID-porten sign-in gives.
 *
 * Redeeming the code is the API's one public route, `POST /device-activations`,
 * on AWS and locally. Signing in: locally the local provider's
 * `/oidc/device/challenge` and `/oidc/device/token`; on AWS the participant
 * pool's custom authentication (InitiateAuth CUSTOM_AUTH with the binding id as
 * user name, then RespondToAuthChallenge with the signature), plain fetches to
 * the cognito-idp endpoint with the device client (docs/deploy.md).
 */
import { endpointsFor, jwtClaims, type PoolEndpoints } from './oidc.js';
import { h, mount } from './dom.js';
import type { Lang } from './i18n.js';
import type { Session, SignInAlternative } from './session.js';

export interface StoredBinding {
  participantId: string;
  bindingId: string;
  privateKey: CryptoKey;
}

const DB = 'introflyt-device';
const STORE = 'binding';
const KEY = 'participant';

function db(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB'));
  });
}

async function tx<T>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  const d = await db();
  return new Promise((resolve, reject) => {
    const r = op(d.transaction(STORE, mode).objectStore(STORE));
    r.onsuccess = () => resolve(r.result as T);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB'));
  });
}

const loadBinding = (): Promise<StoredBinding | undefined> => tx<StoredBinding | undefined>('readonly', (s) => s.get(KEY)).catch(() => undefined);
const saveBinding = (b: StoredBinding): Promise<unknown> => tx('readwrite', (s) => s.put(b, KEY));
const forgetBinding = (): Promise<unknown> => tx('readwrite', (s) => s.delete(KEY)).catch(() => undefined);

/** The device endpoints beside the local provider's token endpoint. */
function deviceBase(ep: PoolEndpoints): string {
  return new URL('device', new URL(ep.token, location.href)).href;
}

/** Whether this deployment offers the activation path: always locally, on AWS when the device client is configured. */
function offered(): boolean {
  const ep = endpointsFor('participant');
  return ep.kind === 'oidc' || (ep.deviceClientId !== undefined && ep.userPoolApi !== undefined);
}

class DeviceRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function post(url: string, body: unknown): Promise<Record<string, string>> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), cache: 'no-store', credentials: 'omit' });
  const json = (await res.json().catch(() => ({}))) as Record<string, string>;
  if (!res.ok) throw new DeviceRefused(json.code ?? String(res.status), json.message ?? res.statusText);
  return json;
}

/** One call of the Cognito user pool API (JSON 1.1); its errors carry `__type`. */
async function cognito(ep: PoolEndpoints, action: 'InitiateAuth' | 'RespondToAuthChallenge', body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(ep.userPoolApi!, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${action}` },
    body: JSON.stringify(body),
    cache: 'no-store',
    credentials: 'omit',
  });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const type = String(json.__type ?? res.status).split('#').pop()!;
    // The trigger refuses a revoked, ended or unknown binding (and too many wrong answers) by failing the sign-in.
    throw new DeviceRefused(type === 'NotAuthorizedException' || type === 'UserNotFoundException' ? 'DEVICE_BINDING_INVALID' : type, String(json.message ?? type));
  }
  return json;
}

const b64url = (buf: ArrayBuffer): string => btoa(String.fromCharCode(...new Uint8Array(buf))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const sign = async (b: StoredBinding, challenge: string): Promise<string> =>
  b64url(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, b.privateKey, new TextEncoder().encode(`introflyt-device:${b.bindingId}:${challenge}`)));

/** An ID token for the binding: the local provider's challenge endpoints, or Cognito's custom authentication. Exported for its test. */
export async function signIn(b: StoredBinding): Promise<{ idToken: string; expiresIn: number }> {
  const ep = endpointsFor('participant');
  if (ep.kind === 'oidc') {
    const { challenge } = await post(`${deviceBase(ep)}/challenge`, {});
    const answer = await post(`${deviceBase(ep)}/token`, { participantId: b.participantId, bindingId: b.bindingId, challenge, signature: await sign(b, challenge!) });
    return { idToken: answer.id_token!, expiresIn: Number(answer.expires_in) };
  }
  // The binding id is the user name; the trigger's challenge is signed with this phone's key.
  let step = await cognito(ep, 'InitiateAuth', { AuthFlow: 'CUSTOM_AUTH', ClientId: ep.deviceClientId, AuthParameters: { USERNAME: b.bindingId } });
  for (let round = 0; round < 3 && step.AuthenticationResult === undefined; round++) {
    const challenge = (step.ChallengeParameters as Record<string, string> | undefined)?.challenge;
    if (step.ChallengeName !== 'CUSTOM_CHALLENGE' || challenge === undefined) throw new DeviceRefused('DEVICE', 'the sign-in service asked for something this phone cannot answer');
    step = await cognito(ep, 'RespondToAuthChallenge', {
      ClientId: ep.deviceClientId,
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: step.Session,
      ChallengeResponses: { USERNAME: b.bindingId, ANSWER: await sign(b, challenge) },
    });
  }
  const result = step.AuthenticationResult as { IdToken?: string; ExpiresIn?: number } | undefined;
  if (result?.IdToken === undefined) throw new DeviceRefused('DEVICE_BINDING_INVALID', 'the sign-in service did not accept this phone');
  // No refresh token is kept: the phone signs a fresh challenge again before the token expires.
  return { idToken: result.IdToken, expiresIn: result.ExpiresIn ?? 300 };
}

/** A session from this phone's binding (a fresh challenge signed by its key); undefined when it has none. */
export async function deviceSession(): Promise<Session | undefined> {
  const b = await loadBinding();
  if (b === undefined || !offered()) return undefined;
  let answer: { idToken: string; expiresIn: number };
  try {
    answer = await signIn(b);
  } catch (err) {
    // Revoked, expired or ended by ID-porten: this phone's key is worthless now.
    if (err instanceof DeviceRefused && err.code === 'DEVICE_BINDING_INVALID') await forgetBinding();
    throw err;
  }
  const claims = jwtClaims(answer.idToken);
  return { token: answer.idToken, username: 'device', expiresAt: Date.now() + answer.expiresIn * 1000, participantId: String(claims['custom:participantId']), device: true };
}

async function activate(code: string): Promise<Session> {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const jwk = await crypto.subtle.exportKey('jwk', keys.publicKey);
  // The build's API origin, read when used (not at import: session.ts, which imports this file, is imported by node tests too).
  const r = await post(`${__API_BASE__}/device-activations`, { code, publicKey: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } });
  await saveBinding({ participantId: r.participantId!, bindingId: r.bindingId!, privateKey: keys.privateKey });
  const s = await deviceSession();
  if (s === undefined) throw new DeviceRefused('DEVICE', 'no binding was saved on this phone');
  return s;
}

const TEXT: Record<'nb' | 'en', Record<'toggle' | 'label' | 'submit' | 'phone' | 'failed', string>> = {
  nb: {
    toggle: 'Har du ikke ID-porten ennå? Jeg har en aktiveringskode',
    label: 'Aktiveringskode fra rådgiveren',
    submit: 'Aktiver denne telefonen',
    phone: 'Logg inn på denne telefonen',
    failed: 'Det gikk ikke: {message}',
  },
  en: {
    toggle: 'No ID-porten yet? I have an activation code',
    label: 'Activation code from your adviser',
    submit: 'Activate this phone',
    phone: 'Sign in on this phone',
    failed: 'That did not work: {message}',
  },
};

/** The participant sign-in step's alternative: this phone's binding, or a form for a new activation code. */
export const activationSignIn: SignInAlternative = (slot, lang: Lang, done) => {
  if (!offered()) return;
  const tx = TEXT[lang as 'nb' | 'en'] ?? TEXT.nb;
  const error = h('p', { class: 'error', role: 'alert' });
  const fail = (err: unknown) => {
    error.textContent = tx.failed.replace('{message}', err instanceof Error ? err.message : String(err));
  };
  const input = h('input', { id: 'activation-code', name: 'activation-code', autocomplete: 'one-time-code', autocapitalize: 'characters', spellcheck: 'false', required: true, maxlength: '20' });
  const form = h(
    'form',
    {
      id: 'activation-form',
      hidden: true,
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        activate(input.value).then(done, fail);
      },
    },
    h('label', { for: 'activation-code' }, tx.label),
    input,
    h('button', { type: 'submit', class: 'primary' }, tx.submit),
  );
  const toggle = h('button', { type: 'button', id: 'activation-toggle', 'aria-expanded': 'false', onclick: () => ((form.hidden = false), toggle.setAttribute('aria-expanded', 'true'), input.focus()) }, tx.toggle);
  mount(slot, h('p', {}, toggle), form, error);
  void loadBinding().then((b) => {
    if (b === undefined) return;
    slot.prepend(h('p', {}, h('button', { type: 'button', class: 'primary', id: 'device-sign-in', onclick: () => void deviceSession().then((s) => (s === undefined ? undefined : done(s)), fail) }, tx.phone)));
  });
};
