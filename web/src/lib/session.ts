/**
 * Sign-in and the session of a page (participant, adviser, payroll), through
 * OpenID Connect (web/src/lib/oidc.ts): locally the provider `npm start`
 * runs at /oidc, on AWS the Cognito user pools that federate ID-porten
 * (participants) and the municipality's directory (staff).
 *
 * - Tokens live in sessionStorage (gone with the tab; never localStorage), and
 *   the `Session` object the page holds is updated in place on refresh, so the
 *   page's `() => session.token` always reads the current ID token.
 * - Refreshed a minute before they expire; a refused refresh (revoked,
 *   signed out elsewhere) ends the session and shows the sign-in step.
 * - Sign-out revokes the refresh token and ends the session at the provider
 *   for the account on every device (locally the provider's logout; on AWS
 *   Cognito's GlobalSignOut and /logout).
 * - The participant page signs out after PARTICIPANT_IDLE_MINUTES without
 *   use (a phone left on a table shows nothing personal for long).
 *
 * The kiosk does not sign in here: it is a device with its own credential
 * (web/src/kiosk/device.ts).
 */
import { h, mount } from './dom.js';
import type { I18n, Lang } from './i18n.js';
import { authorizeUrl, completeSignIn, globalSignOut, jwtClaims, logoutUrl, refresh, revoke, SignInError, type Pool, type TokenSet } from './oidc.js';
import { deviceSession } from './activation.js';

/** What sign-in needs of a page's texts: the language and the switch. */
export type LangSource = Pick<I18n<string, Lang>, 'lang' | 'onChange' | 'switcher'>;

export type RoleName = 'participant' | 'adviser' | 'payroll' | 'admin';

/**
 * Policy: minutes without a touch, key or scroll after which the participant
 * page signs out. Ten minutes: long enough to read an explanation, short
 * enough that a phone left behind does not stay open (the "set idle time").
 */
export const PARTICIPANT_IDLE_MINUTES = 10;
/** Refresh this long before the ID token expires. */
const REFRESH_MARGIN_MS = 60_000;

export interface Session {
  /** The ID token the API accepts (its claims are the ones shared/http/auth.ts reads). */
  token: string;
  username: string;
  /** epoch ms */
  expiresAt: number;
  participantId?: string;
  accessToken?: string;
  refreshToken?: string;
  /** Signed in by this phone's bound key (the activation path, lib/activation.ts): renewed by signing again. */
  device?: true;
}

const poolOf = (role: RoleName): Pool => (role === 'participant' ? 'participant' : 'staff');
const KEY = (role: RoleName): string => `introflyt.session.${role}`;

function toSession(t: TokenSet): Session {
  const claims = jwtClaims(t.idToken);
  return {
    token: t.idToken,
    username: typeof claims['cognito:username'] === 'string' ? claims['cognito:username'] : '',
    expiresAt: t.expiresAt,
    ...(typeof claims['custom:participantId'] === 'string' ? { participantId: claims['custom:participantId'] } : {}),
    accessToken: t.accessToken,
    ...(t.refreshToken !== undefined ? { refreshToken: t.refreshToken } : {}),
  };
}

/** The stored session, unless it has expired and cannot be refreshed. */
export function loadSession(role: RoleName, now: number = Date.now()): Session | undefined {
  const raw = sessionStorage.getItem(KEY(role));
  if (raw === null) return undefined;
  try {
    const s = JSON.parse(raw) as Session;
    if (typeof s.token !== 'string' || typeof s.expiresAt !== 'number') return undefined;
    if (s.expiresAt - REFRESH_MARGIN_MS < now && s.refreshToken === undefined && s.device !== true) return undefined;
    return s;
  } catch {
    return undefined;
  }
}

export function saveSession(role: RoleName, s: Session): void {
  sessionStorage.setItem(KEY(role), JSON.stringify(s));
}

/** Forgets the session in this tab (no request to the provider). */
export function signOut(role: RoleName): void {
  sessionStorage.removeItem(KEY(role));
}

const TEXT: Record<Lang, Record<'title' | 'lead' | 'participant' | 'staff' | 'failed' | 'idle' | 'signedOut' | 'working', string>> = {
  nb: {
    title: 'Logg inn',
    lead: 'Du logger inn hos kommunens innloggingstjeneste og kommer tilbake hit etterpå.',
    participant: 'Logg inn med ID-porten',
    staff: 'Logg inn med kommunens innlogging',
    failed: 'Innloggingen mislyktes: {message}',
    idle: 'Du ble logget ut fordi siden ikke ble brukt på {minutes} minutter.',
    signedOut: 'Du er logget ut.',
    working: 'Logger inn …',
  },
  en: {
    title: 'Sign in',
    lead: 'You sign in with the municipality’s sign-in service and come back here afterwards.',
    participant: 'Sign in with ID-porten',
    staff: 'Sign in with the municipality’s login',
    failed: 'Sign-in failed: {message}',
    idle: 'You were signed out because the page was not used for {minutes} minutes.',
    signedOut: 'You are signed out.',
    working: 'Signing in …',
  },
  uk: {
    title: 'Увійти',
    lead: 'Ви входите через службу входу комуни і потім повертаєтеся сюди.',
    participant: 'Увійти через ID-porten',
    staff: 'Увійти через вхід комуни',
    failed: 'Не вдалося увійти: {message}',
    idle: 'Ви вийшли з системи, бо сторінкою не користувалися {minutes} хвилин.',
    signedOut: 'Ви вийшли з системи.',
    working: 'Вхід …',
  },
  ar: {
    title: 'تسجيل الدخول',
    lead: 'تسجّل الدخول عبر خدمة تسجيل الدخول في البلدية ثم تعود إلى هنا.',
    participant: 'تسجيل الدخول عبر ID-porten',
    staff: 'تسجيل الدخول عبر حساب البلدية',
    failed: 'فشل تسجيل الدخول: {message}',
    idle: 'تم تسجيل خروجك لأن الصفحة لم تُستخدم لمدة {minutes} دقيقة.',
    signedOut: 'تم تسجيل خروجك.',
    working: 'جارٍ تسجيل الدخول …',
  },
};

const NOTE = 'introflyt.signin.note';
/** Set once this page has ended its session: a refresh still in flight must not store it again. */
let ended = false;

/** The page's own address without a sign-in answer in it: the redirect URI. */
function pageUrl(): string {
  return `${location.origin}${location.pathname}`;
}

/**
 * Extra ways to sign in a page may offer under the main button (the
 * participant page's activation code, web/src/lib/activation.ts). Each gets
 * the sign-in's root and resolves with a session when it signs someone in.
 */
export type SignInAlternative = (slot: HTMLElement, lang: Lang, done: (s: Session) => void) => void;

/** Renders the sign-in step for `role` into `root`: a button to the provider, any alternatives, and any message. */
function signInView(root: HTMLElement, role: RoleName, i18n: LangSource, title: string, message: string, alternative?: SignInAlternative): Promise<Session> {
  return new Promise((resolve) => {
    let stop: () => void = () => undefined;
    const render = (): void => {
      const tx = TEXT[i18n.lang()];
      const go = h(
        'button',
        {
          type: 'button',
          class: 'primary',
          id: 'sign-in',
          onclick: () => {
            authorizeUrl(poolOf(role), role, pageUrl()).then((url) => location.assign(url), () => undefined);
          },
        },
        role === 'participant' ? tx.participant : tx.staff,
      );
      const slot = h('div', { class: 'signin-alternative' });
      mount(
        root,
        h('header', { class: 'bar' }, h('span', { class: 'brand' }, title), i18n.switcher()),
        h('main', { id: 'main' }, h('h1', {}, tx.title), h('p', { class: 'error', role: 'alert' }, message), h('p', {}, tx.lead), h('p', {}, go), slot),
      );
      alternative?.(slot, i18n.lang(), (s) => {
        stop();
        resolve(s);
      });
    };
    stop = i18n.onChange(render);
    render();
  });
}

/** Keeps the session's tokens fresh: refreshes before expiry, ends the session when the provider says no. */
function keepFresh(role: RoleName, s: Session): void {
  const schedule = (): void => {
    const wait = Math.max(0, s.expiresAt - REFRESH_MARGIN_MS - Date.now());
    window.setTimeout(() => void renew(), wait);
  };
  const renew = async (): Promise<void> => {
    if (s.device === true) {
      const next = await deviceSession().catch(() => undefined);
      if (next === undefined || ended) return endLocally(role, 'signedOut');
      Object.assign(s, next);
      saveSession(role, s);
      return schedule();
    }
    if (s.refreshToken === undefined) return endLocally(role, 'signedOut');
    try {
      const next = toSession(await refresh(poolOf(role), s.refreshToken));
      if (ended) {
        // Signed out meanwhile: the rotated refresh token goes the way of the old one.
        if (next.refreshToken !== undefined) void revoke(poolOf(role), next.refreshToken);
        return;
      }
      Object.assign(s, next);
      saveSession(role, s);
      schedule();
    } catch (err) {
      // Revoked or signed out elsewhere: the tokens are worthless now. A network failure: try again shortly.
      if (err instanceof SignInError && err.code === 'NETWORK') window.setTimeout(() => void renew(), 15_000);
      else endLocally(role, 'signedOut');
    }
  };
  schedule();
}

/** Ends the session after PARTICIPANT_IDLE_MINUTES without use. */
function watchIdle(role: RoleName, s: Session): void {
  let last = Date.now();
  const touch = (): void => {
    last = Date.now();
  };
  for (const ev of ['pointerdown', 'keydown', 'scroll', 'touchstart']) window.addEventListener(ev, touch, { passive: true, capture: true });
  const timer = window.setInterval(() => {
    if (Date.now() - last < PARTICIPANT_IDLE_MINUTES * 60_000) return;
    window.clearInterval(timer);
    if (s.refreshToken !== undefined) void revoke(poolOf(role), s.refreshToken);
    endLocally(role, 'idle');
  }, 5_000);
}

/** Drops the session in this tab and shows the sign-in step with a note. */
function endLocally(role: RoleName, note: 'idle' | 'signedOut'): void {
  ended = true;
  signOut(role);
  sessionStorage.setItem(NOTE, note);
  location.replace(pageUrl());
}

function noteText(lang: Lang): string {
  const note = sessionStorage.getItem(NOTE);
  sessionStorage.removeItem(NOTE);
  if (note === 'idle') return TEXT[lang].idle.replace('{minutes}', String(PARTICIPANT_IDLE_MINUTES));
  if (note === 'signedOut') return TEXT[lang].signedOut;
  return '';
}

/**
 * The session for `role`: finishes a sign-in coming back from the provider,
 * or takes the stored one (refreshing it if it is about to expire), or shows
 * the sign-in step. The returned object stays current (refreshes update it).
 */
export async function ensureSession(root: HTMLElement, role: RoleName, i18n: LangSource, title: string, alternative?: SignInAlternative): Promise<Session> {
  const pool = poolOf(role);
  let message = noteText(i18n.lang());
  let s: Session | undefined;
  try {
    const answer = await completeSignIn(pool, role, new URL(location.href));
    if (answer !== undefined) {
      history.replaceState(null, '', location.pathname);
      s = toSession(answer);
      saveSession(role, s);
    }
  } catch (err) {
    history.replaceState(null, '', location.pathname);
    message = TEXT[i18n.lang()].failed.replace('{message}', err instanceof Error ? err.message : String(err));
  }
  s ??= loadSession(role);
  if (s !== undefined && s.expiresAt - REFRESH_MARGIN_MS < Date.now() && s.refreshToken !== undefined) {
    try {
      Object.assign(s, toSession(await refresh(pool, s.refreshToken)));
      saveSession(role, s);
    } catch {
      signOut(role);
      s = undefined;
      message = TEXT[i18n.lang()].signedOut;
    }
  }
  if (s?.device === true && s.expiresAt - REFRESH_MARGIN_MS < Date.now()) {
    // A bound phone's token near expiry: sign a fresh challenge before the page uses it.
    const next = await deviceSession().catch(() => undefined);
    if (next === undefined) signOut(role);
    s = next;
  }
  s ??= await signInView(root, role, i18n, title, message, alternative);
  saveSession(role, s);
  keepFresh(role, s);
  if (role === 'participant') watchIdle(role, s);
  return s;
}

/**
 * After a 401 from the API (expired, revoked or signed out elsewhere): forget
 * the session here and show the sign-in step.
 */
export function signOutAndReload(role: RoleName): void {
  endLocally(role, 'signedOut');
}

/**
 * The sign-out button: revokes the refresh token, signs the account out on
 * every device (Cognito GlobalSignOut; the local provider's logout does it),
 * and ends the session at the provider, which sends the browser back here.
 */
export async function signOutEverywhere(role: RoleName): Promise<void> {
  ended = true;
  const s = loadSession(role, 0);
  const pool = poolOf(role);
  // A bound phone has no provider session: its tokens end here (the binding stays until the adviser ends it).
  if (s?.device === true) return endLocally(role, 'signedOut');
  signOut(role);
  if (s?.accessToken !== undefined) await globalSignOut(pool, s.accessToken);
  if (s?.refreshToken !== undefined) await revoke(pool, s.refreshToken);
  sessionStorage.setItem(NOTE, 'signedOut');
  location.assign(logoutUrl(pool, s?.token, pageUrl()));
}
