/**
 * The start-up every signed-in page shares (adviser, participant, payroll):
 * its texts, the root element, the API client whose refused token sends the
 * page back to sign-in, the session, failures in words, and the frame every
 * view is drawn in (the bar, the heading, the tabs, the message and the error).
 * Sign-in itself is session.ts's.
 */
import { createApi, type Api } from './api.js';
import { h, mount, type Child } from './dom.js';
import { errorCode, errorText } from './errors.js';
import { createI18n, type I18n, type Lang, type Messages } from './i18n.js';
import { signedInHeader } from './page.js';
import { ensureSession, signOutAndReload, type RoleName, type Session, type SignInAlternative } from './session.js';

/** What a view shows above its body: a confirmation, or a failure in words. */
export interface Notice {
  message: string;
  error: string;
  /** The API's code behind `error`, kept on the element only. */
  errorCode: string;
}

export interface PageBase<K extends string, L extends Lang> {
  i18n: I18n<K, L>;
  t: I18n<K, L>['t'];
  root: HTMLElement;
  api: Api;
  session(): Session;
  notice: Notice;
  /** Signs in (or takes the stored session), then runs the page; `alternative`: another way to sign in (the participant's activation code). */
  start(title: string, run: (s: Session) => void | Promise<void>, alternative?: SignInAlternative): Promise<void>;
  /** Runs `fn`; a failure becomes the notice's error, in the reader's language; then `render`. */
  guarded(fn: () => Promise<void>, render: () => void, own?: Record<string, string>): Promise<void>;
  fail(err: unknown, own?: Record<string, string>): void;
  clearNotice(): void;
  /** The page frame: bar, h1, optional tabs, notice, body. */
  frame<T extends string>(opts: { title: string; username?: string; signOut: string; tabs?: { label: string; current: T; all: readonly T[]; text: (tab: T) => string; open: (tab: T) => void } }, ...body: Child[]): void;
}

export function startPage<K extends string, L extends Lang>(role: RoleName, messages: Messages<K, L>, initial: L): PageBase<K, L> {
  const i18n = createI18n(messages, initial);
  const root = document.getElementById('app')!;
  let session: Session | undefined;
  // An expired or refused token: back to sign-in (the pages keep nothing worth saving).
  const api = createApi(
    () => session?.token,
    () => signOutAndReload(role),
  );
  const notice: Notice = { message: '', error: '', errorCode: '' };
  const fail = (err: unknown, own?: Record<string, string>): void => {
    notice.error = errorText(err, i18n.lang(), own);
    notice.errorCode = errorCode(err);
  };
  return {
    i18n,
    t: i18n.t,
    root,
    api,
    notice,
    session: () => session!,
    start: async (title, run, alternative) => {
      session = await ensureSession(root, role, i18n, title, alternative);
      await run(session);
    },
    fail,
    clearNotice: () => {
      notice.message = '';
      notice.error = '';
      notice.errorCode = '';
    },
    guarded: async (fn, render, own) => {
      try {
        await fn();
      } catch (err) {
        fail(err, own);
      }
      render();
    },
    frame: (opts, ...body) => {
      const tabs = opts.tabs;
      mount(
        root,
        signedInHeader(role, i18n.switcher(), opts.signOut, opts.username),
        h(
          'main',
          { id: 'main' },
          h('h1', {}, opts.title),
          tabs === undefined
            ? ''
            : h(
                'nav',
                { class: 'tabs', 'aria-label': tabs.label },
                tabs.all.map((tab) => h('button', { type: 'button', 'data-tab': tab, 'aria-current': tabs.current === tab ? 'page' : undefined, 'aria-pressed': String(tabs.current === tab), onclick: () => tabs.open(tab) }, tabs.text(tab))),
              ),
          notice.message ? h('p', { class: 'ok', role: 'status' }, notice.message) : '',
          notice.error ? h('p', { class: 'error', role: 'alert', 'data-code': notice.errorCode }, notice.error) : '',
          ...body,
        ),
      );
    },
  };
}
