/**
 * Kiosk card numbers (issue 8 item 2): made by the server from random bytes
 * (the caller passes them in; this module stays pure), never chosen by a
 * person and never sequential, so a card number cannot be guessed and no one
 * can lock another person's card without holding it.
 *
 * 16 characters of Crockford's base32 = 80 random bits. The alphabet leaves
 * out I, L, O and U, so a printed number cannot be misread (1/I/L, 0/O), and
 * it is printed in four groups of four: `7K3M-Q9XR-2HDP-W4TB`. People may
 * type it with or without the hyphens, with spaces, in lower case: the kiosk
 * and the API compare the normalised form.
 */

export const CARD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CARD_LENGTH = 16;
/** Random bytes a card number takes: 16 × 5 bits. */
export const CARD_RANDOM_BYTES = 10;

/** The card number the random bytes make (exactly CARD_RANDOM_BYTES of them). */
export function cardNumberFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== CARD_RANDOM_BYTES) throw new RangeError(`a card number takes ${CARD_RANDOM_BYTES} random bytes`);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = CARD_LENGTH - 1; i >= 0; i--) out += CARD_ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return out;
}

/** For printing: groups of four joined by hyphens. */
export function formatCardNumber(card: string): string {
  return card.match(/.{1,4}/g)?.join('-') ?? card;
}

/** What is compared and hashed: without spaces or hyphens, in upper case. */
export function normalizeCardNumber(typed: string): string {
  return typed.replace(/[\s-]+/g, '').toUpperCase();
}
