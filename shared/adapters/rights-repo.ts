/**
 * Correction requests and complaints (issue 12 items 1–2;
 * shared/domain/rights/), in the Decisions table beside the decisions they
 * are about.
 *
 * Key layout (pk / sk; gsi1pk / gsi1sk):
 *   P#<pid> / RIGHTS#<caseId>    one item per request or complaint
 *   gsi1: RIGHTS#<municipality> / <createdAt>#<caseId>: the municipality's
 *         cases for the advisers' queue (a prefix no decision query uses:
 *         decisions-repo.ts keys its month on M#<municipality>#<period>)
 *
 * `caseId` is made from the client's request id (`cr-<uuid>`, `kl-<uuid>`),
 * so a retried POST finds its own item instead of filing twice.
 *
 * The participant's own words sit in their own attribute, `text`, and are
 * never copied into another attribute or a log line, so the retention run
 * (issue 12 item 5) can minimise them by removing that one attribute; the
 * adviser's answers are the municipality's record and stay.
 *
 * What each write guarantees:
 * - `createOnce`: create-only (attribute_not_exists): one item per case id,
 *   never replaced; a replay gets the stored item back.
 * - `advance`: applies only from the status and version the caller read
 *   (`#status = :from AND version = :v`): two advisers answering at once, or
 *   an accept racing a refusal, make exactly one change; a skipped state (an
 *   outcome for a complaint never forwarded) cannot be written even by a
 *   caller that skipped the domain check.
 * - `advanceWithCorrection`: the same condition and the attendance
 *   correction's create-only put (attendance-repo.ts) in one transaction, so
 *   an accepted request always has its correction and a refused one never
 *   has one.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RightsStep } from '../contract/rights.js';
import type { ComplaintChannel, ComplaintOutcome, ComplaintStatus } from '../domain/rights/complaint.js';
import type { CorrectionMade, CorrectionRequestStatus, CorrectionSubject } from '../domain/rights/correction-request.js';
import type { CorrectionRecord } from './attendance-repo.js';
import { correctionItem } from './attendance-repo.js';
import { isConditionFailed, queryAll, withoutKeys } from './dynamo.js';

/** One step of a case, as the participant sees it (a role, never a name or ref): stored as the API answers it. */
export type { RightsStep } from '../contract/rights.js';

/** An adviser's answer or reassessment: the reason is shown to the participant. */
export interface RightsAnswer {
  reason: string;
  at: string;
  byRole: string;
  /** Pseudonymous staff ref (never a name). */
  byRef: string;
  /** The correction that carried out an accepted request or upheld complaint. */
  correction?: CorrectionMade;
}

interface CaseBase {
  caseId: string;
  participantId: string;
  municipality: string;
  /** The month it is about: its explanation mentions the case. */
  period: string;
  version: number;
  createdAt: string;
  requestHash: string;
  /** The participant's (or the paper complaint's) own words; minimisable (see the file comment). Absent once minimised. */
  text?: string;
  history: RightsStep[];
  /** sha256 of the last answer's request, so a retried answer gets its result back. */
  answerHash?: string;
}

export interface CorrectionRequestRecord extends CaseBase {
  kind: 'CORRECTION_REQUEST';
  status: CorrectionRequestStatus;
  subject: CorrectionSubject;
  /** The participant's absence report whose document backs the request (the doctor's-note path). */
  absenceId?: string;
  answer?: RightsAnswer;
}

export interface ComplaintRecord extends CaseBase {
  kind: 'COMPLAINT';
  status: ComplaintStatus;
  channel: ComplaintChannel;
  /** The decision complained about: the month's version in force when it was received. */
  decisionId: string;
  decisionVersion: number;
  /** When the municipality received it (Oslo date): the page's server date, or the paper's date. */
  receivedOn: string;
  /** When the decision was made known (complaint-deadline.ts), null: not yet. */
  madeKnownOn: string | null;
  deadline: string | null;
  late: boolean;
  /** Paper complaints: who recorded it. */
  recordedByRef?: string;
  reassessment?: RightsAnswer & { upheld: boolean };
  forwardedAt?: string;
  outcome?: { outcome: ComplaintOutcome; decidedOn: string; note: string; recordedAt: string; byRef: string };
}

export type RightsCase = CorrectionRequestRecord | ComplaintRecord;

export type AdvanceResult<T> = { ok: true; record: T } | { ok: false; reason: 'changed' } | { ok: false; reason: 'correction-exists' };

export interface RightsRepo {
  createOnce(record: RightsCase): Promise<{ created: true } | { created: false; existing: RightsCase }>;
  get(participantId: string, caseId: string): Promise<RightsCase | undefined>;
  listForParticipant(participantId: string): Promise<RightsCase[]>;
  /** The municipality's cases, newest first (gsi1, eventually consistent: the queue, never a write decision). */
  listForMunicipality(municipality: string): Promise<RightsCase[]>;
  /** Sets `patch` and the next status if the case is still at `from`/`version`. */
  advance<T extends RightsCase>(current: T, to: T['status'], patch: Partial<T>, step: RightsStep): Promise<AdvanceResult<T>>;
  /** As `advance`, together with the attendance correction it makes (one transaction). */
  advanceWithCorrection<T extends RightsCase>(current: T, to: T['status'], patch: Partial<T>, step: RightsStep, correction: CorrectionRecord): Promise<AdvanceResult<T>>;
}

const key = (participantId: string, caseId: string) => ({ pk: `P#${participantId}`, sk: `RIGHTS#${caseId}` });

const strip = (item: Record<string, unknown>): RightsCase => withoutKeys<RightsCase>(item);

const newestFirst = (a: RightsCase, b: RightsCase) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.caseId < b.caseId ? 1 : -1);

export class DynamoRightsRepo implements RightsRepo {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    /** The Attendance table: accepted requests write their correction there. */
    private readonly attendanceTable: string,
  ) {}

  async createOnce(record: RightsCase): Promise<{ created: true } | { created: false; existing: RightsCase }> {
    const k = key(record.participantId, record.caseId);
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...k, gsi1pk: `RIGHTS#${record.municipality}`, gsi1sk: `${record.createdAt}#${record.caseId}`, ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { created: true };
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
      const existing = await this.get(record.participantId, record.caseId);
      if (existing === undefined) throw new Error('rights case: condition failed but no item found');
      return { created: false, existing };
    }
  }

  async get(participantId: string, caseId: string): Promise<RightsCase | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: key(participantId, caseId), ConsistentRead: true }));
    return r.Item === undefined ? undefined : strip(r.Item);
  }

  async listForParticipant(participantId: string): Promise<RightsCase[]> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `P#${participantId}`, ':prefix': 'RIGHTS#' },
      ConsistentRead: true,
    });
    return items.map(strip).sort(newestFirst);
  }

  async listForMunicipality(municipality: string): Promise<RightsCase[]> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': `RIGHTS#${municipality}` },
      ScanIndexForward: false,
    });
    return items.map(strip).sort(newestFirst);
  }

  private update<T extends RightsCase>(current: T, to: T['status'], patch: Partial<T>, step: RightsStep) {
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = { ':to': to, ':from': current.status, ':v': current.version, ':next': current.version + 1, ':step': [step] };
    const sets = ['#status = :to', 'version = :next', 'history = list_append(history, :step)'];
    Object.entries(patch).forEach(([k, v], i) => {
      if (v === undefined) return;
      names[`#f${i}`] = k;
      values[`:f${i}`] = v;
      sets.push(`#f${i} = :f${i}`);
    });
    return {
      TableName: this.table,
      Key: key(current.participantId, current.caseId),
      UpdateExpression: `SET ${sets.join(', ')}`,
      // Only from the status and version the caller read, and never creating an item.
      ConditionExpression: 'attribute_exists(pk) AND #status = :from AND version = :v',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
  }

  private applied<T extends RightsCase>(current: T, to: T['status'], patch: Partial<T>, step: RightsStep): T {
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    return { ...current, ...defined, status: to, version: current.version + 1, history: [...current.history, step] };
  }

  async advance<T extends RightsCase>(current: T, to: T['status'], patch: Partial<T>, step: RightsStep): Promise<AdvanceResult<T>> {
    try {
      await this.db.send(new UpdateCommand(this.update(current, to, patch, step)));
      return { ok: true, record: this.applied(current, to, patch, step) };
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
      return { ok: false, reason: 'changed' };
    }
  }

  async advanceWithCorrection<T extends RightsCase>(current: T, to: T['status'], patch: Partial<T>, step: RightsStep, correction: CorrectionRecord): Promise<AdvanceResult<T>> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            // The day's next correction version, create-only as PUT …/attendance/{date} writes it.
            { Put: { TableName: this.attendanceTable, Item: correctionItem(correction), ConditionExpression: 'attribute_not_exists(pk)' } },
            { Update: this.update(current, to, patch, step) },
          ],
        }),
      );
      return { ok: true, record: this.applied(current, to, patch, step) };
    } catch (err) {
      if (!(err instanceof Error) || err.name !== 'TransactionCanceledException') throw err;
      const reasons = (err as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
      if (reasons[1]?.Code === 'ConditionalCheckFailed') return { ok: false, reason: 'changed' };
      if (reasons[0]?.Code === 'ConditionalCheckFailed') return { ok: false, reason: 'correction-exists' };
      throw err;
    }
  }
}
