/**
 * The kiosk's steps as views: setup, identify (card or QR), PIN with a
 * keypad, checking, the choice of in or out, sending, the receipt, saved
 * without network, refusals. State and calls are main.ts's.
 */
import type { CheckinReceiptResponse, IdentificationResponse } from '../../../shared/contract/responses.js';
import { API_BASE } from '../lib/api.js';
import { h, type Child } from '../lib/dom.js';
import { dateTime, time } from '../lib/format.js';
import type { Lang } from '../lib/i18n.js';
import type { Key } from './messages.js';
import type { KioskCredential, RefusedTap } from './queue.js';

export type Refusal = 'failed' | 'locked' | 'again' | 'error';

export type Step =
  | { kind: 'setup'; note?: 'setupBad' | 'setupRevoked' | 'setupOffline'; value: string }
  | { kind: 'identify'; mode: 'card' | 'qr'; value: string }
  | { kind: 'pin'; mode: 'card' | 'qr'; id: string; pin: string }
  | { kind: 'checking'; credential: KioskCredential }
  | { kind: 'slowed'; credential: KioskCredential; until: number }
  | { kind: 'action'; credential: KioskCredential; identified?: IdentificationResponse; notices: RefusedTap[] }
  | { kind: 'sending'; type: 'IN' | 'OUT' }
  | { kind: 'receipt'; receipt: CheckinReceiptResponse }
  | { kind: 'queued'; type: 'IN' | 'OUT'; deviceTime: string; why: 'offline' | 'retry' }
  | { kind: 'refused'; reason: Refusal; minutes?: number };

/** What the views need of the kiosk's state machine. */
export interface KioskCtx {
  t: (key: Key, vars?: Record<string, string | number>) => string;
  lang: Lang;
  step: Step;
  go(next: Step): void;
  reset(): void;
  check(credential: KioskCredential): void;
  tap(type: 'IN' | 'OUT', credential: KioskCredential, identified: IdentificationResponse | undefined): void;
  connect(setupCode: string): void;
}

function keypad(c: KioskCtx, onDigit: (d: string) => void, onErase: () => void): HTMLElement {
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
  return h(
    'div',
    { class: 'keypad' },
    keys.map((k) => h('button', { type: 'button', class: 'key', onclick: () => onDigit(k) }, k)),
    h('button', { type: 'button', class: 'key', onclick: onErase }, c.t('erase')),
    h('button', { type: 'button', class: 'key', onclick: () => onDigit('0') }, '0'),
  );
}

function reasonText(c: KioskCtx, code: string): string {
  return code === 'IDENTIFICATION_FAILED' ? c.t('reasonFailed') : code === 'DEVICE_TIME_TOO_OLD' ? c.t('reasonTooOld') : c.t('reasonOther');
}

/** A step that is one form: its field gets the focus, Enter or the submit button runs `submit`. */
function stepForm(focus: HTMLInputElement, submit: () => void, ...children: Child[]): HTMLFormElement {
  queueMicrotask(() => focus.focus());
  return h(
    'form',
    {
      class: 'step',
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        submit();
      },
    },
    ...children,
  );
}

function setupView(c: KioskCtx, s: Extract<Step, { kind: 'setup' }>): HTMLElement {
  const input = h('input', { id: 'setup-code', name: 'setup-code', class: 'big-input', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'setup-help', value: s.value, required: true });
  const demo = h('div', { class: 'row' });
  if (__AUTH_MODE__ === 'local') {
    fetch(`${API_BASE}/local/demo-users`, { cache: 'no-store' })
      .then(async (res) => ((await res.json()) as { kiosks?: { label: string; setupCode: string }[] }).kiosks ?? [])
      .then((kiosks) => demo.replaceChildren(...kiosks.map((k) => h('button', { type: 'button', 'data-demo-kiosk': 'true', onclick: () => c.connect(k.setupCode) }, c.t('setupDemo', { label: k.label })))))
      .catch(() => undefined);
  }
  return stepForm(
    input,
    () => c.connect(input.value),
    h('h1', {}, c.t('setupTitle')),
    s.note !== undefined ? h('p', { class: 'lead error-title', role: 'alert' }, c.t(s.note)) : '',
    h('p', { class: 'lead' }, c.t('setupLead')),
    h('label', { for: 'setup-code' }, c.t('setupLabel')),
    input,
    h('p', { id: 'setup-help', class: 'muted' }, c.t('setupHelp')),
    h('button', { type: 'submit', class: 'primary huge' }, c.t('setupGo')),
    demo,
  );
}

export function view(c: KioskCtx): HTMLElement {
  const step = c.step;
  switch (step.kind) {
    case 'setup':
      return setupView(c, step);
    case 'identify': {
      const s = step;
      const qr = s.mode === 'qr';
      const input = h('input', {
        id: 'credential',
        name: 'credential',
        class: 'big-input',
        autocomplete: 'off',
        autocapitalize: 'characters',
        spellcheck: 'false',
        'aria-describedby': 'credential-help',
        value: s.value,
        required: true,
        pattern: qr ? '[A-Za-z0-9_\\-]{16,256}' : '[A-Za-z0-9 \\-]{4,40}',
        oninput: (ev: Event) => {
          s.value = (ev.target as HTMLInputElement).value.trim();
        },
      });
      return stepForm(
        input,
        () => {
          if (input.checkValidity()) c.go({ kind: 'pin', mode: s.mode, id: s.value, pin: '' });
        },
        h('h1', {}, c.t('title')),
        h('p', { class: 'lead' }, c.t('welcome')),
        h(
          'div',
          { class: 'tabs', role: 'group', 'aria-label': c.t('idMode') },
          (['card', 'qr'] as const).map((m) => h('button', { type: 'button', 'aria-pressed': String(s.mode === m), onclick: () => c.go({ kind: 'identify', mode: m, value: '' }) }, c.t(m))),
        ),
        h('label', { for: 'credential' }, qr ? c.t('qrLabel') : c.t('cardLabel')),
        input,
        h('p', { id: 'credential-help', class: 'muted' }, qr ? c.t('qrHelp') : c.t('cardHelp')),
        h('button', { type: 'submit', class: 'primary huge' }, c.t('next')),
      );
    }
    case 'pin': {
      const s = step;
      const field = h('input', { id: 'pin', name: 'pin', type: 'password', inputmode: 'numeric', autocomplete: 'off', class: 'big-input pin', value: s.pin, maxlength: 8, pattern: '\\d{4,8}', required: true });
      const sync = (): void => {
        field.value = s.pin;
        c.go(s);
      };
      field.addEventListener('input', () => {
        s.pin = field.value.replace(/\D/g, '').slice(0, 8);
      });
      return stepForm(
        field,
        () => {
          if (/^\d{4,8}$/.test(s.pin)) c.check(s.mode === 'qr' ? { qrToken: s.id, pin: s.pin } : { cardNumber: s.id, pin: s.pin });
        },
        h('h1', {}, c.t('pinTitle')),
        h('label', { for: 'pin' }, c.t('pinLabel')),
        field,
        keypad(
          c,
          (d) => {
            if (s.pin.length < 8) s.pin += d;
            sync();
          },
          () => {
            s.pin = s.pin.slice(0, -1);
            sync();
          },
        ),
        h('div', { class: 'row' }, h('button', { type: 'button', onclick: c.reset }, c.t('back')), h('button', { type: 'submit', class: 'primary huge' }, c.t('ok'))),
      );
    }
    case 'checking':
      return h('div', { class: 'step' }, h('h1', {}, c.t('pinTitle')), h('p', { class: 'lead', role: 'status' }, c.t('checking')));
    case 'slowed': {
      const seconds = Math.max(0, Math.ceil((step.until - Date.now()) / 1000));
      return h('div', { class: 'step refused', 'data-refused': 'KIOSK_SLOWED_DOWN' }, h('h1', { class: 'warn-title' }, c.t('slowedTitle')), h('p', { class: 'lead', role: 'status' }, c.t('slowed', { seconds })), h('button', { type: 'button', onclick: c.reset }, c.t('back')));
    }
    case 'action': {
      const s = step;
      const lang = c.lang;
      return h(
        'div',
        { class: 'step' },
        s.identified !== undefined ? h('p', { class: 'lead hello' }, c.t('hello', { initial: s.identified.participantInitial })) : h('p', { class: 'lead offline-note', role: 'status' }, c.t('offlineChoose')),
        s.notices.length > 0
          ? h(
              'section',
              { class: 'notice', role: 'alert', 'data-notices': s.notices.length },
              h('h2', {}, c.t('noticeTitle')),
              h('ul', {}, s.notices.map((n) => h('li', {}, `${c.t(n.type === 'IN' ? 'noticeIn' : 'noticeOut', { when: dateTime(n.deviceTime, lang) })}: ${reasonText(c, n.code)}`))),
              h('p', {}, c.t('noticeHelp')),
            )
          : '',
        h('h1', {}, c.t('choose')),
        h(
          'div',
          { class: 'actions' },
          h('button', { type: 'button', class: 'action in', 'data-action': 'IN', onclick: () => c.tap('IN', s.credential, s.identified) }, c.t('in')),
          h('button', { type: 'button', class: 'action out', 'data-action': 'OUT', onclick: () => c.tap('OUT', s.credential, s.identified) }, c.t('out')),
        ),
        h('button', { type: 'button', onclick: c.reset }, c.t('back')),
      );
    }
    case 'sending':
      return h('div', { class: 'step' }, h('h1', {}, step.type === 'IN' ? c.t('in') : c.t('out')), h('p', { class: 'lead', role: 'status' }, c.t('sending')));
    case 'receipt': {
      const r = step.receipt;
      return h(
        'div',
        { class: `step receipt ${r.type === 'IN' ? 'in' : 'out'}`, 'data-receipt': r.receiptId },
        h('h1', {}, r.type === 'IN' ? c.t('receiptIn') : c.t('receiptOut')),
        h('p', { class: 'initial', 'aria-label': r.participantInitial }, r.participantInitial),
        h('p', { class: 'clock' }, time(r.deviceTime, c.lang)),
        h('p', { class: 'muted' }, c.t('cleared')),
        h('button', { type: 'button', class: 'primary huge', onclick: c.reset }, c.t('done')),
      );
    }
    case 'queued':
      // Neutral on purpose: nothing is recorded yet, so nothing here may look like a receipt.
      return h(
        'div',
        { class: 'step queued', 'data-queued': step.why },
        h('h1', {}, c.t('queuedTitle')),
        h('p', { class: 'lead' }, `${step.type === 'IN' ? c.t('queuedIn') : c.t('queuedOut')} · ${time(step.deviceTime, c.lang)}`),
        h('p', {}, step.why === 'offline' ? c.t('queued') : c.t('queuedRetry')),
        h('button', { type: 'button', class: 'primary huge', onclick: c.reset }, c.t('done')),
      );
    case 'refused': {
      const s = step;
      const title = s.reason === 'failed' ? c.t('failedTitle') : s.reason === 'locked' ? c.t('lockedTitle') : s.reason === 'again' ? c.t('againTitle') : c.t('errorTitle');
      const text = s.reason === 'failed' ? c.t('failed') : s.reason === 'locked' ? c.t('locked', { minutes: s.minutes ?? 15 }) : s.reason === 'again' ? c.t('again') : c.t('error');
      return h('div', { class: 'step refused', 'data-refused': s.reason, role: 'alert' }, h('h1', { class: 'error-title' }, title), h('p', { class: 'lead' }, text), h('button', { type: 'button', class: 'primary huge', onclick: c.reset }, c.t('back')));
    }
  }
}
