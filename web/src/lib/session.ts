/**
 * Sign-in for a role. Locally (`npm start`) a demo user is chosen and
 * `POST /local/token` returns a token signed by the local issuer; on AWS the
 * build sets __AUTH_MODE__ = 'cognito' and the page sends people to the
 * Cognito hosted UI, which returns an access token in the URL fragment.
 *
 * Where the token is kept: sessionStorage (gone when the tab closes; never
 * localStorage, so nothing personal outlives the session). The kiosk does not
 * sign in here: it is a device with its own credential (web/src/kiosk/device.ts).
 */
import { API_BASE, ApiError } from './api.js';
import { h, mount } from './dom.js';
import type { I18n, Lang } from './i18n.js';

/** What sign-in needs of a page's texts: the language and the switch. */
export type LangSource = Pick<I18n<string>, 'lang' | 'onChange' | 'switcher'>;

export type RoleName = 'participant' | 'adviser' | 'payroll' | 'admin';

export interface Session {
  token: string;
  username: string;
  /** epoch ms */
  expiresAt: number;
  participantId?: string;
  deviceId?: string;
}

const KEY = (role: RoleName): string => `introflyt.session.${role}`;
const storeFor = (_role: RoleName): Storage => sessionStorage;

export function loadSession(role: RoleName, now: number = Date.now()): Session | undefined {
  const raw = storeFor(role).getItem(KEY(role));
  if (raw === null) return undefined;
  try {
    const s = JSON.parse(raw) as Session;
    // A minute of margin: a token about to expire is not worth sending.
    if (typeof s.token !== 'string' || typeof s.expiresAt !== 'number' || s.expiresAt - 60_000 < now) return undefined;
    return s;
  } catch {
    return undefined;
  }
}

export function saveSession(role: RoleName, s: Session): void {
  storeFor(role).setItem(KEY(role), JSON.stringify(s));
}

export function signOut(role: RoleName): void {
  storeFor(role).removeItem(KEY(role));
}

interface TokenAnswer {
  token: string;
  expiresIn: number;
  username: string;
  participantId?: string;
  deviceId?: string;
}

/** Local demo mode: a token for a seeded user. */
export async function localToken(username: string, ttlSeconds?: number): Promise<Session> {
  const res = await fetch(`${API_BASE}/local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ttlSeconds === undefined ? { username } : { username, ttlSeconds }),
    cache: 'no-store',
  });
  const body = (await res.json()) as TokenAnswer & { code?: string; message?: string };
  if (!res.ok) throw new ApiError(res.status, body.code ?? `HTTP_${res.status}`, body.message ?? res.statusText);
  return {
    token: body.token,
    username: body.username,
    expiresAt: Date.now() + body.expiresIn * 1000,
    ...(body.participantId !== undefined ? { participantId: body.participantId } : {}),
    ...(body.deviceId !== undefined ? { deviceId: body.deviceId } : {}),
  };
}

/** Cognito hosted UI (implicit grant): the token arrives in the URL fragment. */
export function sessionFromFragment(role: RoleName): Session | undefined {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = params.get('access_token');
  if (token === null) return undefined;
  history.replaceState(null, '', location.pathname + location.search);
  const expiresIn = Number(params.get('expires_in') ?? '3600');
  const s: Session = { token, username: '', expiresAt: Date.now() + expiresIn * 1000 };
  saveSession(role, s);
  return s;
}

const TEXT: Record<Lang, Record<'title' | 'local' | 'aws' | 'user' | 'go' | 'failed' | 'cognito' | 'loading', string>> = {
  nb: {
    title: 'Logg inn',
    local: 'Dette er den lokale demoen (npm start): velg en demobruker. Du får et token fra den lokale utstederen, uten passord.',
    aws: 'På AWS logger du inn med kommunens innlogging (Amazon Cognito).',
    user: 'Demobruker',
    go: 'Logg inn',
    failed: 'Innloggingen mislyktes: {message}',
    cognito: 'Logg inn med kommunens innlogging',
    loading: 'Henter demobrukere …',
  },
  en: {
    title: 'Sign in',
    local: 'This is the local demo (npm start): choose a demo user. The local issuer gives you a token, without a password.',
    aws: 'On AWS you sign in with the municipality’s login (Amazon Cognito).',
    user: 'Demo user',
    go: 'Sign in',
    failed: 'Sign-in failed: {message}',
    cognito: 'Sign in with the municipality’s login',
    loading: 'Loading demo users …',
  },
};

/** Renders the sign-in form for `role` into `root`; resolves once signed in. */
export function signIn(root: HTMLElement, role: RoleName, i18n: LangSource, title: string): Promise<Session> {
  return new Promise((resolve) => {
    let users: string[] | undefined;
    let error = '';
    const render = (): void => {
      const tx = TEXT[i18n.lang()];
      const status = h('p', { class: 'error', role: 'alert' }, error);
      if (__AUTH_MODE__ === 'cognito') {
        mount(root, h('header', { class: 'bar' }, h('span', { class: 'brand' }, title), i18n.switcher()), h('main', { id: 'main' }, h('h1', {}, tx.title), h('p', {}, tx.aws), h('p', {}, h('a', { class: 'button primary', href: role === 'adviser' || role === 'payroll' || role === 'admin' ? __COGNITO_STAFF_LOGIN_URL__ : __COGNITO_LOGIN_URL__ }, tx.cognito))));
        return;
      }
      const select = h('select', { id: 'demo-user', name: 'username' }, (users ?? []).map((u) => h('option', { value: u }, u)));
      const form = h(
        'form',
        {
          class: 'card signin',
          onsubmit: (ev: Event) => {
            ev.preventDefault();
            localToken(select.value).then(
              (s) => {
                saveSession(role, s);
                stop();
                resolve(s);
              },
              (err: unknown) => {
                error = tx.failed.replace('{message}', err instanceof Error ? err.message : String(err));
                render();
              },
            );
          },
        },
        h('label', { for: 'demo-user' }, tx.user),
        select,
        h('button', { type: 'submit', class: 'primary' }, tx.go),
      );
      mount(
        root,
        h('header', { class: 'bar' }, h('span', { class: 'brand' }, title), i18n.switcher()),
        h('main', { id: 'main' }, h('h1', {}, tx.title), h('p', {}, tx.local), h('p', { class: 'muted' }, tx.aws), users === undefined ? h('p', {}, tx.loading) : form, status),
      );
    };
    const stop = i18n.onChange(render);
    render();
    if (__AUTH_MODE__ === 'local') {
      fetch(`${API_BASE}/local/demo-users`, { cache: 'no-store' })
        .then(async (res) => {
          const body = (await res.json()) as { users: { username: string; groups: string[] }[] };
          users = body.users.filter((u) => u.groups.includes(role)).map((u) => u.username);
        })
        .catch(() => {
          users = [];
          error = 'GET /local/demo-users failed';
        })
        .finally(render);
    }
  });
}

/** The session for `role`: stored, from the Cognito fragment, or by signing in. */
export async function ensureSession(root: HTMLElement, role: RoleName, i18n: LangSource, title: string): Promise<Session> {
  return loadSession(role) ?? sessionFromFragment(role) ?? signIn(root, role, i18n, title);
}

/** Signs out and reloads: the page then opens on its sign-in step (also what an expired token leads to). */
export function signOutAndReload(role: RoleName): void {
  signOut(role);
  location.reload();
}
