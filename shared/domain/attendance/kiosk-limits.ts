/**
 * The limits on identifying at a kiosk (issue 8 items 1–2; quality.md S10).
 * Pure: the adapters count and the handlers apply these numbers.
 *
 * Per card (or QR token), across every kiosk of the municipality: at most
 * CARD_ATTEMPT_LIMIT PIN checks in a window of CARD_WINDOW_SECONDS that starts
 * at the first one. An attempt is counted BEFORE its PIN is checked, so
 * parallel guesses can never check more than the limit; the right PIN ends
 * the window (the counter is removed). A card whose window is full is locked
 * until the window ends or its adviser clears it; the participant can still
 * check in from the app meanwhile. Unknown card numbers are counted the same
 * way (by their hash), so a lock tells nothing about whether a card exists.
 *
 * Per kiosk: failed identifications only slow that kiosk, they never lock it.
 * The first DEVICE_FREE_ATTEMPTS attempts that do not end in a match are
 * free; after that the kiosk may start one attempt per back-off interval,
 * 1 s doubling up to DEVICE_BACKOFF_CAP_SECONDS (so a person with a working
 * card waits at most that long, never more). The count ends
 * DEVICE_WINDOW_SECONDS after it started. Chosen because card numbers are
 * random (80 bits, kiosk-card.ts): guessing a card is hopeless, so the kiosk
 * limit only has to keep a flood from running scrypt without pause, not stop
 * people.
 */

export const CARD_ATTEMPT_LIMIT = 5;
export const CARD_WINDOW_SECONDS = 15 * 60;

export const DEVICE_FREE_ATTEMPTS = 10;
export const DEVICE_WINDOW_SECONDS = 15 * 60;
export const DEVICE_BACKOFF_CAP_SECONDS = 30;

/**
 * Seconds the kiosk must wait before its next attempt, when `pending` attempts
 * are already counted against it in the window (failures and attempts still
 * running): 0 while within the free attempts, then 1, 2, 4, … capped.
 */
export function deviceBackoffSeconds(pending: number): number {
  const over = pending - DEVICE_FREE_ATTEMPTS;
  if (over < 0) return 0;
  return Math.min(2 ** over, DEVICE_BACKOFF_CAP_SECONDS);
}

/** Whether a card's counter, as stored, locks the card at `nowSeconds`. */
export function cardLocked(counter: { attempts: number; expiresAt: number } | undefined, nowSeconds: number): boolean {
  return counter !== undefined && counter.expiresAt > nowSeconds && counter.attempts >= CARD_ATTEMPT_LIMIT;
}
