/**
 * The kiosk (touch screen, 1024×768 and up): identify with card number or QR
 * code, then the PIN, which the API checks right away (POST
 * /kiosk-identifications), then one large tap to check in or out, then a
 * receipt (initial, time, in/out) that clears itself after a few seconds.
 *
 * What the person is told (issue 8 item 10):
 * - Only a network failure is "offline". Then the PIN cannot be checked: the
 *   tap is saved on the kiosk (sealed, queue.ts) and the screen says so, in
 *   neutral colours, never "checked in".
 * - A refusal is shown as a refusal, with what to do: a wrong PIN or unknown
 *   card, a card locked by wrong PINs (how long; the adviser can unlock it;
 *   the app works meanwhile), a kiosk slowed down after many failed attempts
 *   (a countdown, then it tries again by itself).
 * - A queued tap whose replay the API refuses is not dropped: the next
 *   person who identifies with that card at this kiosk is told, and the API
 *   keeps it for their adviser.
 *
 * The kiosk signs in with its own credential (device.ts): an admin sets it
 * up with the setup code from POST /devices, and only an admin can sign it
 * out (by deactivating the device), so nobody at the kiosk can.
 *
 * Choices where the spec is silent:
 * - The kiosk cannot know whether the person is in or out (it may read
 *   nothing about a participant), so the last step shows two large buttons.
 * - QR codes are read by a scanner that types into the focused field (as
 *   kiosk QR readers do), so the QR step is a field like the card step.
 * - Every new person starts in Norwegian (nb); the switch is on every step.
 * - The screen clears 6 s after a receipt, 12 s after a refusal, and after
 *   30 s without a touch in the middle of a step.
 */
import '../styles.css';
import { API_BASE, ApiError, NetworkError, createApi, newUuid } from '../lib/api.js';
import { h, mount, type Child } from '../lib/dom.js';
import { dateTime, deviceTimeNow, time } from '../lib/format.js';
import { createI18n, type Messages } from '../lib/i18n.js';
import { CredentialRevoked, deviceSession, forgetCredential, loadCredential, parseSetupCode, saveCredential, type DeviceSession } from './device.js';
import { addRefused, bumpAttempts, cardRef, dequeue, enqueue, readQueue, readRefused, seal, takeRefused, unseal, type KioskCredential, type QueuedTap, type RefusedTap } from './queue.js';

const CLEAR_AFTER_MS = 6_000;
const REFUSAL_CLEARS_AFTER_MS = 12_000;
const IDLE_MS = 30_000;
const REPLAY_EVERY_MS = 10_000;

type Key =
  | 'title' | 'welcome' | 'card' | 'qr' | 'cardLabel' | 'qrLabel' | 'next' | 'pinTitle' | 'pinLabel' | 'erase' | 'back' | 'ok'
  | 'checking' | 'hello' | 'choose' | 'in' | 'out' | 'sending' | 'receiptIn' | 'receiptOut' | 'queuedTitle' | 'queuedIn' | 'queuedOut' | 'queued' | 'queuedRetry'
  | 'done' | 'offlineChoose' | 'failedTitle' | 'failed' | 'lockedTitle' | 'locked' | 'slowedTitle' | 'slowed' | 'againTitle' | 'again' | 'errorTitle' | 'error'
  | 'offline' | 'online' | 'pending' | 'refusedCount' | 'cardHelp' | 'qrHelp' | 'cleared' | 'device' | 'idMode' | 'signOutInfo'
  | 'noticeTitle' | 'noticeIn' | 'noticeOut' | 'reasonFailed' | 'reasonTooOld' | 'reasonOther' | 'noticeHelp'
  | 'setupTitle' | 'setupLead' | 'setupLabel' | 'setupHelp' | 'setupGo' | 'setupBad' | 'setupRevoked' | 'setupOffline' | 'setupDemo';

const MESSAGES: Messages<Key> = {
  nb: {
    title: 'Oppmøte',
    welcome: 'Velkommen! Hold kortet mot leseren eller skriv kortnummeret.',
    card: 'Kort',
    qr: 'QR-kode',
    idMode: 'Hvordan vil du identifisere deg?',
    cardLabel: 'Kortnummer',
    qrLabel: 'QR-kode',
    cardHelp: 'Nummeret på kortet, for eksempel 7K3M-Q9XR-2HDP-W4TB',
    qrHelp: 'Hold QR-koden foran skanneren',
    next: 'Neste',
    pinTitle: 'Skriv PIN-koden din',
    pinLabel: 'PIN-kode',
    erase: 'Slett',
    back: 'Tilbake',
    ok: 'OK',
    checking: 'Sjekker PIN-koden …',
    hello: 'Hei, {initial}!',
    choose: 'Trykk for å registrere',
    in: 'Sjekk inn',
    out: 'Sjekk ut',
    sending: 'Sender …',
    receiptIn: 'Sjekket inn',
    receiptOut: 'Sjekket ut',
    queuedTitle: 'Lagret på kiosken – ikke sendt ennå',
    queuedIn: 'Innsjekk lagret',
    queuedOut: 'Utsjekk lagret',
    queued: 'Nettet er borte, så PIN-koden kunne ikke kontrolleres. Registreringen sendes automatisk når nettet er tilbake. Blir den ikke godtatt, får du beskjed neste gang du bruker kortet her, og rådgiveren din ser det.',
    queuedRetry: 'Tjenesten svarte ikke som den skulle. Registreringen er lagret og sendes på nytt automatisk.',
    offlineChoose: 'Uten nett: PIN-koden kontrolleres når nettet er tilbake.',
    done: 'Ferdig',
    failedTitle: 'Ikke registrert',
    failed: 'Vi kjente ikke igjen kortet eller PIN-koden. Prøv igjen. Har du glemt PIN-koden, snakk med rådgiveren din.',
    lockedTitle: 'Kortet er sperret',
    locked: 'For mange feil PIN-koder på dette kortet. Det åpnes igjen om {minutes} min, eller rådgiveren din kan åpne det nå. Du kan sjekke inn i appen imens. Ingenting er registrert.',
    slowedTitle: 'Vent litt',
    slowed: 'Mange mislykkede forsøk på denne kiosken. Vi prøver igjen om {seconds} s.',
    againTitle: 'Prøv igjen',
    again: 'Det tok for lang tid, eller noe ble endret. Begynn på nytt med kortet og PIN-koden. Ingenting er registrert.',
    errorTitle: 'Noe gikk galt',
    error: 'Ingenting er registrert. Prøv igjen, eller snakk med en ansatt.',
    offline: 'Uten nett',
    online: 'Tilkoblet',
    pending: '{n} venter på å bli sendt',
    refusedCount: '{n} ikke godtatt',
    cleared: 'Skjermen tømmes om noen sekunder.',
    device: 'Kiosk {id}',
    signOutInfo: 'Bare en administrator kan logge ut kiosken.',
    noticeTitle: 'Ikke registrert tidligere',
    noticeIn: 'Innsjekk {when}',
    noticeOut: 'Utsjekk {when}',
    reasonFailed: 'feil PIN-kode',
    reasonTooOld: 'sendt for sent',
    reasonOther: 'ikke godtatt',
    noticeHelp: 'Disse ble lagret på kiosken uten nett, men ble ikke godtatt. Rådgiveren din ser dem og kan rette opp.',
    setupTitle: 'Sett opp kiosken',
    setupLead: 'En administrator registrerer kiosken og får en oppsettkode.',
    setupLabel: 'Oppsettkode',
    setupHelp: 'Enhets-id, klient-id og hemmelighet, skilt med kolon',
    setupGo: 'Koble til',
    setupBad: 'Koden er ikke gyldig, eller kiosken er deaktivert.',
    setupRevoked: 'Kiosken er logget ut av en administrator.',
    setupOffline: 'Uten nett: prøv igjen når nettet er tilbake.',
    setupDemo: 'Lokal demo: {label}',
  },
  en: {
    title: 'Attendance',
    welcome: 'Welcome! Hold your card to the reader or type the card number.',
    card: 'Card',
    qr: 'QR code',
    idMode: 'How do you want to identify?',
    cardLabel: 'Card number',
    qrLabel: 'QR code',
    cardHelp: 'The number on the card, for example 7K3M-Q9XR-2HDP-W4TB',
    qrHelp: 'Hold the QR code in front of the scanner',
    next: 'Next',
    pinTitle: 'Enter your PIN',
    pinLabel: 'PIN',
    erase: 'Erase',
    back: 'Back',
    ok: 'OK',
    checking: 'Checking the PIN …',
    hello: 'Hello, {initial}!',
    choose: 'Tap to record',
    in: 'Check in',
    out: 'Check out',
    sending: 'Sending …',
    receiptIn: 'Checked in',
    receiptOut: 'Checked out',
    queuedTitle: 'Saved on the kiosk – not sent yet',
    queuedIn: 'Check-in saved',
    queuedOut: 'Check-out saved',
    queued: 'The network is down, so the PIN could not be checked. Your tap is sent automatically when the network is back. If it is not accepted, you are told the next time you use your card here, and your adviser sees it.',
    queuedRetry: 'The service did not answer properly. Your tap is saved and will be sent again automatically.',
    offlineChoose: 'No network: the PIN is checked when the network is back.',
    done: 'Done',
    failedTitle: 'Not recorded',
    failed: 'We did not recognise the card or the PIN. Please try again. If you have forgotten your PIN, talk to your adviser.',
    lockedTitle: 'This card is locked',
    locked: 'Too many wrong PINs for this card. It opens again in {minutes} min, or your adviser can unlock it now. You can check in with the app meanwhile. Nothing was recorded.',
    slowedTitle: 'Please wait',
    slowed: 'Many failed attempts at this kiosk. We try again in {seconds} s.',
    againTitle: 'Please start again',
    again: 'That took too long, or something changed. Start again with your card and PIN. Nothing was recorded.',
    errorTitle: 'Something went wrong',
    error: 'Nothing was recorded. Please try again, or ask a member of staff.',
    offline: 'Offline',
    online: 'Online',
    pending: '{n} waiting to be sent',
    refusedCount: '{n} not accepted',
    cleared: 'The screen clears in a few seconds.',
    device: 'Kiosk {id}',
    signOutInfo: 'Only an admin can sign this kiosk out.',
    noticeTitle: 'Earlier taps not recorded',
    noticeIn: 'Check-in {when}',
    noticeOut: 'Check-out {when}',
    reasonFailed: 'wrong PIN',
    reasonTooOld: 'sent too late',
    reasonOther: 'not accepted',
    noticeHelp: 'These were saved on the kiosk while it was offline, but were not accepted. Your adviser sees them and can correct the record.',
    setupTitle: 'Set up the kiosk',
    setupLead: 'An admin registers the kiosk and gets a setup code.',
    setupLabel: 'Setup code',
    setupHelp: 'Device id, client id and secret, separated by colons',
    setupGo: 'Connect',
    setupBad: 'The code is not valid, or the kiosk was deactivated.',
    setupRevoked: 'An admin signed this kiosk out.',
    setupOffline: 'Offline: try again when the network is back.',
    setupDemo: 'Local demo: {label}',
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

interface Identified {
  identificationId: string;
  participantInitial: string;
}

type Refusal = 'failed' | 'locked' | 'again' | 'error';

type Step =
  | { kind: 'setup'; note?: 'setupBad' | 'setupRevoked' | 'setupOffline'; value: string }
  | { kind: 'identify'; mode: 'card' | 'qr'; value: string }
  | { kind: 'pin'; mode: 'card' | 'qr'; id: string; pin: string }
  | { kind: 'checking'; credential: KioskCredential }
  | { kind: 'slowed'; credential: KioskCredential; until: number }
  | { kind: 'action'; credential: KioskCredential; identified?: Identified; notices: RefusedTap[] }
  | { kind: 'sending'; type: 'IN' | 'OUT' }
  | { kind: 'receipt'; receipt: Receipt }
  | { kind: 'queued'; type: 'IN' | 'OUT'; deviceTime: string; why: 'offline' | 'retry' }
  | { kind: 'refused'; reason: Refusal; minutes?: number };

const i18n = createI18n(MESSAGES, 'nb');
const t = i18n.t;
const root = document.getElementById('app')!;
let session: DeviceSession | undefined;
let step: Step = { kind: 'identify', mode: 'card', value: '' };
let timer: number | undefined;
let ticker: number | undefined;
let online = navigator.onLine;

const api = createApi(() => currentToken);
let currentToken: string | undefined;

/** 401/403 answers that refuse the request, not the kiosk's token. */
const REQUEST_REFUSALS = new Set(['IDENTIFICATION_FAILED', 'IDENTIFICATION_EXPIRED', 'DEVICE_MISMATCH', 'UNKNOWN_PARTICIPANT']);

/** A call with the device's token; a refused token is renewed once (an expired one, or a deactivated device, which renewing reveals). */
async function send<T>(path: string, body: unknown): Promise<T> {
  if (session === undefined) throw new CredentialRevoked();
  currentToken = await session.token();
  try {
    return await api.send<T>('POST', path, body);
  } catch (err) {
    // 401/403 about the token or the device (the gateway's, or DEVICE_NOT_REGISTERED), not a refusal of the request itself.
    if (err instanceof ApiError && (err.status === 401 || err.status === 403) && !REQUEST_REFUSALS.has(err.code)) {
      currentToken = await session.renew();
      return api.send<T>('POST', path, body);
    }
    throw err;
  }
}

/** The admin deactivated this kiosk: forget its credential, keep the queue (it names no one), show the setup step. */
function revoked(): void {
  forgetCredential();
  session = undefined;
  currentToken = undefined;
  go({ kind: 'setup', note: 'setupRevoked', value: '' });
}

function markOnline(value: boolean): void {
  if (online !== value) {
    online = value;
    renderStatus();
  }
}

/** What to say about a refusal. */
function refusalOf(err: ApiError): { reason: Refusal; minutes?: number } {
  if (err.code === 'IDENTIFICATION_FAILED') return { reason: 'failed' };
  if (err.code === 'TOO_MANY_ATTEMPTS') return { reason: 'locked', minutes: Math.max(1, Math.ceil(err.retryAfter / 60)) };
  if (err.code === 'IDENTIFICATION_EXPIRED' || err.code === 'IDENTIFICATION_USED' || err.code === 'EVENT_ID_CONFLICT') return { reason: 'again' };
  return { reason: 'error' };
}

/** A refusal is final for a queued tap unless it is a lock or slow-down (tried later) or a server error. */
const final = (err: unknown): err is ApiError => err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 429;

let flushing = false;
/** Replays the queue in order, with card and PIN (each tap's own). Stops when offline or the kiosk is slowed down. */
async function flush(): Promise<void> {
  if (flushing || session === undefined) return;
  flushing = true;
  try {
    for (const tap of readQueue()) {
      if (tap.notBefore !== undefined && tap.notBefore > Date.now()) continue;
      try {
        const kiosk = await unseal(tap);
        await send('/checkins', { eventId: tap.eventId, type: tap.type, deviceId: tap.deviceId, deviceTime: tap.deviceTime, kiosk, queued: true });
        markOnline(true);
        dequeue(tap.eventId);
      } catch (err) {
        if (err instanceof CredentialRevoked) return revoked();
        if (err instanceof NetworkError) {
          markOnline(false);
          break;
        }
        markOnline(true);
        if (final(err)) {
          // Not dropped: kept for the next person with this card here (the API keeps it for the adviser).
          addRefused({ ref: tap.ref, type: tap.type, deviceTime: tap.deviceTime, code: err.code, refusedAt: new Date().toISOString() });
          dequeue(tap.eventId);
        } else {
          // A locked card's tap is tried again at most once a minute (the lock may end sooner: the adviser can open it).
          const locked = err instanceof ApiError && err.code === 'TOO_MANY_ATTEMPTS';
          bumpAttempts(tap.eventId, locked ? Date.now() + Math.min(err.retryAfter, 60) * 1000 : undefined);
          if (err instanceof ApiError && err.code === 'KIOSK_SLOWED_DOWN') break;
        }
      }
    }
  } finally {
    flushing = false;
    renderStatus();
  }
}

/** The PIN step: the API checks card and PIN before the person chooses. */
async function check(credential: KioskCredential): Promise<void> {
  go({ kind: 'checking', credential });
  try {
    const identified = await send<Identified>('/kiosk-identifications', credential);
    markOnline(true);
    // Refused taps of this card at this kiosk are told to its holder, now that the PIN is known to be theirs.
    go({ kind: 'action', credential, identified, notices: takeRefused(await cardRef(credential)) });
  } catch (err) {
    if (err instanceof CredentialRevoked) return revoked();
    if (err instanceof NetworkError) {
      markOnline(false);
      go({ kind: 'action', credential, notices: [] });
      return;
    }
    markOnline(true);
    if (err instanceof ApiError && err.code === 'KIOSK_SLOWED_DOWN') {
      go({ kind: 'slowed', credential, until: Date.now() + Math.min(err.retryAfter, 30) * 1000 });
      return;
    }
    go({ kind: 'refused', ...(err instanceof ApiError ? refusalOf(err) : { reason: 'error' as const }) });
  }
}

async function tap(type: 'IN' | 'OUT', credential: KioskCredential, identified: Identified | undefined): Promise<void> {
  const queued: QueuedTap = {
    eventId: newUuid(),
    type,
    deviceId: session?.credential.deviceId ?? '',
    deviceTime: deviceTimeNow(),
    ...(await seal(credential)),
    ref: await cardRef(credential),
    attempts: 0,
  };
  // Queued first: if the answer is lost, the replay carries the same event id (and the same card, so the same event).
  enqueue(queued);
  if (identified === undefined) {
    go({ kind: 'queued', type, deviceTime: queued.deviceTime, why: 'offline' });
    return;
  }
  go({ kind: 'sending', type });
  try {
    const receipt = await send<Receipt>('/checkins', { eventId: queued.eventId, type, deviceId: queued.deviceId, deviceTime: queued.deviceTime, identification: identified.identificationId });
    dequeue(queued.eventId);
    go({ kind: 'receipt', receipt });
    void flush();
  } catch (err) {
    if (err instanceof CredentialRevoked) return revoked();
    if (err instanceof NetworkError) {
      markOnline(false);
      go({ kind: 'queued', type, deviceTime: queued.deviceTime, why: 'offline' });
    } else if (final(err)) {
      dequeue(queued.eventId);
      go({ kind: 'refused', ...refusalOf(err) });
    } else {
      // A lock, a slow-down or a server error: not a refusal of this tap; it stays queued and is sent again.
      go({ kind: 'queued', type, deviceTime: queued.deviceTime, why: 'retry' });
    }
  }
}

function go(next: Step): void {
  step = next;
  window.clearTimeout(timer);
  window.clearInterval(ticker);
  if (next.kind === 'receipt' || next.kind === 'queued') timer = window.setTimeout(reset, CLEAR_AFTER_MS);
  else if (next.kind === 'refused') timer = window.setTimeout(reset, REFUSAL_CLEARS_AFTER_MS);
  else if (next.kind === 'pin' || next.kind === 'action') timer = window.setTimeout(reset, IDLE_MS);
  else if (next.kind === 'slowed') {
    ticker = window.setInterval(() => (Date.now() >= next.until ? void check(next.credential) : render()), 1000);
  }
  render();
}

/** Back to the start: no personal data left on screen, language back to nb. */
function reset(): void {
  i18n.set('nb');
  go(session === undefined ? { kind: 'setup', value: '' } : { kind: 'identify', mode: 'card', value: '' });
}

const statusEl = h('p', { class: 'kiosk-status', role: 'status', 'aria-live': 'polite' });
function renderStatus(): void {
  const n = readQueue().length;
  const refused = readRefused().length;
  statusEl.replaceChildren(
    h('span', { class: online ? 'online' : 'offline', 'data-online': String(online) }, online ? t('online') : t('offline')),
    n > 0 ? h('span', { class: 'pending', 'data-pending': n }, ` · ${t('pending', { n })}`) : '',
    refused > 0 ? h('span', { class: 'refused-count', 'data-refused': refused }, ` · ${t('refusedCount', { n: refused })}`) : '',
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

function reasonText(code: string): string {
  return code === 'IDENTIFICATION_FAILED' ? t('reasonFailed') : code === 'DEVICE_TIME_TOO_OLD' ? t('reasonTooOld') : t('reasonOther');
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

function setupView(s: Extract<Step, { kind: 'setup' }>): HTMLElement {
  const input = h('input', { id: 'setup-code', name: 'setup-code', class: 'big-input', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'setup-help', value: s.value, required: true });
  const connect = async (code: string): Promise<void> => {
    const credential = parseSetupCode(code);
    if (credential === undefined) return go({ kind: 'setup', note: 'setupBad', value: code });
    const candidate = deviceSession(credential);
    try {
      await candidate.token();
    } catch (err) {
      return go({ kind: 'setup', note: err instanceof NetworkError ? 'setupOffline' : 'setupBad', value: '' });
    }
    saveCredential(credential);
    session = candidate;
    reset();
    void flush();
  };
  const demo = h('div', { class: 'row' });
  if (__AUTH_MODE__ === 'local') {
    fetch(`${API_BASE}/local/demo-users`, { cache: 'no-store' })
      .then(async (res) => ((await res.json()) as { kiosks?: { label: string; setupCode: string }[] }).kiosks ?? [])
      .then((kiosks) => demo.replaceChildren(...kiosks.map((k) => h('button', { type: 'button', 'data-demo-kiosk': 'true', onclick: () => void connect(k.setupCode) }, t('setupDemo', { label: k.label })))))
      .catch(() => undefined);
  }
  return stepForm(
    input,
    () => void connect(input.value),
    h('h1', {}, t('setupTitle')),
    s.note !== undefined ? h('p', { class: 'lead error-title', role: 'alert' }, t(s.note)) : '',
    h('p', { class: 'lead' }, t('setupLead')),
    h('label', { for: 'setup-code' }, t('setupLabel')),
    input,
    h('p', { id: 'setup-help', class: 'muted' }, t('setupHelp')),
    h('button', { type: 'submit', class: 'primary huge' }, t('setupGo')),
    demo,
  );
}

function view(): HTMLElement {
  switch (step.kind) {
    case 'setup':
      return setupView(step);
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
          if (input.checkValidity()) go({ kind: 'pin', mode: s.mode, id: s.value, pin: '' });
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
      return stepForm(
        field,
        () => {
          if (/^\d{4,8}$/.test(s.pin)) void check(s.mode === 'qr' ? { qrToken: s.id, pin: s.pin } : { cardNumber: s.id, pin: s.pin });
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
    case 'checking':
      return h('div', { class: 'step' }, h('h1', {}, t('pinTitle')), h('p', { class: 'lead', role: 'status' }, t('checking')));
    case 'slowed': {
      const seconds = Math.max(0, Math.ceil((step.until - Date.now()) / 1000));
      return h('div', { class: 'step refused', 'data-refused': 'KIOSK_SLOWED_DOWN' }, h('h1', { class: 'warn-title' }, t('slowedTitle')), h('p', { class: 'lead', role: 'status' }, t('slowed', { seconds })), h('button', { type: 'button', onclick: reset }, t('back')));
    }
    case 'action': {
      const s = step;
      const lang = i18n.lang();
      return h(
        'div',
        { class: 'step' },
        s.identified !== undefined ? h('p', { class: 'lead hello' }, t('hello', { initial: s.identified.participantInitial })) : h('p', { class: 'lead offline-note', role: 'status' }, t('offlineChoose')),
        s.notices.length > 0
          ? h(
              'section',
              { class: 'notice', role: 'alert', 'data-notices': s.notices.length },
              h('h2', {}, t('noticeTitle')),
              h('ul', {}, s.notices.map((n) => h('li', {}, `${t(n.type === 'IN' ? 'noticeIn' : 'noticeOut', { when: dateTime(n.deviceTime, lang) })}: ${reasonText(n.code)}`))),
              h('p', {}, t('noticeHelp')),
            )
          : '',
        h('h1', {}, t('choose')),
        h(
          'div',
          { class: 'actions' },
          h('button', { type: 'button', class: 'action in', 'data-action': 'IN', onclick: () => void tap('IN', s.credential, s.identified) }, t('in')),
          h('button', { type: 'button', class: 'action out', 'data-action': 'OUT', onclick: () => void tap('OUT', s.credential, s.identified) }, t('out')),
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
        h('p', { class: 'clock' }, time(r.deviceTime, i18n.lang())),
        h('p', { class: 'muted' }, t('cleared')),
        h('button', { type: 'button', class: 'primary huge', onclick: reset }, t('done')),
      );
    }
    case 'queued':
      // Neutral on purpose: nothing is recorded yet, so nothing here may look like a receipt.
      return h(
        'div',
        { class: 'step queued', 'data-queued': step.why },
        h('h1', {}, t('queuedTitle')),
        h('p', { class: 'lead' }, `${step.type === 'IN' ? t('queuedIn') : t('queuedOut')} · ${time(step.deviceTime, i18n.lang())}`),
        h('p', {}, step.why === 'offline' ? t('queued') : t('queuedRetry')),
        h('button', { type: 'button', class: 'primary huge', onclick: reset }, t('done')),
      );
    case 'refused': {
      const s = step;
      const title = s.reason === 'failed' ? t('failedTitle') : s.reason === 'locked' ? t('lockedTitle') : s.reason === 'again' ? t('againTitle') : t('errorTitle');
      const text = s.reason === 'failed' ? t('failed') : s.reason === 'locked' ? t('locked', { minutes: s.minutes ?? 15 }) : s.reason === 'again' ? t('again') : t('error');
      return h('div', { class: 'step refused', 'data-refused': s.reason, role: 'alert' }, h('h1', { class: 'error-title' }, title), h('p', { class: 'lead' }, text), h('button', { type: 'button', class: 'primary huge', onclick: reset }, t('back')));
    }
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
      session !== undefined ? h('span', { class: 'muted device' }, t('device', { id: session.credential.deviceId })) : '',
      i18n.switcher(),
    ),
    h('main', { id: 'main', class: 'kiosk' }, view()),
    h('footer', { class: 'bar' }, statusEl, session !== undefined ? h('span', { class: 'muted' }, t('signOutInfo')) : ''),
  );
}

function main(): void {
  const credential = loadCredential();
  session = credential === undefined ? undefined : deviceSession(credential);
  step = session === undefined ? { kind: 'setup', value: '' } : { kind: 'identify', mode: 'card', value: '' };
  i18n.onChange(render);
  window.addEventListener('online', () => {
    markOnline(true);
    void flush();
  });
  window.addEventListener('offline', () => markOnline(false));
  window.setInterval(() => void flush(), REPLAY_EVERY_MS);
  render();
  void flush();
}

main();
