/**
 * Attendance table: raw check-in/out events and absence records. No
 * diagnosis is ever stored (an absence has a category, not a cause).
 *
 * Key layout (pk / sk; gsi1pk / gsi1sk):
 *   EVENT#<eventId>  / EVENT        ; P#<pid>#EVENTS / <deviceTimeUtc>#<eventId>
 *       one check-in/out, keyed by the client's event id so the id is the
 *       permanent idempotency key (quality.md R1–R3); immutable once written.
 *   P#<pid>          / REFUSED#<eventId>
 *       a kiosk's queued tap whose replay the API refused (wrong PIN, too
 *       old): kept so the participant's adviser sees it (issue 8 item 10).
 *   P#<pid>          / ABS#<key>       ; P#<pid>#EVENTS / ABS#<date>#<key>
 *       one absence record; `absenceId` = `<pid>.<key>`, where key is derived
 *       from the participant's request id (idempotent create). Status changes
 *       append to `history` and bump `version`.
 *   P#<pid>          / CORR#<date>#<version, 4 digits>  ; P#<pid>#EVENTS / CORR#<date>#<version>
 *       one version of an adviser's correction of a day (day-correction.ts);
 *       written once, never changed: a new version is a new item.
 *
 * A participant's events are listed through gsi1 by device time (UTC ISO
 * sorts as time); absences by a strongly consistent query of the partition.
 *
 * gsi1 is the participant's attendance in one index partition (issue 14, P2):
 * the events' sort keys start with a digit (the year), the absences' and
 * corrections' with a letter, so every absence and correction sorts after
 * every event. One Query from a month's first instant to the end of the
 * partition (`listMonthAttendance`) returns that month's events (and the few
 * recorded since), every absence and every correction: what a month's case
 * needs, where it took two queries. The event item keeps its own key
 * (`EVENT#<eventId>`): the event id stays a create-once key across all
 * participants (R1–R3) with one item per event, so a check-in stays one
 * write. The index only copies: every condition expression below still acts
 * on the table's own keys and guarantees what it did.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '../contract/roles.js';
import type { DayCorrection } from '../domain/attendance/day-correction.js';
import type { CheckType } from '../domain/attendance/presence.js';
import type { AbsenceStatus, Category, Documentation } from '../domain/decision.js';
import { isConditionFailed, queryAll, withoutKeys } from './dynamo.js';

export interface CheckinRecord {
  eventId: string;
  participantId: string;
  municipality: string;
  type: CheckType;
  deviceId: string;
  /**
   * The time the event counts at (quality.md S12): a registered kiosk's device
   * time as sent (ISO 8601 with offset, within the policy window), or for an
   * app event the server's time when it arrived.
   */
  deviceTime: string;
  /** The same instant in UTC (sortable). */
  deviceTimeUtc: string;
  /** App events only: the time the app said, kept as sent and never counted. */
  sentDeviceTime?: string;
  recordedAt: string;
  receiptId: string;
  /** sha256 of the canonical request: a replay must match it (R2). */
  requestHash: string;
  source: 'kiosk' | 'app';
}

export interface AbsenceHistoryEntry {
  at: string;
  byRole: Role;
  /** Pseudonymous: participant id or staff ref. */
  byRef: string;
  from: AbsenceStatus | null;
  to: AbsenceStatus;
  documentation: Documentation;
  reason?: string;
}

export interface AbsenceRecord {
  absenceId: string;
  participantId: string;
  municipality: string;
  date: string;
  /** null: the whole day. */
  minutes: number | null;
  category: Category;
  documentation: Documentation;
  status: AbsenceStatus;
  version: number;
  history: AbsenceHistoryEntry[];
  requestHash: string;
  createdAt: string;
}

export interface AbsenceChange {
  status: AbsenceStatus;
  documentation: Documentation;
  entry: AbsenceHistoryEntry;
}

export interface RefusedReplay {
  eventId: string;
  participantId: string;
  municipality: string;
  deviceId: string;
  type: CheckType;
  /** When the tap happened on the kiosk. */
  deviceTime: string;
  /** The API's error code, e.g. IDENTIFICATION_FAILED, DEVICE_TIME_TOO_OLD. */
  code: string;
  refusedAt: string;
}

/** An adviser's correction of a day as stored (one item per version). */
export interface CorrectionRecord extends DayCorrection {
  participantId: string;
  municipality: string;
  /** Pseudonymous staff ref (never a name). */
  correctedByRef: string;
  /** sha256 of the canonical request: a retried PUT finds its own version. */
  requestHash: string;
}

export interface AttendanceRepo {
  /** Writes the event unless its id exists; then returns the stored one (nothing written). */
  putEventOnce(record: CheckinRecord): Promise<{ created: true } | { created: false; existing: CheckinRecord }>;
  getEvent(eventId: string): Promise<CheckinRecord | undefined>;
  /** Events whose device time (UTC ISO) lies in [fromUtc, toUtc). */
  listEvents(participantId: string, fromUtc: string, toUtc: string): Promise<CheckinRecord[]>;

  createAbsenceOnce(record: AbsenceRecord): Promise<{ created: true } | { created: false; existing: AbsenceRecord }>;
  getAbsence(absenceId: string): Promise<AbsenceRecord | undefined>;
  listAbsences(participantId: string): Promise<AbsenceRecord[]>;
  /** Applies the change if the record is still at `expectedVersion`; 'changed' if not, 'missing' if gone. */
  changeAbsence(absenceId: string, expectedVersion: number, change: AbsenceChange): Promise<AbsenceRecord | 'changed' | 'missing'>;

  /** Keeps a refused replay once per event (a kiosk retrying the same tap writes nothing new). */
  recordRefusedReplay(r: RefusedReplay): Promise<void>;
  /** The participant's refused replays, newest tap first. */
  listRefusedReplays(participantId: string): Promise<RefusedReplay[]>;
  /** Writes this version of a day's correction unless it exists; then returns the stored one (nothing written). */
  putCorrectionOnce(record: CorrectionRecord): Promise<{ created: true } | { created: false; existing: CorrectionRecord }>;
  /** Every version of the corrections of days from `fromDate` to `toDate` (inclusive), by date and version. */
  listCorrections(participantId: string, fromDate: string, toDate: string): Promise<CorrectionRecord[]>;
  /** The participant's absences (as listAbsences) and every correction, in one query: what a month's case needs. */
  listAbsencesAndCorrections(participantId: string): Promise<{ absences: AbsenceRecord[]; corrections: CorrectionRecord[] }>;
  /**
   * In one query (gsi1, eventually consistent): the events whose device time lies in [fromUtc, toUtc), every
   * absence (as listAbsences) and every correction (as listAbsencesAndCorrections): what a month's case needs.
   */
  listMonthAttendance(participantId: string, fromUtc: string, toUtc: string): Promise<{ events: CheckinRecord[]; absences: AbsenceRecord[]; corrections: CorrectionRecord[] }>;
}

const ABSENCE_ID = /^([A-Za-z0-9_-]{1,64})\.([a-f0-9]{24})$/;

export function absenceIdOf(participantId: string, key: string): string {
  return `${participantId}.${key}`;
}

/** The participant and key inside an absence id, or undefined for a malformed id. */
export function parseAbsenceId(absenceId: string): { participantId: string; key: string } | undefined {
  const m = ABSENCE_ID.exec(absenceId);
  return m === null ? undefined : { participantId: m[1]!, key: m[2]! };
}

const eventKey = (eventId: string) => ({ pk: `EVENT#${eventId}`, sk: 'EVENT' });
const absenceKey = (pid: string, key: string) => ({ pk: `P#${pid}`, sk: `ABS#${key}` });
const refusedKey = (pid: string, eventId: string) => ({ pk: `P#${pid}`, sk: `REFUSED#${eventId}` });
const correctionKey = (pid: string, date: string, version: number) => ({ pk: `P#${pid}`, sk: `CORR#${date}#${String(version).padStart(4, '0')}` });
/** The participant's attendance partition in gsi1 (the events', absences' and corrections' index key). */
const attendanceIndexKey = (pid: string) => `P#${pid}#EVENTS`;
/** An absence's item: its key, its place in the participant's gsi1 partition (after every event), the record. */
const absenceItem = (key: string, record: AbsenceRecord) => ({
  ...absenceKey(record.participantId, key),
  gsi1pk: attendanceIndexKey(record.participantId),
  gsi1sk: `ABS#${record.date}#${key}`,
  ...record,
});
/**
 * A correction version's item (key, gsi1 place after every event, record), also for a write that puts it in a
 * transaction with another item (rights-repo.ts).
 */
export const correctionItem = (r: CorrectionRecord) => {
  const key = correctionKey(r.participantId, r.date, r.version);
  return { ...key, gsi1pk: attendanceIndexKey(r.participantId), gsi1sk: key.sk, ...r };
};

const byDateAndVersion = (a: CorrectionRecord, b: CorrectionRecord) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.version - b.version);
const byDateThenCreated = (a: AbsenceRecord, b: AbsenceRecord) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.createdAt < b.createdAt ? -1 : 1);

export class DynamoAttendanceRepo implements AttendanceRepo {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private eventPut(record: CheckinRecord) {
    return {
      TableName: this.table,
      Item: { ...eventKey(record.eventId), gsi1pk: attendanceIndexKey(record.participantId), gsi1sk: `${record.deviceTimeUtc}#${record.eventId}`, ...record },
      // The event id is written once, ever: concurrent or later replays cannot create a second record (R1, R3).
      ConditionExpression: 'attribute_not_exists(pk)',
    };
  }

  async putEventOnce(record: CheckinRecord): Promise<{ created: true } | { created: false; existing: CheckinRecord }> {
    try {
      await this.db.send(new PutCommand(this.eventPut(record)));
      return { created: true };
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
      // Events are never deleted, so the record that won the condition is there to read.
      return { created: false, existing: (await this.getEvent(record.eventId))! };
    }
  }

  async getEvent(eventId: string): Promise<CheckinRecord | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: eventKey(eventId), ConsistentRead: true }));
    return withoutKeys<CheckinRecord>(r.Item);
  }

  async listEvents(participantId: string, fromUtc: string, toUtc: string): Promise<CheckinRecord[]> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
      // '#' sorts before every id character, so :to excludes events at exactly toUtc.
      ExpressionAttributeValues: { ':pk': attendanceIndexKey(participantId), ':from': `${fromUtc}#`, ':to': `${toUtc}#` },
    });
    return items.map((item) => withoutKeys<CheckinRecord>(item)!);
  }

  async createAbsenceOnce(record: AbsenceRecord): Promise<{ created: true } | { created: false; existing: AbsenceRecord }> {
    const parsed = parseAbsenceId(record.absenceId);
    if (parsed === undefined || parsed.participantId !== record.participantId) throw new Error('createAbsenceOnce: malformed absence id');
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: absenceItem(parsed.key, record),
          // One record per (participant, request id): a retried report never creates a second absence.
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { created: true };
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
      return { created: false, existing: (await this.getAbsence(record.absenceId))! };
    }
  }

  async getAbsence(absenceId: string): Promise<AbsenceRecord | undefined> {
    const parsed = parseAbsenceId(absenceId);
    if (parsed === undefined) return undefined;
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: absenceKey(parsed.participantId, parsed.key), ConsistentRead: true }));
    return withoutKeys<AbsenceRecord>(r.Item);
  }

  async listAbsences(participantId: string): Promise<AbsenceRecord[]> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :abs)',
      ExpressionAttributeValues: { ':pk': `P#${participantId}`, ':abs': 'ABS#' },
      ConsistentRead: true,
    });
    return items.map((item) => withoutKeys<AbsenceRecord>(item)!).sort(byDateThenCreated);
  }

  async putCorrectionOnce(record: CorrectionRecord): Promise<{ created: true } | { created: false; existing: CorrectionRecord }> {
    const item = correctionItem(record);
    const key = { pk: item.pk, sk: item.sk };
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: item,
          // Version n of a day is written once: two advisers correcting at once cannot both make it, and no version is ever replaced.
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { created: true };
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
      const r = await this.db.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }));
      return { created: false, existing: withoutKeys<CorrectionRecord>(r.Item)! };
    }
  }

  async listCorrections(participantId: string, fromDate: string, toDate: string): Promise<CorrectionRecord[]> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      // '#' sorts before every digit, '~' after: every version of every date in the range.
      ExpressionAttributeValues: { ':pk': `P#${participantId}`, ':from': `CORR#${fromDate}#`, ':to': `CORR#${toDate}#~` },
      ConsistentRead: true,
    });
    return items.map((item) => withoutKeys<CorrectionRecord>(item)!).sort(byDateAndVersion);
  }

  async listAbsencesAndCorrections(participantId: string): Promise<{ absences: AbsenceRecord[]; corrections: CorrectionRecord[] }> {
    // The partition holds exactly these two kinds; one query instead of two keeps the payroll run's reads as they were.
    const items = await queryAll(this.db, { TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `P#${participantId}` }, ConsistentRead: true });
    const absences: AbsenceRecord[] = [];
    const corrections: CorrectionRecord[] = [];
    for (const item of items) {
      const sk = String(item.sk);
      if (sk.startsWith('ABS#')) absences.push(withoutKeys<AbsenceRecord>(item)!);
      else if (sk.startsWith('CORR#')) corrections.push(withoutKeys<CorrectionRecord>(item)!);
    }
    return { absences: absences.sort(byDateThenCreated), corrections: corrections.sort(byDateAndVersion) };
  }

  async listMonthAttendance(participantId: string, fromUtc: string, toUtc: string): Promise<{ events: CheckinRecord[]; absences: AbsenceRecord[]; corrections: CorrectionRecord[] }> {
    // One Query of the participant's gsi1 partition from fromUtc to its end: the events from fromUtc on, then every
    // absence and correction (their sort keys start with a letter, after every digit). The index is eventually
    // consistent, as the events' listing always was: an absence decided or a day corrected while the run reads is
    // racing the run whatever the read, and the next run's correction pass picks it up (payroll/corrections).
    const items = await queryAll(this.db, {
      TableName: this.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :from',
      ExpressionAttributeValues: { ':pk': attendanceIndexKey(participantId), ':from': `${fromUtc}#` },
    });
    const events: CheckinRecord[] = [];
    const absences: AbsenceRecord[] = [];
    const corrections: CorrectionRecord[] = [];
    const to = `${toUtc}#`;
    for (const item of items) {
      const sk = String(item.sk);
      if (sk === 'EVENT') {
        // '#' sorts before every id character, so events at exactly toUtc are left out, as listEvents does.
        if (String(item.gsi1sk) < to) events.push(withoutKeys<CheckinRecord>(item)!);
      } else if (sk.startsWith('ABS#')) absences.push(withoutKeys<AbsenceRecord>(item)!);
      else if (sk.startsWith('CORR#')) corrections.push(withoutKeys<CorrectionRecord>(item)!);
    }
    return { events, absences: absences.sort(byDateThenCreated), corrections: corrections.sort(byDateAndVersion) };
  }

  async changeAbsence(absenceId: string, expectedVersion: number, change: AbsenceChange): Promise<AbsenceRecord | 'changed' | 'missing'> {
    const parsed = parseAbsenceId(absenceId);
    if (parsed === undefined) return 'missing';
    try {
      const r = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: absenceKey(parsed.participantId, parsed.key),
          UpdateExpression: 'SET #status = :status, documentation = :doc, version = :next, history = list_append(history, :entry)',
          // Optimistic concurrency: the change applies only to the version the adviser saw, and never creates a record.
          ConditionExpression: 'attribute_exists(pk) AND version = :expected',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': change.status,
            ':doc': change.documentation,
            ':next': expectedVersion + 1,
            ':expected': expectedVersion,
            ':entry': [change.entry],
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return withoutKeys<AbsenceRecord>(r.Attributes)!;
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
      return (await this.getAbsence(absenceId)) === undefined ? 'missing' : 'changed';
    }
  }

  async recordRefusedReplay(r: RefusedReplay): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...refusedKey(r.participantId, r.eventId), ...r },
          // Once per event: the first refusal is the record; replays of it change nothing.
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
    }
  }

  async listRefusedReplays(participantId: string): Promise<RefusedReplay[]> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)',
      ExpressionAttributeValues: { ':pk': `P#${participantId}`, ':r': 'REFUSED#' },
      ConsistentRead: true,
    });
    return items.map((item) => withoutKeys<RefusedReplay>(item)!).sort((a, b) => Date.parse(b.deviceTime) - Date.parse(a.deviceTime));
  }
}
