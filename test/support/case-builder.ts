/**
 * Builds engine cases for tests: a participant in October 2026 (22 programme
 * days of 450 minutes, all present) that each test changes in one respect.
 */
import type { CaseInput } from '../../shared/domain/case.js';

type Abs = NonNullable<CaseInput['absences']>[number];

export const OCTOBER_2026_DAYS = [
  '01', '02', '05', '06', '07', '08', '09', '12', '13', '14', '15', '16', '19', '20', '21', '22', '23', '26', '27', '28', '29', '30',
].map((d) => `2026-10-${d}`);

export function baseCase(over: Partial<CaseInput> = {}): CaseInput {
  return {
    caseVersion: 1,
    period: '2026-10',
    computedAt: '2026-11-02',
    municipality: { code: '5001' },
    participant: {
      id: 'p-test',
      birthDate: '1990-06-15',
      programStart: '2025-09-01',
      enrolments: [{ from: '2025-09-01', to: null }],
    },
    days: OCTOBER_2026_DAYS.map((date) => ({ date, plannedMinutes: 450, presentMinutes: 450 })),
    absences: [],
    ...over,
  };
}

/** The case with the given dates absent all day (present 0). */
export function absentOn(c: CaseInput, dates: string[]): CaseInput {
  return { ...c, days: c.days.map((d) => (dates.includes(d.date) ? { ...d, presentMinutes: 0 } : d)) };
}

export function absence(date: string, category: Abs['category'], documentation: Abs['documentation'] = 'SELF_CERTIFICATION', status: Abs['status'] = 'APPROVED', minutes = 450): Abs {
  return { date, minutes, category, documentation, status };
}
