/**
 * The kiosk's pure rules (issue 8 items 1, 2, 4): the limits and back-off of
 * identification (kiosk-limits.ts), server-made card numbers (kiosk-card.ts)
 * and the app's device time, which is only checked and never counted
 * (checkin.ts `judgeAppTime`).
 */
import { APP_TOLERANCE_MS, judgeAppTime } from '../../shared/domain/attendance/checkin.js';
import { CARD_ALPHABET, CARD_LENGTH, CARD_RANDOM_BYTES, cardNumberFromBytes, formatCardNumber, normalizeCardNumber } from '../../shared/domain/attendance/kiosk-card.js';
import { CARD_ATTEMPT_LIMIT, DEVICE_BACKOFF_CAP_SECONDS, DEVICE_FREE_ATTEMPTS, cardLocked, deviceBackoffSeconds } from '../../shared/domain/attendance/kiosk-limits.js';

describe('kiosk limits', () => {
  test('the kiosk back-off: free attempts, then 1 s doubling, never more than the cap', () => {
    expect(deviceBackoffSeconds(0)).toBe(0);
    expect(deviceBackoffSeconds(DEVICE_FREE_ATTEMPTS - 1)).toBe(0);
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => deviceBackoffSeconds(DEVICE_FREE_ATTEMPTS + n))).toEqual([1, 2, 4, 8, 16, 30, 30]);
    expect(deviceBackoffSeconds(10_000)).toBe(DEVICE_BACKOFF_CAP_SECONDS);
  });

  test('a card is locked while its live window holds the limit', () => {
    expect(cardLocked(undefined, 100)).toBe(false);
    expect(cardLocked({ attempts: CARD_ATTEMPT_LIMIT, expiresAt: 101 }, 100)).toBe(true);
    expect(cardLocked({ attempts: CARD_ATTEMPT_LIMIT - 1, expiresAt: 101 }, 100)).toBe(false);
    // An expired window locks nothing, even if DynamoDB's TTL has not removed it yet.
    expect(cardLocked({ attempts: CARD_ATTEMPT_LIMIT, expiresAt: 100 }, 100)).toBe(false);
  });
});

describe('card numbers', () => {
  test('80 random bits as 16 characters of an alphabet without I, L, O, U; printed in groups of four', () => {
    expect(CARD_ALPHABET).toHaveLength(32);
    expect(CARD_ALPHABET).not.toMatch(/[ILOU]/);
    expect(CARD_RANDOM_BYTES * 8).toBe(CARD_LENGTH * 5);
    expect(cardNumberFromBytes(new Uint8Array(CARD_RANDOM_BYTES))).toBe('0000000000000000');
    expect(cardNumberFromBytes(new Uint8Array(CARD_RANDOM_BYTES).fill(255))).toBe('ZZZZZZZZZZZZZZZZ');
    expect(cardNumberFromBytes(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 33]))).toBe('0000000000000011');
    expect(formatCardNumber('7K3MQ9XR2HDPW4TB')).toBe('7K3M-Q9XR-2HDP-W4TB');
    expect(formatCardNumber('')).toBe('');
    expect(() => cardNumberFromBytes(new Uint8Array(4))).toThrow(RangeError);
  });

  test('every byte pattern makes a different number (the mapping is one to one)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < CARD_RANDOM_BYTES * 8; i++) {
      const bytes = new Uint8Array(CARD_RANDOM_BYTES);
      bytes[Math.floor(i / 8)] = 1 << i % 8;
      seen.add(cardNumberFromBytes(bytes));
    }
    expect(seen.size).toBe(CARD_RANDOM_BYTES * 8);
  });

  test('typed with hyphens, spaces or in lower case, a number is the same number', () => {
    expect(normalizeCardNumber('7k3m-q9xr 2hdp-w4tb')).toBe('7K3MQ9XR2HDPW4TB');
    expect(normalizeCardNumber(' CARD0001 ')).toBe('CARD0001');
  });
});

describe("the app's device time", () => {
  const NOW = Date.parse('2026-10-10T00:40:00Z');
  test('within 5 minutes either way is a working clock; beyond is refused', () => {
    expect(judgeAppTime(new Date(NOW - APP_TOLERANCE_MS).toISOString(), NOW)).toBe('OK');
    expect(judgeAppTime(new Date(NOW + APP_TOLERANCE_MS).toISOString(), NOW)).toBe('OK');
    expect(judgeAppTime(new Date(NOW + APP_TOLERANCE_MS + 1).toISOString(), NOW)).toBe('IN_FUTURE');
    expect(judgeAppTime(new Date(NOW - APP_TOLERANCE_MS - 1).toISOString(), NOW)).toBe('TOO_OLD');
  });

  test("the issue's backdating: Saturday 02:40 claiming Wednesday 08:30 (66 h earlier) is refused", () => {
    expect(judgeAppTime('2026-10-07T08:30:00+02:00', NOW)).toBe('TOO_OLD');
  });
});
