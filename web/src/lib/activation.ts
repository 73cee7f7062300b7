/**
 * The participant page's sign-in for those without ID-porten yet (issue 13
 * item 3; shared/identity/device-activation.ts, docs/deploy.md): the adviser's
 * one-time activation code binds this phone. The phone makes an ECDSA P-256
 * key pair whose private key cannot be exported (WebCrypto) and keeps it in
 * IndexedDB; the server keeps only the public key. Each sign-in signs a fresh
 * challenge from the server; the answer is an ID token with the participant's
 * claims, as an ID-porten sign-in gives.
 *
 * Locally the endpoints are the local provider's (`/oidc/device/…`); the
 * Cognito custom-auth flow on AWS is described in docs/deploy.md.
 */
import { endpointsFor, jwtClaims } from './oidc.js';
import { h, mount } from './dom.js';
import type { Lang } from './i18n.js';
import type { Session, SignInAlternative } from './session.js';

interface StoredBinding {
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

/** The device endpoints beside the participant pool's token endpoint (local provider); undefined on Cognito. */
function deviceBase(): string | undefined {
  const ep = endpointsFor('participant');
  if (ep.kind !== 'oidc') return undefined;
  return new URL('device', new URL(ep.token, location.href)).href;
}

class DeviceRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function post(path: string, body: unknown): Promise<Record<string, string>> {
  const res = await fetch(`${deviceBase()}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json().catch(() => ({}))) as Record<string, string>;
  if (!res.ok) throw new DeviceRefused(json.code ?? String(res.status), json.message ?? res.statusText);
  return json;
}

const b64url = (buf: ArrayBuffer): string => btoa(String.fromCharCode(...new Uint8Array(buf))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** A session from this phone's binding (a fresh challenge signed by its key); undefined when it has none. */
export async function deviceSession(): Promise<Session | undefined> {
  const b = await loadBinding();
  if (b === undefined || deviceBase() === undefined) return undefined;
  const { challenge } = await post('challenge', {});
  const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, b.privateKey, new TextEncoder().encode(`introflyt-device:${b.bindingId}:${challenge!}`));
  let answer: Record<string, string>;
  try {
    answer = await post('token', { participantId: b.participantId, bindingId: b.bindingId, challenge, signature: b64url(sig) });
  } catch (err) {
    // Revoked, expired or ended by ID-porten: this phone's key is worthless now.
    if (err instanceof DeviceRefused && err.code === 'DEVICE_BINDING_INVALID') await forgetBinding();
    throw err;
  }
  const claims = jwtClaims(answer.id_token!);
  return { token: answer.id_token!, username: 'device', expiresAt: Date.now() + Number(answer.expires_in) * 1000, participantId: String(claims['custom:participantId']), device: true };
}

async function activate(code: string): Promise<Session> {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const jwk = await crypto.subtle.exportKey('jwk', keys.publicKey);
  const r = await post('activation', { code, publicKey: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } });
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
  if (deviceBase() === undefined) return;
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
