/**
 * Check-in rules (shared/domain/attendance/checkin.ts) and the participant's
 * month view (month-view.ts): device-time window, request hash binding, the
 * receipt initial, and planned/present minutes per programme day.
 */
import { attendanceSettingsSchema } from '../../functions/policy-update/schema.js';
import { FUTURE_TOLERANCE_MS, MIN_REPLAY_WINDOW_HOURS, checkinRequestHash, initialOf, judgeDeviceTime } from '../../shared/domain/attendance/checkin.js';
import { monthAttendance } from '../../shared/domain/attendance/month-view.js';
import type { Schedule } from '../../shared/domain/schedule/schedule.js';

const NOW = Date.parse('2026-10-01T08:00:00Z');

describe('judgeDeviceTime', () => {
  test('up to 5 minutes ahead is clock drift; more is refused', () => {
    expect(judgeDeviceTime(new Date(NOW + FUTURE_TOLERANCE_MS).toISOString(), NOW, 72)).toBe('OK');
    expect(judgeDeviceTime(new Date(NOW + FUTURE_TOLERANCE_MS + 1).toISOString(), NOW, 72)).toBe('IN_FUTURE');
  });

  test('back to the replay window is fine; older is refused; the window is the argument', () => {
    expect(judgeDeviceTime('2026-09-28T08:00:00Z', NOW, 72)).toBe('OK');
    expect(judgeDeviceTime('2026-09-28T07:59:59Z', NOW, 72)).toBe('TOO_OLD');
    expect(judgeDeviceTime('2026-09-28T07:59:59Z', NOW, 240)).toBe('OK');
  });

  test('the smallest window a policy can set is what the policy route allows, so a live device time needs no policy', () => {
    expect(attendanceSettingsSchema.safeParse({ replayWindowHours: MIN_REPLAY_WINDOW_HOURS, missingCheckout: 'END_OF_SESSION' }).success).toBe(true);
    expect(attendanceSettingsSchema.safeParse({ replayWindowHours: MIN_REPLAY_WINDOW_HOURS - 0.5, missingCheckout: 'END_OF_SESSION' }).success).toBe(false);
    expect(attendanceSettingsSchema.safeParse({ replayWindowHours: 0, missingCheckout: 'END_OF_SESSION' }).success).toBe(false);
  });

  test('offsets are honoured: the same instant in +02:00 and Z', () => {
    expect(judgeDeviceTime('2026-10-01T10:05:00+02:00', NOW, 72)).toBe('OK');
    expect(judgeDeviceTime('2026-10-01T10:05:01+02:00', NOW, 72)).toBe('IN_FUTURE');
  });
});

describe('checkinRequestHash', () => {
  const base = { eventId: 'e1', type: 'IN' as const, deviceId: 'd1', deviceTime: '2026-10-01T10:00:00+02:00', caller: { participantId: 'p1' } };

  test('is stable and independent of key order', () => {
    const reordered = { caller: { participantId: 'p1' }, deviceTime: base.deviceTime, deviceId: 'd1', type: 'IN' as const, eventId: 'e1' };
    expect(checkinRequestHash(base)).toBe(checkinRequestHash(reordered));
    expect(checkinRequestHash(base)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  test('changes with every field, the caller and the credential', () => {
    const h = checkinRequestHash(base);
    const kiosk = { ...base, caller: { kioskDeviceId: 'k1', credential: { kind: 'CARD' as const, secretHash: 'aa' } } };
    const variants = [
      { ...base, type: 'OUT' as const },
      { ...base, deviceId: 'd2' },
      { ...base, deviceTime: '2026-10-01T10:00:01+02:00' },
      { ...base, caller: { participantId: 'p2' } },
      kiosk,
      { ...kiosk, caller: { kioskDeviceId: 'k1', credential: { kind: 'CARD' as const, secretHash: 'bb' } } },
    ];
    const hashes = new Set([h, ...variants.map(checkinRequestHash)]);
    expect(hashes.size).toBe(variants.length + 1);
  });
});

describe('initialOf', () => {
  test('first letter, upper case, whole code points', () => {
    expect(initialOf('émilie')).toBe('É');
    expect(initialOf('  øystein')).toBe('Ø');
    expect(initialOf('𝒜lex')).toBe('𝒜');
  });
  test('an empty name gives ?', () => {
    expect(initialOf('')).toBe('?');
    expect(initialOf('   ')).toBe('?');
  });
});

describe('monthAttendance', () => {
  const SESSIONS = [
    { start: '08:30', end: '11:30' },
    { start: '12:00', end: '15:00' },
  ];
  // October 2026: Thursday the 1st; weekdays only.
  const schedule: Schedule = { plans: [{ from: '2026-01-01', weekly: { MON: SESSIONS, TUE: SESSIONS, WED: SESSIONS, THU: SESSIONS, FRI: SESSIONS } }], exceptions: [] };
  const ev = (eventId: string, type: 'IN' | 'OUT', iso: string) => ({ eventId, type, deviceTime: iso });
  const events = [
    ev('a', 'IN', '2026-10-01T08:30:00+02:00'),
    ev('b', 'OUT', '2026-10-01T15:00:00+02:00'),
    // Friday: in only (missing check-out) → END_OF_SESSION counts the first session.
    ev('c', 'IN', '2026-10-02T09:30:00+02:00'),
    // Monday 5th ("today"): in at 08:30, still in at 10:00.
    ev('d', 'IN', '2026-10-05T08:30:00+02:00'),
    // An event given in UTC that is already the 6th in Oslo (after midnight) belongs to the 6th, a future day.
    ev('e', 'IN', '2026-10-05T22:30:00Z'),
  ];
  const view = monthAttendance({
    period: '2026-10',
    schedule,
    isHoliday: () => false,
    events,
    policy: { missingCheckout: 'END_OF_SESSION' },
    now: { date: '2026-10-05', secondOfDay: 10 * 3600 },
  });

  test('lists every programme day of the month, with planned minutes', () => {
    expect(view).toHaveLength(22);
    expect(view.every((d) => d.plannedMinutes === 360)).toBe(true);
    expect(view[0]!.date).toBe('2026-10-01');
  });

  test('past days: present minutes and flags; days without events: 0', () => {
    expect(view[0]).toEqual({ date: '2026-10-01', plannedMinutes: 360, presentMinutes: 360, flags: [] });
    expect(view[1]).toEqual({ date: '2026-10-02', plannedMinutes: 360, presentMinutes: 120, flags: ['MISSING_CHECKOUT'] });
  });

  test('today counts an open check-in until now; future days have no minutes yet', () => {
    expect(view[2]).toEqual({ date: '2026-10-05', plannedMinutes: 360, presentMinutes: 90, flags: ['CHECKED_IN'] });
    expect(view[3]).toEqual({ date: '2026-10-06', plannedMinutes: 360, presentMinutes: null, flags: [] });
  });

  test('holidays are not programme days', () => {
    const withHoliday = monthAttendance({
      period: '2026-10',
      schedule,
      isHoliday: (d) => d === '2026-10-01',
      events: [],
      policy: { missingCheckout: 'COUNT_NOTHING' },
      now: { date: '2026-10-31', secondOfDay: 0 },
    });
    expect(withHoliday).toHaveLength(21);
    expect(withHoliday.every((d) => d.presentMinutes === 0)).toBe(true);
  });
});
