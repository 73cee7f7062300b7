/**
 * Database facts from a golden case (../shared/spec/golden/*.case.json): a
 * participant profile with the case's facts, a schedule whose programme
 * days and planned minutes are the case's days, check-in/out events giving
 * each day's present minutes, and absence records for the month and its
 * history. buildCase on these facts reproduces the case (the e2e test checks
 * the whole decision, input hash included), with the participant id and the
 * municipality of the seed.
 *
 * Every golden case translates: planned minutes are one session per day
 * (08:00 + minutes), present minutes one IN/OUT pair from 08:00, absences
 * are stored with their minutes. A case whose days had several planned
 * lengths would need CHANGED exceptions; none has.
 */
import type { AttendanceRepo } from '../../shared/adapters/attendance-repo.js';
import { absenceIdOf } from '../../shared/adapters/attendance-repo.js';
import type { ParticipantFilesRepo } from '../../shared/adapters/participant-files-repo.js';
import { addDays, datesOfMonth, monthInfo } from '../../shared/domain/calendar.js';
import type { CaseInput } from '../../shared/domain/case.js';
import { parseCase } from '../../shared/domain/case.js';
import type { Schedule, ScheduleException, Weekday } from '../../shared/domain/schedule/schedule.js';

const WEEKDAY: readonly Weekday[] = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const START = 8 * 60;

/** The UTC instant of an Oslo wall-clock time (Europe/Oslo: +01:00, +02:00 in summer time). */
export function osloInstant(date: string, minutes: number): string {
  const guess = Date.parse(`${date}T${hhmm(minutes)}:00Z`);
  for (const offsetH of [2, 1]) {
    const t = guess - offsetH * 3600_000;
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(t);
    if (local === hhmm(minutes)) return new Date(t).toISOString();
  }
  throw new Error(`no Oslo instant for ${date} ${hhmm(minutes)}`);
}

function weekdayOf(date: string): Weekday {
  return WEEKDAY[new Date(`${date}T12:00:00Z`).getUTCDay()]!;
}

/** A schedule with exactly the case's days as programme days. */
export function scheduleFor(c: CaseInput): Schedule {
  const days = c.days ?? [];
  const planned = new Set(days.map((d) => d.plannedMinutes));
  if (planned.size > 1) throw new Error('golden-seed: days with different planned minutes are not translated');
  const minutes = [...planned][0] ?? 450;
  const session = [{ start: hhmm(START), end: hhmm(START + minutes) }];
  const from = days[0]?.date ?? monthInfo(c.period).first;
  const weekly = { MON: session, TUE: session, WED: session, THU: session, FRI: session };
  const listed = new Set(days.map((d) => d.date));
  // A weekday of the month that is no day of the case is cancelled (none of the golden cases has one; holidays fall out by themselves).
  const exceptions: ScheduleException[] = datesOfMonth(monthInfo(c.period))
    .filter((d) => d >= from && !listed.has(d) && !['SAT', 'SUN'].includes(weekdayOf(d)))
    .map((date) => ({ date, kind: 'CANCELLED' as const }));
  return { plans: [{ from, weekly }], exceptions };
}

export interface GoldenSeed {
  participantId: string;
  municipality: string;
  /** The golden case with the seed's participant id and municipality: what buildCase should produce. */
  expectedCase: CaseInput;
}

let counter = 0;

export async function seedGoldenCase(
  deps: { participants: ParticipantFilesRepo; attendance: AttendanceRepo },
  c: CaseInput,
  participantId: string,
  municipality: string,
): Promise<GoldenSeed> {
  // Parsed: the schema's defaults (regime, unpaid leave) are what buildCase will see.
  const p = parseCase(c).participant;
  const schedule = scheduleFor(c);
  const facts = {
    birthDate: p.birthDate,
    regime: p.regime,
    livesWithParent: p.livesWithParent,
    coupleReduction: p.coupleReduction,
    children: p.children,
    soleCarer: p.soleCarer,
    programStart: p.programStart,
    enrolments: p.enrolments,
    unpaidLeave: p.unpaidLeave,
  };
  const created = await deps.participants.createParticipant(
    { participantId, municipality, ...facts, schedule, version: 1, updatedAt: '2025-08-01T00:00:00.000Z' },
    { participantId, givenName: `Golden${participantId.replace(/[^A-Za-z0-9]/g, '')}`, familyName: 'Seedersen', nationalId: String(20000000000 + ++counter) },
  );
  if (created !== 'created') throw new Error(`golden-seed: ${participantId} exists`);

  // Side by side: DynamoDB Local answers each write in milliseconds, and a month is ~40 of them.
  const writes: Promise<unknown>[] = [];
  for (const d of c.days ?? []) {
    if (d.presentMinutes === 0) continue;
    for (const [type, at] of [
      ['IN', START],
      ['OUT', START + d.presentMinutes],
    ] as const) {
      const eventId = `${participantId}-${d.date}-${type}`;
      const utc = osloInstant(d.date, at);
      writes.push(
        deps.attendance.putEventOnce({
          eventId,
          participantId,
          municipality,
          type,
          deviceId: 'kiosk-golden',
          deviceTime: utc,
          deviceTimeUtc: utc,
          recordedAt: utc,
          receiptId: `rcpt-${eventId}`,
          requestHash: 'seed',
          source: 'kiosk',
        }),
      );
    }
  }
  await Promise.all(writes);

  const absences = [...(c.absences ?? []), ...(c.history?.absences ?? [])];
  for (const [i, a] of absences.entries()) {
    const key = `${String(i).padStart(4, '0')}${'0'.repeat(20)}`;
    await deps.attendance.createAbsenceOnce({
      absenceId: absenceIdOf(participantId, key),
      participantId,
      municipality,
      date: a.date,
      minutes: a.minutes,
      category: a.category,
      documentation: a.documentation,
      status: a.status,
      version: 1,
      history: [{ at: `${addDays(a.date, 0)}T18:00:00.000Z`, byRole: 'participant', byRef: participantId, from: null, to: a.status, documentation: a.documentation }],
      requestHash: 'seed',
      createdAt: `${a.date}T18:00:00.000Z`,
    });
  }
  return { participantId, municipality, expectedCase: { ...c, municipality: { ...c.municipality, code: municipality }, participant: { ...c.participant, id: participantId } } };
}
