/**
 * The kiosk (touch screen, 1024×768 and up): identify with card number or QR
 * code, then PIN, then one large tap to check in or out, then a receipt
 * (initial, time, in/out) that clears itself after a few seconds.
 *
 * Choices where the spec is silent:
 * - The kiosk cannot know whether the person is in or out (it may read
 *   nothing about a participant), so the last step shows two large buttons,
 *   "check in" and "check out"; one tap on either sends.
 * - QR codes are read by a scanner that types into the focused field (as
 *   kiosk QR readers do), so the QR step is a field like the card step.
 * - Every new person starts in Norwegian (nb); the switch is on every step.
 * - The screen clears 6 s after a receipt or an error, and after 30 s
 *   without a touch in the middle of a step.
 */
import '../styles.css';
import { ApiError, createApi, newUuid } from '../lib/api.js';
import { h, mount } from '../lib/dom.js';
import { deviceTimeNow, time } from '../lib/format.js';
import { createI18n, type Messages } from '../lib/i18n.js';
import { ensureSession, localToken, saveSession, signOut, type Session } from '../lib/session.js';
import { bumpAttempts, dequeue, enqueue, readQueue, seal, unseal, type KioskCredential, type QueuedTap } from './queue.js';

const CLEAR_AFTER_MS = 6_000;
const IDLE_MS = 30_000;
const REPLAY_EVERY_MS = 10_000;

type Key =
  | 'title' | 'welcome' | 'card' | 'qr' | 'cardLabel' | 'qrLabel' | 'next' | 'pinTitle' | 'pinLabel' | 'erase' | 'back' | 'ok'
  | 'choose' | 'in' | 'out' | 'sending' | 'receiptIn' | 'receiptOut' | 'queuedTitle' | 'queued' | 'done' | 'failed'
  | 'tooMany' | 'offline' | 'online' | 'pending' | 'error' | 'cardHelp' | 'qrHelp' | 'cleared' | 'signOut' | 'device' | 'idMode';

const MESSAGES: Messages<Key> = {
  nb: {
    title: 'Oppmøte',
    welcome: 'Velkommen! Hold kortet mot leseren eller skriv kortnummeret.',
    card: 'Kort',
    qr: 'QR-kode',
    idMode: 'Hvordan vil du identifisere deg?',
    cardLabel: 'Kortnummer',
    qrLabel: 'QR-kode',
    cardHelp: '4–32 bokstaver eller tall',
    qrHelp: 'Hold QR-koden foran skanneren',
    next: 'Neste',
    pinTitle: 'Skriv PIN-koden din',
    pinLabel: 'PIN-kode',
    erase: 'Slett',
    back: 'Tilbake',
    ok: 'OK',
    choose: 'Trykk for å registrere',
    in: 'Sjekk inn',
    out: 'Sjekk ut',
    sending: 'Sender …',
    receiptIn: 'Sjekket inn',
    receiptOut: 'Sjekket ut',
    queuedTitle: 'Lagret på kiosken',
    queued: 'Nettet er borte. Registreringen er lagret og sendes automatisk når nettet er tilbake.',
    done: 'Ferdig',
    failed: 'Vi kjente ikke igjen kortet eller PIN-koden. Prøv igjen.',
    tooMany: 'For mange forsøk. Vent litt, eller snakk med en ansatt.',
    offline: 'Uten nett',
    online: 'Tilkoblet',
    pending: '{n} venter på å bli sendt',
    error: 'Noe gikk galt. Prøv igjen, eller snakk med en ansatt.',
    cleared: 'Skjermen tømmes om noen sekunder.',
    signOut: 'Logg ut kiosken',
    device: 'Kiosk {id}',
  },
  en: {
    title: 'Attendance',
    welcome: 'Welcome! Hold your card to the reader or type the card number.',
    card: 'Card',
    qr: 'QR code',
    idMode: 'How do you want to identify?',
    cardLabel: 'Card number',
    qrLabel: 'QR code',
    cardHelp: '4–32 letters or digits',
    qrHelp: 'Hold the QR code in front of the scanner',
    next: 'Next',
    pinTitle: 'Enter your PIN',
    pinLabel: 'PIN',
    erase: 'Erase',
    back: 'Back',
    ok: 'OK',
    choose: 'Tap to record',
    in: 'Check in',
    out: 'Check out',
    sending: 'Sending …',
    receiptIn: 'Checked in',
    receiptOut: 'Checked out',
    queuedTitle: 'Saved on the kiosk',
    queued: 'The network is down. Your tap is saved and will be sent automatically when the network is back.',
    done: 'Done',
    failed: 'We did not recognise the card or the PIN. Please try again.',
    tooMany: 'Too many attempts. Please wait a little, or ask a member of staff.',
    offline: 'Offline',
    online: 'Online',
    pending: '{n} waiting to be sent',
    error: 'Something went wrong. Please try again, or ask a member of staff.',
    cleared: 'The screen clears in a few seconds.',
    signOut: 'Sign the kiosk out',
    device: 'Kiosk {id}',
  },
};

interface Receipt {
  receiptId: string;
  eventId: string;
  type: 'IN' | 'OUT';
  participantInitial: string;
  recordedAt: string;
  deviceTime: string;
}

type Step =
  | { kind: 'identify'; mode: 'card' | 'qr'; value: string }
  | { kind: 'pin'; mode: 'card' | 'qr'; id: string; pin: string }
  | { kind: 'action'; credential: KioskCredential }
  | { kind: 'sending'; type: 'IN' | 'OUT' }
  | { kind: 'receipt'; receipt: Receipt }
  | { kind: 'queued'; type: 'IN' | 'OUT'; deviceTime: string }
  | { kind: 'error'; message: 'failed' | 'tooMany' | 'error' };

const i18n = createI18n(MESSAGES, 'nb');
const t = i18n.t;
const root = document.getElementById('app')!;
let session: Session;
let step: Step = { kind: 'identify', mode: 'card', value: '' };
let timer: number | undefined;

const api = createApi(() => session?.token);

/** A settled answer: the tap leaves the queue. A token problem or overload is not one. */
function settles(err: unknown): boolean {
  return err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 429 && err.code !== 'UNAUTHORIZED';
}

async function refreshToken(): Promise<void> {
  if (__AUTH_MODE__ !== 'local' || session.username === '') return;
  session = await localToken(session.username, 12 * 3600);
  saveSession('kiosk', session);
}

async function send(tap: QueuedTap): Promise<Receipt> {
  const kiosk = await unseal(tap);
  const body = { eventId: tap.eventId, type: tap.type, deviceId: tap.deviceId, deviceTime: tap.deviceTime, kiosk };
  try {
    return await api.send<Receipt>('POST', '/checkins', body);
  } catch (err) {
    if (err instanceof ApiError && err.code === 'UNAUTHORIZED') {
      await refreshToken();
      return api.send<Receipt>('POST', '/checkins', body);
    }
    throw err;
  }
}

let flushing = false;
/** Replays the queue in order. Stops at the first tap that gets no settling answer (still offline). */
async function flush(): Promise<void> {
  if (flushing) return;
  flushing = true;
  try {
    for (const tap of readQueue()) {
      try {
        await send(tap);
        dequeue(tap.eventId);
      } catch (err) {
        if (settles(err)) dequeue(tap.eventId);
        else {
          bumpAttempts(tap.eventId);
          break;
        }
      }
    }
  } finally {
    flushing = false;
    renderStatus();
  }
}

async function tap(type: 'IN' | 'OUT', credential: KioskCredential): Promise<void> {
  const queued: QueuedTap = { eventId: newUuid(), type, deviceId: session.deviceId ?? '', deviceTime: deviceTimeNow(), ...(await seal(credential)), attempts: 0 };
  // Queued first: if the answer is lost, the replay carries the same event id.
  enqueue(queued);
  go({ kind: 'sending', type });
  try {
    const receipt = await send(queued);
    dequeue(queued.eventId);
    go({ kind: 'receipt', receipt });
    void flush();
  } catch (err) {
    if (settles(err)) {
      dequeue(queued.eventId);
      const code = (err as ApiError).code;
      go({ kind: 'error', message: code === 'IDENTIFICATION_FAILED' ? 'failed' : code === 'TOO_MANY_ATTEMPTS' ? 'tooMany' : 'error' });
    } else {
      // No answer, overload or an expired device token: the tap stays queued and is replayed.
      go({ kind: 'queued', type, deviceTime: queued.deviceTime });
    }
  }
}

function go(next: Step): void {
  step = next;
  window.clearTimeout(timer);
  if (next.kind === 'receipt' || next.kind === 'queued' || next.kind === 'error') timer = window.setTimeout(reset, CLEAR_AFTER_MS);
  else if (next.kind === 'pin' || next.kind === 'action') timer = window.setTimeout(reset, IDLE_MS);
  render();
}

/** Back to the start: no personal data left on screen, language back to nb. */
function reset(): void {
  i18n.set('nb');
  go({ kind: 'identify', mode: 'card', value: '' });
}

const statusEl = h('p', { class: 'kiosk-status', role: 'status', 'aria-live': 'polite' });
function renderStatus(): void {
  const n = readQueue().length;
  statusEl.replaceChildren(
    h('span', { class: navigator.onLine ? 'online' : 'offline', 'data-online': String(navigator.onLine) }, navigator.onLine ? t('online') : t('offline')),
    n > 0 ? h('span', { class: 'pending', 'data-pending': n }, ` · ${t('pending', { n })}`) : '',
  );
}

function keypad(onDigit: (d: string) => void, onErase: () => void): HTMLElement {
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
  return h(
    'div',
    { class: 'keypad' },
    keys.map((k) => h('button', { type: 'button', class: 'key', onclick: () => onDigit(k) }, k)),
    h('button', { type: 'button', class: 'key', onclick: onErase }, t('erase')),
    h('button', { type: 'button', class: 'key', onclick: () => onDigit('0') }, '0'),
  );
}

function view(): HTMLElement {
  switch (step.kind) {
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
        pattern: qr ? '[A-Za-z0-9_\\-]{16,256}' : '[A-Za-z0-9]{4,32}',
        oninput: (ev: Event) => {
          s.value = (ev.target as HTMLInputElement).value.trim();
        },
      });
      queueMicrotask(() => input.focus());
      return h(
        'form',
        {
          class: 'step',
          onsubmit: (ev: Event) => {
            ev.preventDefault();
            if (input.checkValidity()) go({ kind: 'pin', mode: s.mode, id: s.value, pin: '' });
          },
        },
        h('h1', {}, t('title')),
        h('p', { class: 'lead' }, t('welcome')),
        h(
          'div',
          { class: 'tabs', role: 'group', 'aria-label': t('idMode') },
          (['card', 'qr'] as const).map((m) => h('button', { type: 'button', 'aria-pressed': String(s.mode === m), onclick: () => go({ kind: 'identify', mode: m, value: '' }) }, t(m))),
        ),
        h('label', { for: 'credential' }, qr ? t('qrLabel') : t('cardLabel')),
        input,
        h('p', { id: 'credential-help', class: 'muted' }, qr ? t('qrHelp') : t('cardHelp')),
        h('button', { type: 'submit', class: 'primary huge' }, t('next')),
      );
    }
    case 'pin': {
      const s = step;
      const field = h('input', { id: 'pin', name: 'pin', type: 'password', inputmode: 'numeric', autocomplete: 'off', class: 'big-input pin', value: s.pin, maxlength: 8, pattern: '\\d{4,8}', required: true });
      const sync = (): void => {
        field.value = s.pin;
        go(s);
      };
      field.addEventListener('input', () => {
        s.pin = field.value.replace(/\D/g, '').slice(0, 8);
      });
      queueMicrotask(() => field.focus());
      return h(
        'form',
        {
          class: 'step',
          onsubmit: (ev: Event) => {
            ev.preventDefault();
            if (!/^\d{4,8}$/.test(s.pin)) return;
            const credential: KioskCredential = s.mode === 'qr' ? { qrToken: s.id, pin: s.pin } : { cardNumber: s.id, pin: s.pin };
            go({ kind: 'action', credential });
          },
        },
        h('h1', {}, t('pinTitle')),
        h('label', { for: 'pin' }, t('pinLabel')),
        field,
        keypad(
          (d) => {
            if (s.pin.length < 8) s.pin += d;
            sync();
          },
          () => {
            s.pin = s.pin.slice(0, -1);
            sync();
          },
        ),
        h('div', { class: 'row' }, h('button', { type: 'button', onclick: reset }, t('back')), h('button', { type: 'submit', class: 'primary huge' }, t('ok'))),
      );
    }
    case 'action': {
      const credential = step.credential;
      return h(
        'div',
        { class: 'step' },
        h('h1', {}, t('choose')),
        h(
          'div',
          { class: 'actions' },
          h('button', { type: 'button', class: 'action in', 'data-action': 'IN', onclick: () => void tap('IN', credential) }, t('in')),
          h('button', { type: 'button', class: 'action out', 'data-action': 'OUT', onclick: () => void tap('OUT', credential) }, t('out')),
        ),
        h('button', { type: 'button', onclick: reset }, t('back')),
      );
    }
    case 'sending':
      return h('div', { class: 'step' }, h('h1', {}, step.type === 'IN' ? t('in') : t('out')), h('p', { class: 'lead', role: 'status' }, t('sending')));
    case 'receipt': {
      const r = step.receipt;
      return h(
        'div',
        { class: `step receipt ${r.type === 'IN' ? 'in' : 'out'}`, 'data-receipt': r.receiptId },
        h('h1', {}, r.type === 'IN' ? t('receiptIn') : t('receiptOut')),
        h('p', { class: 'initial', 'aria-label': r.participantInitial }, r.participantInitial),
        h('p', { class: 'clock' }, time(r.recordedAt, i18n.lang())),
        h('p', { class: 'muted' }, t('cleared')),
        h('button', { type: 'button', class: 'primary huge', onclick: reset }, t('done')),
      );
    }
    case 'queued':
      return h(
        'div',
        { class: `step receipt queued ${step.type === 'IN' ? 'in' : 'out'}`, 'data-queued': 'true' },
        h('h1', {}, t('queuedTitle')),
        h('p', { class: 'lead' }, step.type === 'IN' ? t('receiptIn') : t('receiptOut')),
        h('p', { class: 'clock' }, time(step.deviceTime, i18n.lang())),
        h('p', {}, t('queued')),
        h('button', { type: 'button', class: 'primary huge', onclick: reset }, t('done')),
      );
    case 'error':
      return h('div', { class: 'step' }, h('h1', { class: 'error-title' }, t(step.message)), h('button', { type: 'button', class: 'primary huge', onclick: reset }, t('back')));
  }
}

function render(): void {
  renderStatus();
  mount(
    root,
    h(
      'header',
      { class: 'bar' },
      h('span', { class: 'brand' }, 'Introflyt'),
      h('span', { class: 'muted device' }, t('device', { id: session.deviceId ?? '' })),
      i18n.switcher(),
    ),
    h('main', { id: 'main', class: 'kiosk' }, view()),
    h(
      'footer',
      { class: 'bar' },
      statusEl,
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          onclick: () => {
            signOut('kiosk');
            location.reload();
          },
        },
        t('signOut'),
      ),
    ),
  );
}

async function main(): Promise<void> {
  session = await ensureSession(root, 'kiosk', i18n, 'Introflyt – kiosk');
  i18n.onChange(render);
  window.addEventListener('online', () => {
    renderStatus();
    void flush();
  });
  window.addEventListener('offline', renderStatus);
  window.setInterval(() => void flush(), REPLAY_EVERY_MS);
  render();
  void flush();
}

void main();
