/**
 * Present minutes of a day (shared/domain/attendance/presence.ts): overlap of
 * IN–OUT intervals with the sessions, and the documented policy for imperfect
 * event streams. 1 October 2026 is CEST (UTC+2).
 */
import type { PresenceEvent } from '../../shared/domain/attendance/presence.js';
import { DEFAULT_PRESENCE_POLICY, dayPresence } from '../../shared/domain/attendance/presence.js';
import { osloDateOf, osloTime } from '../../shared/domain/attendance/oslo-time.js';
import { mergeSessions } from '../../shared/domain/schedule/schedule.js';

const SESSIONS = mergeSessions([
  { start: '08:30', end: '11:30' },
  { start: '12:00', end: '15:00' },
]);
let n = 0;
const ev = (type: 'IN' | 'OUT', hhmmss: string, eventId = `e${++n}`): PresenceEvent => ({
  eventId,
  type,
  deviceTime: `2026-10-01T${hhmmss.length === 5 ? `${hhmmss}:00` : hhmmss}+02:00`,
});
const present = (events: PresenceEvent[], policy = DEFAULT_PRESENCE_POLICY, openUntil?: number) => dayPresence(events, SESSIONS, policy, openUntil);
const codes = (events: PresenceEvent[], policy = DEFAULT_PRESENCE_POLICY, openUntil?: number) => present(events, policy, openUntil).flags.map((f) => f.code);

describe('presence: overlap with sessions', () => {
  test('a full day counts the sessions only (lunch break excluded)', () => {
    expect(present([ev('IN', '08:30'), ev('OUT', '15:00')])).toMatchObject({ plannedMinutes: 360, presentMinutes: 360, flags: [] });
  });

  test('early arrival and late leaving are capped at planned', () => {
    expect(present([ev('IN', '07:00'), ev('OUT', '17:00')]).presentMinutes).toBe(360);
  });

  test('several visits add up; partial sessions count their overlap', () => {
    expect(present([ev('IN', '09:00'), ev('OUT', '10:00'), ev('IN', '13:00'), ev('OUT', '14:30')]).presentMinutes).toBe(150);
  });

  test('no events → 0 present; seconds are rounded to whole minutes at the end', () => {
    expect(present([]).presentMinutes).toBe(0);
    expect(present([ev('IN', '08:30:20'), ev('OUT', '08:31:50')]).presentMinutes).toBe(2);
    expect(present([ev('IN', '08:30:20'), ev('OUT', '08:31:19')]).presentMinutes).toBe(1);
  });

  test('device times with other offsets mean the same instant', () => {
    const utc = [{ eventId: 'u1', type: 'IN' as const, deviceTime: '2026-10-01T06:30:00Z' }, { eventId: 'u2', type: 'OUT' as const, deviceTime: '2026-10-01T09:30:00.000Z' }];
    expect(present(utc).presentMinutes).toBe(180);
  });
});

describe('presence: imperfect event streams', () => {
  test('out-of-order arrival is judged in device-time order', () => {
    expect(present([ev('OUT', '15:00'), ev('IN', '08:30')]).presentMinutes).toBe(360);
  });

  test('duplicate IN: the first is kept', () => {
    const events = [ev('IN', '08:30'), ev('IN', '10:00', 'dup'), ev('OUT', '11:30')];
    expect(present(events)).toMatchObject({ presentMinutes: 180, flags: [{ code: 'DUPLICATE_IN', eventId: 'dup' }] });
  });

  test('duplicate OUT: the last is kept', () => {
    const events = [ev('IN', '08:30'), ev('OUT', '10:00'), ev('OUT', '11:30', 'late')];
    expect(present(events)).toMatchObject({ presentMinutes: 180, flags: [{ code: 'DUPLICATE_OUT', eventId: 'late' }] });
  });

  test('OUT without an earlier IN is ignored', () => {
    const events = [ev('OUT', '08:00', 'stray'), ev('IN', '08:30'), ev('OUT', '11:30')];
    expect(present(events)).toMatchObject({ presentMinutes: 180, flags: [{ code: 'OUT_WITHOUT_IN', eventId: 'stray' }] });
  });

  test('events at the same second are ordered by event id, whatever the arrival order', () => {
    const a = [ev('IN', '09:00', 'a'), ev('OUT', '09:00', 'b'), ev('OUT', '10:00', 'c')];
    const b = [a[1]!, a[0]!, a[2]!];
    expect(present(a)).toEqual(present(b));
    expect(present(a)).toMatchObject({ presentMinutes: 60, flags: [{ code: 'DUPLICATE_OUT', eventId: 'c' }] });
  });
});

describe('presence: missing check-out', () => {
  test('END_OF_SESSION counts to the end of the session in progress', () => {
    expect(present([ev('IN', '09:00', 'open')])).toMatchObject({ presentMinutes: 150, flags: [{ code: 'MISSING_CHECKOUT', eventId: 'open' }] });
  });

  test('an IN between sessions counts the next session', () => {
    expect(present([ev('IN', '11:45')]).presentMinutes).toBe(180);
  });

  test('an IN after the last session counts nothing', () => {
    expect(present([ev('IN', '15:30')])).toMatchObject({ presentMinutes: 0, flags: [{ code: 'MISSING_CHECKOUT' }] });
  });

  test('COUNT_NOTHING counts none of the open interval, still flagged', () => {
    const events = [ev('IN', '08:30'), ev('OUT', '10:00'), ev('IN', '12:00')];
    expect(present(events, { missingCheckout: 'COUNT_NOTHING' })).toMatchObject({ presentMinutes: 90, flags: [{ code: 'MISSING_CHECKOUT' }] });
  });

  test('a day in progress counts the open interval until now (CHECKED_IN)', () => {
    const events = [ev('IN', '09:00', 'now-in')];
    expect(present(events, DEFAULT_PRESENCE_POLICY, 10 * 3600)).toMatchObject({ presentMinutes: 60, flags: [{ code: 'CHECKED_IN', eventId: 'now-in' }] });
    expect(codes(events, DEFAULT_PRESENCE_POLICY, 8 * 3600)).toEqual(['CHECKED_IN']);
    expect(present(events, DEFAULT_PRESENCE_POLICY, 8 * 3600).presentMinutes).toBe(0);
  });
});

describe('Europe/Oslo time', () => {
  test('summer and winter offsets, and the date boundary', () => {
    expect(osloTime(Date.parse('2026-07-01T22:30:00Z'))).toEqual({ date: '2026-07-02', secondOfDay: 30 * 60 });
    expect(osloTime(Date.parse('2026-12-31T22:59:59Z'))).toEqual({ date: '2026-12-31', secondOfDay: 23 * 3600 + 59 * 60 + 59 });
    expect(osloDateOf('2026-12-31T23:00:00Z')).toBe('2027-01-01');
    expect(osloDateOf('2026-10-25T00:30:00+02:00')).toBe('2026-10-25');
  });
});
