/**
 * Kiosk PINs are stored only as salted scrypt hashes (node:crypto) and
 * compared in constant time. `verifyPin` does the same work whether or not a
 * credential exists (a dummy hash stands in), so response time does not tell
 * whether a card number is known.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// N = 2^14, r = 8, p = 1: OWASP's scrypt minimum; one hash ≈ 16 MiB and tens of ms.
const N = 16384;
const R = 8;
const P = 1;
const KEY_LEN = 32;

function derive(pin: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin.normalize('NFKC'), salt, KEY_LEN, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(pin, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

// Stands in for an unknown card: same parameters, so the same work is done.
const DUMMY = `scrypt$${N}$${R}$${P}$${Buffer.alloc(16, 7).toString('base64url')}$${Buffer.alloc(KEY_LEN, 0).toString('base64url')}`;

/** True only if `stored` is defined and matches; always runs scrypt once. */
export async function verifyPin(pin: string, stored: string | undefined): Promise<boolean> {
  const parts = (stored ?? DUMMY).split('$');
  const wellFormed = parts.length === 6 && parts[0] === 'scrypt';
  const [n, r, p] = wellFormed ? [Number(parts[1]), Number(parts[2]), Number(parts[3])] : [N, R, P];
  const salt = Buffer.from(wellFormed ? parts[4]! : '', 'base64url');
  const expected = Buffer.from(wellFormed ? parts[5]! : '', 'base64url');
  const actual = await derive(pin, salt.length > 0 ? salt : Buffer.alloc(16), n, r, p);
  const same = expected.length === actual.length && timingSafeEqual(expected, actual);
  return stored !== undefined && wellFormed && same;
}
