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
 *
 * Texts: messages.ts; calls: api.ts; views: views.ts; the queue: queue.ts.
 */
import '../styles.css';
import type { IdentificationResponse } from '../../../shared/contract/responses.js';
import { ApiError, NetworkError, newUuid } from '../lib/api.js';
import { h, mount } from '../lib/dom.js';
import { deviceTimeNow } from '../lib/format.js';
import { bindingNotice } from '../lib/binding-notice.js';
import { createI18n, type PageLang } from '../lib/i18n.js';
import { kioskApi } from './api.js';
import { CredentialRevoked, deviceSession, forgetCredential, loadCredential, parseSetupCode, saveCredential, type DeviceSession } from './device.js';
import { MESSAGES, type Key } from './messages.js';
import { addRefused, bumpAttempts, cardRef, dequeue, enqueue, readQueue, readRefused, seal, takeRefused, unseal, type KioskCredential, type QueuedTap } from './queue.js';
import { view, type Refusal, type Step } from './views.js';

const CLEAR_AFTER_MS = 6_000;
const REFUSAL_CLEARS_AFTER_MS = 12_000;
const IDLE_MS = 30_000;
const REPLAY_EVERY_MS = 10_000;

const i18n = createI18n<Key, PageLang>(MESSAGES, 'nb');
const t = i18n.t;
const root = document.getElementById('app')!;
let session: DeviceSession | undefined;
let step: Step = { kind: 'identify', mode: 'card', value: '' };
let timer: number | undefined;
let ticker: number | undefined;
let online = navigator.onLine;

const call = kioskApi(() => session);

/** The admin deactivated this kiosk: forget its credential, keep the queue (it names no one), show the setup step. */
function revoked(): void {
  forgetCredential();
  session = undefined;
  call.forget();
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
        await call.checkin({ eventId: tap.eventId, type: tap.type, deviceId: tap.deviceId, deviceTime: tap.deviceTime, kiosk, queued: true });
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
    const identified = await call.identify(credential);
    markOnline(true);
    // Refused taps of this card at this kiosk are told to its holder, now that the PIN is known to be theirs.
    // The person's own language, from their file, for the rest of their turn (reset() goes back to nb).
    i18n.set(identified.language);
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

async function tap(type: 'IN' | 'OUT', credential: KioskCredential, identified: IdentificationResponse | undefined): Promise<void> {
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
    const receipt = await call.checkin({ eventId: queued.eventId, type, deviceId: queued.deviceId, deviceTime: queued.deviceTime, identification: identified.identificationId });
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

/** The setup code typed or scanned (or a local demo kiosk's): the kiosk's credential, checked by getting a token with it. */
async function connect(code: string): Promise<void> {
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
    bindingNotice(i18n.lang(), () => i18n.set('nb')),
    h('main', { id: 'main', class: 'kiosk' }, view({ t, lang: i18n.lang(), step, go, reset, check: (cr) => void check(cr), tap: (ty, cr, id) => void tap(ty, cr, id), connect: (code) => void connect(code) })),
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
