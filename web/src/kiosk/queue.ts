/**
 * The kiosk's offline queue (issue 5: "events queue on the device with their
 * event ids and replay when the network returns, without ever
 * double-counting").
 *
 * - A tap is written to the queue BEFORE it is sent, with its event id, so a
 *   request whose answer was lost (network cut mid-request) is replayed with
 *   the same id and the API answers it as a replay: one tap, one record.
 * - An entry leaves the queue only on an answer that settles it: 2xx
 *   (recorded), or a 4xx that no retry can change (wrong PIN, conflict,
 *   too old). 429/5xx/no answer: kept, tried again later.
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
  attempts: number;
}

export const QUEUE_KEY = 'introflyt.kiosk.queue';

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

let keyPromise: Promise<CryptoKey> | undefined;

/** The device's queue key: made once, never leaves the browser (extractable: false). */
function queueKey(): Promise<CryptoKey> {
  keyPromise ??= (async () => {
    const db = await openDb();
    const get = (): Promise<CryptoKey | undefined> =>
      new Promise((resolve, reject) => {
        const r = db.transaction('keys').objectStore('keys').get('queue');
        r.onsuccess = () => resolve(r.result as CryptoKey | undefined);
        r.onerror = () => reject(r.error ?? new Error('indexedDB'));
      });
    const existing = await get();
    if (existing !== undefined) return existing;
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('keys', 'readwrite');
      tx.objectStore('keys').put(key, 'queue');
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('indexedDB'));
    });
    return key;
  })();
  return keyPromise;
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

export function readQueue(): QueuedTap[] {
  try {
    const raw = localStorage.getItem(QUEUE_KEY);
    const list = raw === null ? [] : (JSON.parse(raw) as unknown);
    return Array.isArray(list) ? (list as QueuedTap[]) : [];
  } catch {
    return [];
  }
}

function writeQueue(list: readonly QueuedTap[]): void {
  if (list.length === 0) localStorage.removeItem(QUEUE_KEY);
  else localStorage.setItem(QUEUE_KEY, JSON.stringify(list));
}

export function enqueue(tap: QueuedTap): void {
  const list = readQueue();
  if (!list.some((t) => t.eventId === tap.eventId)) writeQueue([...list, tap]);
}

export function dequeue(eventId: string): void {
  writeQueue(readQueue().filter((t) => t.eventId !== eventId));
}

export function bumpAttempts(eventId: string): void {
  writeQueue(readQueue().map((t) => (t.eventId === eventId ? { ...t, attempts: t.attempts + 1 } : t)));
}
