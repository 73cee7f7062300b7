/**
 * The kiosk's offline queue (issue 5: "events queue on the device with their
 * event ids and replay when the network returns, without ever
 * double-counting").
 *
 * - A tap is written to the queue BEFORE it is sent, with its event id, so a
 *   request whose answer was lost (network cut mid-request) is replayed with
 *   the same id and the API answers it as a replay: one tap, one record.
 * - An entry leaves the queue only on an answer that settles it: 2xx
 *   (recorded), or a refusal no retry can change (wrong PIN, conflict, too
 *   old). A refused tap is not dropped (issue 8 item 10): it moves to the
 *   refused list, shown to the next person who identifies with that card at
 *   this kiosk (and the API keeps it for their adviser). A lock (429), a
 *   server error or no answer: kept, tried again later.
 * - Which card a tap was made with is kept only as `ref`, an HMAC of the card
 *   number under a second non-extractable key: enough to recognise the card
 *   when it is presented again, useless to read a number back.
 * - The card number (or QR token) and PIN are needed for the replay (they
 *   are part of the request the API hashes for idempotency). They are kept
 *   only sealed with AES-GCM under a non-extractable key that lives in this
 *   origin's IndexedDB: localStorage holds ids, type, time and ciphertext,
 *   nothing a person can be recognised by.
 */
export interface KioskCredential {
  cardNumber?: string;
  qrToken?: string;
  pin: string;
}

export interface QueuedTap {
  eventId: string;
  type: 'IN' | 'OUT';
  deviceId: string;
  deviceTime: string;
  iv: string;
  sealed: string;
  /** `cardRef` of the card or QR the tap was made with. */
  ref: string;
  attempts: number;
  /** Epoch ms: not tried again before then (the API said when: a locked card's Retry-After). */
  notBefore?: number;
}

/** A queued tap the API refused for good, waiting for the next person with that card. */
export interface RefusedTap {
  ref: string;
  type: 'IN' | 'OUT';
  deviceTime: string;
  /** The API's code: IDENTIFICATION_FAILED, DEVICE_TIME_TOO_OLD, … */
  code: string;
  refusedAt: string;
}

export const QUEUE_KEY = 'introflyt.kiosk.queue';
export const REFUSED_KEY = 'introflyt.kiosk.refused';
/** A refused tap nobody came back for is forgotten after this long (the adviser has it on file). */
const REFUSED_KEEP_MS = 30 * 24 * 3600 * 1000;

const b64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const unb64 = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('introflyt-kiosk', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('keys');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('indexedDB'));
  });
}

const keyPromises = new Map<string, Promise<CryptoKey>>();

/** A key of this device: made once, never leaves the browser (extractable: false). */
function deviceKey(name: 'queue' | 'ref'): Promise<CryptoKey> {
  let promise = keyPromises.get(name);
  if (promise !== undefined) return promise;
  promise = (async () => {
    const db = await openDb();
    const get = (): Promise<CryptoKey | undefined> =>
      new Promise((resolve, reject) => {
        const r = db.transaction('keys').objectStore('keys').get(name);
        r.onsuccess = () => resolve(r.result as CryptoKey | undefined);
        r.onerror = () => reject(r.error ?? new Error('indexedDB'));
      });
    const existing = await get();
    if (existing !== undefined) return existing;
    const key =
      name === 'queue'
        ? await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
        : await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('keys', 'readwrite');
      tx.objectStore('keys').put(key, name);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('indexedDB'));
    });
    return key;
  })();
  keyPromises.set(name, promise);
  return promise;
}

const queueKey = (): Promise<CryptoKey> => deviceKey('queue');

/** The card as the API compares it: without hyphens or spaces, upper case (QR tokens as they are). */
function normalised(c: KioskCredential): string {
  return c.cardNumber !== undefined ? `CARD:${c.cardNumber.replace(/[\s-]+/g, '').toUpperCase()}` : `QR:${c.qrToken ?? ''}`;
}

/** Recognises a card at this kiosk without keeping its number: HMAC under the device's own key. */
export async function cardRef(c: KioskCredential): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await deviceKey('ref'), new TextEncoder().encode(normalised(c)));
  return b64(new Uint8Array(mac));
}

export async function seal(credential: KioskCredential): Promise<{ iv: string; sealed: string }> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = new TextEncoder().encode(JSON.stringify(credential));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await queueKey(), data));
  return { iv: b64(iv), sealed: b64(sealed) };
}

export async function unseal(tap: QueuedTap): Promise<KioskCredential> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(tap.iv) }, await queueKey(), unb64(tap.sealed));
  return JSON.parse(new TextDecoder().decode(plain)) as KioskCredential;
}

/** A list kept in localStorage under `key` (absent or unreadable: empty). */
function readList<T>(key: string): T[] {
  try {
    const raw = localStorage.getItem(key);
    const list = raw === null ? [] : (JSON.parse(raw) as unknown);
    return Array.isArray(list) ? (list as T[]) : [];
  } catch {
    return [];
  }
}

/** An empty list is removed, so nothing is left behind once everything was sent. */
function writeList(key: string, list: readonly unknown[]): void {
  if (list.length === 0) localStorage.removeItem(key);
  else localStorage.setItem(key, JSON.stringify(list));
}

export const readQueue = (): QueuedTap[] => readList<QueuedTap>(QUEUE_KEY);
const writeQueue = (list: readonly QueuedTap[]): void => writeList(QUEUE_KEY, list);

export function enqueue(tap: QueuedTap): void {
  const list = readQueue();
  if (!list.some((t) => t.eventId === tap.eventId)) writeQueue([...list, tap]);
}

export function dequeue(eventId: string): void {
  writeQueue(readQueue().filter((t) => t.eventId !== eventId));
}

export function bumpAttempts(eventId: string, notBefore?: number): void {
  writeQueue(readQueue().map((t) => (t.eventId === eventId ? { ...t, attempts: t.attempts + 1, ...(notBefore !== undefined ? { notBefore } : {}) } : t)));
}

export function readRefused(now: number = Date.now()): RefusedTap[] {
  return readList<RefusedTap>(REFUSED_KEY).filter((t) => now - Date.parse(t.refusedAt) < REFUSED_KEEP_MS);
}

const writeRefused = (list: readonly RefusedTap[]): void => writeList(REFUSED_KEY, list);

export function addRefused(tap: RefusedTap): void {
  writeRefused([...readRefused(), tap]);
}

/** The refused taps of this card, taken off the list (each is shown once, to its card holder). */
export function takeRefused(ref: string): RefusedTap[] {
  const all = readRefused();
  writeRefused(all.filter((t) => t.ref !== ref));
  return all.filter((t) => t.ref === ref);
}
