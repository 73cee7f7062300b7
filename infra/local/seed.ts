/**
 * Demo data for `npm start`: municipality 5001 with the default policy, one
 * kiosk, demo users of every role and six participants with check-ins and
 * absences from the 1st of last month (at least the last 30 days) to
 * yesterday: last month has ended, so it can be run as the demo's payroll
 * month (a month is computed when it has ended). Written through the repositories the handlers use
 * (shared/adapters), with the same keys and request hashes the handlers
 * compute, so the API reads it exactly as if it had come in over HTTP.
 *
 * Everything is synthetic and obviously so: names are `Demo P1 Syntetisk`,
 * national ids start with 99 (no real date of birth has day 99), and nothing
 * is random: ids come from hashes of fixed strings, so a re-run writes
 * nothing new. That includes the demo kiosk's client secret and the demo
 * card numbers, which look like the random ones POST /devices and the
 * kiosk-credential route make but are public (printed by `npm start`):
 * demo data only. The policy is written last and marks the seed as done: an
 * interrupted seed runs again on the next start.
 *
 * Not seeded: decisions and payroll runs. They come from the payroll workflow
 * (a payroll run over these participants), not from the seed.
 */
import { createHash } from 'node:crypto';
import type { TableKey } from '../../shared/contract/tables.js';
import { TABLES } from '../../shared/contract/tables.js';
import type { DemoUser } from './demo-identity.js';
import type { AbsenceRecord, CheckinRecord } from '../../shared/adapters/attendance-repo.js';
import { DynamoAttendanceRepo, absenceIdOf } from '../../shared/adapters/attendance-repo.js';
import { createDocumentClient } from '../../shared/adapters/dynamo.js';
import { DynamoAssignmentsRepo } from '../../shared/adapters/assignments-repo.js';
import { DynamoKioskCredentialsRepo } from '../../shared/adapters/kiosk-credentials-repo.js';
import { DynamoKioskDevicesRepo } from '../../shared/adapters/kiosk-devices-repo.js';
import { DynamoParticipantFilesRepo, type ParticipantProfile } from '../../shared/adapters/participant-files-repo.js';
import { DEFAULT_ATTENDANCE_SETTINGS, DynamoPolicyRepo } from '../../shared/adapters/policy-repo.js';
import { credentialSecretHash, deviceSecretHash } from '../../shared/domain/attendance/kiosk-credentials.js';
import { CARD_RANDOM_BYTES, cardNumberFromBytes, formatCardNumber, normalizeCardNumber } from '../../shared/domain/attendance/kiosk-card.js';
import { hashPin } from '../../shared/adapters/pin.js';
import { addDays } from '../../shared/domain/calendar.js';
import { canonicalJson } from '../../shared/domain/canonical-json.js';
import { checkinRequestHash } from '../../shared/domain/attendance/checkin.js';
import { osloTime } from '../../shared/domain/attendance/oslo-time.js';
import type { AbsenceStatus, Category, Documentation } from '../../shared/domain/decision.js';
import { isPublicHoliday } from '../../shared/domain/schedule/holidays.js';
import { scheduleOn, type Schedule } from '../../shared/domain/schedule/schedule.js';
import { LOCAL_REGION } from './dynamo.js';

export const DEMO_MUNICIPALITY = '5001';
export const DEMO_KIOSK_DEVICE = 'kiosk-5001-entrance';
const digest = (name: string) => createHash('sha256').update(name).digest();
/** The demo kiosk's OAuth client (POST /devices makes random ones). */
export const DEMO_KIOSK_CLIENT_ID = digest(`introflyt-demo-kiosk-client:${DEMO_KIOSK_DEVICE}`).toString('hex').slice(0, 26);
export const DEMO_KIOSK_SECRET = digest(`introflyt-demo-kiosk-secret:${DEMO_KIOSK_DEVICE}`).toString('base64url');
/** What the kiosk page's setup step takes (functions/device-register `setupCodeOf`). */
export const DEMO_KIOSK_SETUP_CODE = `${DEMO_KIOSK_DEVICE}:${DEMO_KIOSK_CLIENT_ID}:${DEMO_KIOSK_SECRET}`;
export const DEMO_KIOSKS = [{ deviceId: DEMO_KIOSK_DEVICE, label: 'Demo learning centre, entrance', setupCode: DEMO_KIOSK_SETUP_CODE }] as const;
/** Every demo kiosk card has this PIN (one an adviser could set: not a run or a repeated digit). */
export const DEMO_PIN = '2580';
export const HISTORY_DAYS = 30;

/** A stable, UUID-shaped subject per demo username (adviser assignments are keyed by it). */
export function demoSub(username: string): string {
  return uuidFrom(`introflyt-demo-user:${username}`);
}

/** A name-based UUID (version 5 layout, SHA-256 digest): deterministic, valid for `z.uuid()`. */
export function uuidFrom(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** What each demo participant's month shows (for people trying the pages). */
type Story = 'ON_TIME' | 'UNEXCUSED_DAY' | 'SELF_CERTIFIED' | 'DOCTOR_NOTE_PENDING' | 'CHILD_ILLNESS_AND_LEAVE' | 'MISSING_CHECKOUT';

export interface DemoParticipant {
  username: string;
  participantId: string;
  adviser: 'adviser1' | 'adviser2';
  givenName: string;
  familyName: string;
  nationalId: string;
  birthDate: string;
  livesWithParent: boolean;
  children: number;
  cardNumber: string;
  story: Story;
}

const STORIES: readonly [Story, string, boolean, number][] = [
  ['ON_TIME', '1990-03-14', false, 0],
  ['UNEXCUSED_DAY', '2003-07-02', true, 0],
  ['SELF_CERTIFIED', '1985-11-20', false, 1],
  ['DOCTOR_NOTE_PENDING', '1994-01-09', false, 0],
  ['CHILD_ILLNESS_AND_LEAVE', '1988-05-30', false, 2],
  ['MISSING_CHECKOUT', '1999-09-17', false, 0],
];

export const DEMO_PARTICIPANTS: readonly DemoParticipant[] = STORIES.map(([story, birthDate, livesWithParent, children], i) => {
  const n = i + 1;
  return {
    username: `p${n}`,
    participantId: `p-demo-${String(n).padStart(4, '0')}`,
    adviser: n <= 3 ? 'adviser1' : 'adviser2',
    givenName: `Demo P${n}`,
    familyName: 'Syntetisk',
    nationalId: `99${String(n).padStart(9, '0')}`,
    birthDate,
    livesWithParent,
    children,
    // Printed form, as the kiosk-credential route returns it: four groups of four.
    cardNumber: formatCardNumber(cardNumberFromBytes(digest(`introflyt-demo-card:p${n}`).subarray(0, CARD_RANDOM_BYTES))),
    story,
  };
});

const staff = (username: string, groups: DemoUser['groups'], displayName: string, unit: string): DemoUser => ({
  username,
  sub: demoSub(username),
  groups,
  municipality: DEMO_MUNICIPALITY,
  displayName,
  unit,
});

/** Where the demo municipality's policy says complaints go (synthetic, like every name here). */
export const DEMO_COMPLAINT_ADDRESS = 'Demo kommune, Introsenteret, Postboks 1, 7001 Demoby';

export const DEMO_USERS: readonly DemoUser[] = [
  // Synthetic names, as the municipality's directory would show them.
  staff('adviser1', ['adviser'], 'Kari Nordmann', 'Introsenteret, team 1'),
  staff('adviser2', ['adviser'], 'Ola Hansen', 'Introsenteret, team 2'),
  staff('payroll1', ['payroll'], 'Ingrid Berg', 'Lønn og regnskap'),
  staff('payroll2', ['payroll'], 'Per Johansen', 'Lønn og regnskap'),
  staff('admin1', ['admin'], 'Anne Lie', 'Introsenteret, ledelsen'),
  // No kiosk user: a kiosk signs in with its own client credentials (DEMO_KIOSKS, POST /oauth2/token).
  ...DEMO_PARTICIPANTS.map((p) => ({ username: p.username, sub: demoSub(p.username), groups: ['participant'] as const, municipality: DEMO_MUNICIPALITY, participantId: p.participantId })),
];

const SESSIONS = [
  { start: '08:30', end: '11:30' },
  { start: '12:00', end: '15:00' },
];

function demoSchedule(from: string): Schedule {
  return { plans: [{ from, weekly: { MON: SESSIONS, TUE: SESSIONS, WED: SESSIONS, THU: SESSIONS, FRI: SESSIONS } }], exceptions: [] };
}

/** Europe/Oslo wall-clock time on a date → ISO 8601 with the offset in force then (+01:00 or +02:00). */
export function osloIso(date: string, hhmm: string): string {
  for (const offset of ['+01:00', '+02:00']) {
    const iso = `${date}T${hhmm}:00${offset}`;
    const t = osloTime(Date.parse(iso));
    if (t.date === date && t.secondOfDay === Number(hhmm.slice(0, 2)) * 3600 + Number(hhmm.slice(3, 5)) * 60) return iso;
  }
  // Only inside the spring-forward gap (02:00–03:00), never at programme hours.
  throw new Error(`seed: ${date} ${hhmm} does not exist in Europe/Oslo`);
}

const hhmm = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export interface SeedTarget {
  /** DynamoDB Local endpoint. */
  endpoint: string;
  /** Table env var → table name (`ensureTables(...).env`). */
  tables: Readonly<Record<string, string>>;
  /** The history ends the day before this instant (default: the real clock). */
  now?: Date;
}

export interface SeedReport {
  /** false: the store already had the demo municipality; nothing was written. */
  seeded: boolean;
  participants: number;
  events: number;
  absences: number;
  /** First and last date of the history (Europe/Oslo). */
  from: string;
  to: string;
  notSeeded: string[];
}

function tableName(tables: SeedTarget['tables'], key: TableKey): string {
  const row = TABLES.find((t) => t.key === key)!;
  const name = tables[row.envVar];
  if (name === undefined) throw new Error(`seed: no table name for ${row.envVar}`);
  return name;
}

interface PlannedAbsence {
  date: string;
  /** The day it was reported or applied for (at 07:45, before the first session). */
  reportedOn: string;
  category: Category;
  documentation: Documentation;
  status: AbsenceStatus;
}

/** The demo stories as events and absences over the programme days of the history. */
function history(p: DemoParticipant, days: readonly string[], today: string, leaveDay: string): { events: CheckinRecord[]; absences: PlannedAbsence[] } {
  const events: CheckinRecord[] = [];
  const absences: PlannedAbsence[] = [];
  const skip = new Set<string>();
  const pick = (i: number): string | undefined => days[Math.min(days.length - 1, Math.max(0, i))];
  const mark = (date: string | undefined, a: Omit<PlannedAbsence, 'date' | 'reportedOn'> | null): void => {
    if (date === undefined) return;
    skip.add(date);
    if (a !== null) absences.push({ date, reportedOn: date, ...a });
  };
  switch (p.story) {
    case 'ON_TIME':
      break;
    case 'UNEXCUSED_DAY':
      mark(pick(4), null);
      break;
    case 'SELF_CERTIFIED':
      mark(pick(8), { category: 'OWN_ILLNESS', documentation: 'SELF_CERTIFICATION', status: 'APPROVED' });
      mark(pick(9), { category: 'OWN_ILLNESS', documentation: 'SELF_CERTIFICATION', status: 'APPROVED' });
      break;
    case 'DOCTOR_NOTE_PENDING':
      mark(pick(days.length - 3), { category: 'OWN_ILLNESS', documentation: 'DOCTOR_NOTE', status: 'PENDING' });
      break;
    case 'CHILD_ILLNESS_AND_LEAVE':
      mark(pick(12), { category: 'CHILD_ILLNESS', documentation: 'SELF_CERTIFICATION', status: 'APPROVED' });
      // A leave application for a programme day next week, waiting for the adviser.
      absences.push({ date: leaveDay, reportedOn: addDays(today, -1), category: 'WELFARE_LEAVE', documentation: 'NONE', status: 'PENDING' });
      break;
    case 'MISSING_CHECKOUT':
      break;
    default: {
      const never: never = p.story;
      throw new Error(`seed: unknown story ${String(never)}`);
    }
  }
  days.forEach((date, i) => {
    if (skip.has(date)) return;
    // Small fixed variations so the month does not look machine-made.
    const late = p.story === 'UNEXCUSED_DAY' && i === 10 ? 70 : 0;
    const inAt = 8 * 60 + 22 + ((i * 7 + p.participantId.length) % 9) + late;
    const outAt = 15 * 60 + ((i * 5) % 11);
    const kiosk = i % 2 === 0;
    const checks: ['IN' | 'OUT', number][] = [['IN', inAt]];
    if (!(p.story === 'MISSING_CHECKOUT' && i === 6)) checks.push(['OUT', outAt]);
    for (const [type, minute] of checks) {
      const eventId = uuidFrom(`demo-event:${p.participantId}:${date}:${type}`);
      const deviceTime = osloIso(date, hhmm(minute));
      const deviceId = kiosk ? DEMO_KIOSK_DEVICE : `app-${p.username}`;
      const caller = kiosk
        ? { kioskDeviceId: DEMO_KIOSK_DEVICE, credential: { kind: 'CARD' as const, secretHash: credentialSecretHash('CARD', normalizeCardNumber(p.cardNumber)) } }
        : { participantId: p.participantId };
      const recordedMs = Date.parse(deviceTime) + 2000;
      events.push({
        eventId,
        participantId: p.participantId,
        municipality: DEMO_MUNICIPALITY,
        type,
        deviceId,
        deviceTime,
        deviceTimeUtc: new Date(Date.parse(deviceTime)).toISOString(),
        recordedAt: new Date(recordedMs).toISOString(),
        receiptId: `rcpt-${uuidFrom(`demo-receipt:${eventId}`)}`,
        requestHash: checkinRequestHash({ eventId, type, deviceId, deviceTime, caller }),
        source: kiosk ? 'kiosk' : 'app',
      });
    }
  });
  return { events, absences };
}

/** The absence record POST /absences would have stored for this report (functions/absence-report). */
function absenceRecord(p: DemoParticipant, a: PlannedAbsence): AbsenceRecord {
  const requestId = uuidFrom(`demo-absence:${p.participantId}:${a.date}:${a.category}`);
  const body = { requestId, category: a.category, date: a.date, wholeDay: true as const, ...(a.category === 'OWN_ILLNESS' || a.category === 'CHILD_ILLNESS' ? { documentation: a.documentation } : {}) };
  const key = createHash('sha256').update(`${p.participantId}:${requestId}`).digest('hex').slice(0, 24);
  const at = new Date(Date.parse(osloIso(a.reportedOn, '07:45'))).toISOString();
  return {
    absenceId: absenceIdOf(p.participantId, key),
    participantId: p.participantId,
    municipality: DEMO_MUNICIPALITY,
    date: a.date,
    minutes: null,
    category: a.category,
    documentation: a.documentation,
    status: a.status,
    version: 1,
    history: [{ at, byRole: 'participant', byRef: p.participantId, from: null, to: a.status, documentation: a.documentation }],
    requestHash: `sha256:${createHash('sha256').update(canonicalJson(body)).digest('hex')}`,
    createdAt: at,
  };
}

/** Seeds the demo municipality unless it is there already. */
export async function seedDemo(target: SeedTarget): Promise<SeedReport> {
  const now = target.now ?? new Date();
  const today = osloTime(now.getTime()).date;
  // The whole of last month, which a payroll run can compute, and at least HISTORY_DAYS.
  const lastMonthFirst = `${addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7)}-01`;
  const from = [addDays(today, -HISTORY_DAYS), lastMonthFirst].sort()[0]!;
  const to = addDays(today, -1);
  const notSeeded = ['decisions and payroll runs (made by a payroll run, not seeded)'];
  const db = createDocumentClient({ region: LOCAL_REGION, dynamoEndpoint: target.endpoint });
  try {
    const participantsTable = tableName(target.tables, 'participants');
    const participants = new DynamoParticipantFilesRepo(db, participantsTable);
    const assignments = new DynamoAssignmentsRepo(db, participantsTable);
    const kioskCredentials = new DynamoKioskCredentialsRepo(db, participantsTable);
    const kioskDevices = new DynamoKioskDevicesRepo(db, participantsTable);
    const policies = new DynamoPolicyRepo(db, participantsTable);
    const attendance = new DynamoAttendanceRepo(db, tableName(target.tables, 'attendance'));
    if ((await policies.getPolicy(DEMO_MUNICIPALITY)) !== undefined) {
      return { seeded: false, participants: 0, events: 0, absences: 0, from, to, notSeeded };
    }

    const programStart = addDays(from, -120);
    const schedule = demoSchedule(programStart);
    const isProgrammeDay = (d: string) => scheduleOn(d, schedule, isPublicHoliday).plannedMinutes > 0;
    const days: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) if (isProgrammeDay(d)) days.push(d);
    // Leave is applied for on a programme day (POST /absences refuses any other): the first one a week or more ahead.
    let leaveDay = addDays(today, 7);
    while (!isProgrammeDay(leaveDay)) leaveDay = addDays(leaveDay, 1);
    const setupAt = `${programStart}T08:00:00.000Z`;

    // 'exists' after an interrupted seed is fine: the device is there either way.
    await kioskDevices.registerDevice({
      deviceId: DEMO_KIOSK_DEVICE,
      municipality: DEMO_MUNICIPALITY,
      label: DEMO_KIOSKS[0].label,
      active: true,
      registeredAt: setupAt,
      clientId: DEMO_KIOSK_CLIENT_ID,
      credentialHash: deviceSecretHash(DEMO_KIOSK_SECRET),
    });
    const pinHash = await hashPin(DEMO_PIN);

    let events = 0;
    let absences = 0;
    for (const p of DEMO_PARTICIPANTS) {
      const profile: ParticipantProfile = {
        participantId: p.participantId,
        municipality: DEMO_MUNICIPALITY,
        birthDate: p.birthDate,
        regime: 'integreringsloven',
        livesWithParent: p.livesWithParent,
        coupleReduction: false,
        children: p.children,
        soleCarer: p.children > 0,
        programStart,
        enrolments: [{ from: programStart, to: null }],
        unpaidLeave: [],
        schedule,
        version: 1,
        updatedAt: setupAt,
      };
      await participants.createParticipant(profile, { participantId: p.participantId, givenName: p.givenName, familyName: p.familyName, nationalId: p.nationalId });
      await assignments.assignAdviser(p.participantId, demoSub(p.adviser), DEMO_MUNICIPALITY, setupAt);
      await kioskCredentials.putKioskCredential({
        municipality: DEMO_MUNICIPALITY,
        kind: 'CARD',
        secretHash: credentialSecretHash('CARD', normalizeCardNumber(p.cardNumber)),
        participantId: p.participantId,
        pinHash,
        createdAt: setupAt,
      });
      const h = history(p, days, today, leaveDay);
      // Sequential per participant, parallel across a day's two events: DynamoDB Local is the limit, not this loop.
      for (let i = 0; i < h.events.length; i += 10) {
        const batch = await Promise.all(h.events.slice(i, i + 10).map((e) => attendance.putEventOnce(e)));
        events += batch.filter((r) => r.created).length;
      }
      for (const a of h.absences) if ((await attendance.createAbsenceOnce(absenceRecord(p, a))).created) absences++;
    }

    // Last: the policy marks the seed as complete.
    await policies.savePolicy(
      { municipality: DEMO_MUNICIPALITY, benefit: {}, attendance: DEFAULT_ATTENDANCE_SETTINGS, complaintAddress: DEMO_COMPLAINT_ADDRESS, version: 1, updatedAt: setupAt },
      0,
    );
    return { seeded: true, participants: DEMO_PARTICIPANTS.length, events, absences, from, to, notSeeded };
  } finally {
    db.destroy();
  }
}
