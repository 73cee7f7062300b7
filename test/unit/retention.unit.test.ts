/** The retention schedule (shared/domain/reports/retention.ts): when a month is final, and what a run minimises. */
import { DEFAULT_RETENTION, isFinal, retentionPlan } from '../../shared/domain/reports/retention.js';

const P = DEFAULT_RETENTION;

test('a month is final once released, past the complaint deadline, past the correction window, with no open complaint', () => {
  const m = { period: '2026-03', releasedOn: '2026-04-05', openComplaint: false };
  expect(isFinal(m, '2026-10-01', P)).toBe(true);
  // 2026-03-31 + 6 months = 2026-09-30: the day itself is still inside.
  expect(isFinal(m, '2026-09-30', P)).toBe(false);
  expect(isFinal({ ...m, releasedOn: '2026-09-20' }, '2026-10-01', P)).toBe(false);
  expect(isFinal({ ...m, releasedOn: '2026-09-20' }, '2026-10-12', P)).toBe(true);
  expect(isFinal({ ...m, releasedOn: null }, '2027-10-01', P)).toBe(false);
  expect(isFinal({ ...m, openComplaint: true }, '2027-10-01', P)).toBe(false);
});

test('the plan: kiosk metadata and correction texts of final months; health detail past 12 + 6 months in a final month; nothing else', () => {
  const plan = retentionPlan({
    today: '2026-12-01',
    policy: P,
    months: [
      { period: '2025-05', releasedOn: '2025-06-03', openComplaint: false },
      { period: '2025-10', releasedOn: '2025-11-03', openComplaint: true },
      { period: '2026-10', releasedOn: '2026-11-03', openComplaint: false },
    ],
    events: [
      { eventId: 'e2', date: '2025-05-06' },
      { eventId: 'e1', date: '2025-05-05' },
      { eventId: 'e3', date: '2025-10-06' },
      { eventId: 'e4', date: '2026-10-06' },
    ],
    absences: [
      { absenceId: 'a1', date: '2025-05-05', category: 'OWN_ILLNESS' },
      { absenceId: 'a2', date: '2025-05-06', category: 'VACATION' },
      { absenceId: 'a3', date: '2025-10-07', category: 'CHILD_ILLNESS' },
      { absenceId: 'a4', date: '2025-05-31', category: 'PREGNANCY' },
    ],
    correctionRequests: [
      { requestId: 'c1', period: '2025-05' },
      { requestId: 'c2', period: '2026-10' },
    ],
  });
  expect(plan).toEqual({ finalMonths: ['2025-05'], events: ['e1', 'e2'], absences: ['a1', 'a4'], correctionRequests: ['c1'] });
  // 2025-05-31 + 18 months = 2026-11-30: on that day it is still kept.
  expect(retentionPlan({ today: '2026-11-30', policy: P, months: [{ period: '2025-05', releasedOn: '2025-06-03', openComplaint: false }], events: [], absences: [{ absenceId: 'a4', date: '2025-05-31', category: 'PREGNANCY' }], correctionRequests: [] }).absences).toEqual([]);
});
