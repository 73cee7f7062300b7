/**
 * Decisions table: one immutable item per participant, period and version
 * (architecture.md "Data"). The payroll workflow writes through
 * `putDecisionOnce`; a correction is a new version that references the one
 * it supersedes, never an overwrite (benefit-rules.md §8).
 *
 * Key layout (pk / sk; gsi1pk / gsi1sk):
 *   P#<pid> / DEC#<period>#v<version, 4 digits> ; M#<muni>#<period> / P#<pid>#v<version, 4 digits>
 *
 * gsi1 lists a municipality's month: every version of every participant's
 * decision, whichever run wrote it (a run restarted after a failure reuses
 * the unchanged decisions of the failed run; a correction made by a later
 * run is listed under the month it corrects). There is one live run per
 * municipality and month, so "the decisions of a run" are the latest
 * versions of its month (`listLatestForMonth`).
 */
import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Case } from '../domain/case.js';
import type { Decision, ReviewClass } from '../domain/decision.js';
import type { Correction } from '../domain/payroll/correction.js';
import { isConditionFailed, queryAll, withoutKeys } from './dynamo.js';

export interface StoredDecision {
  participantId: string;
  period: string;
  version: number;
  /** `<pid>.<period>.v<4 digits>`: deterministic, so a retried write names the same decision. */
  decisionId: string;
  /** The run whose workflow wrote this version. */
  runId: string;
  municipality?: string;
  /** The engine's decision (shared/domain/decision.ts) as computed, with its first explanation texts. */
  decision: Decision;
  /** The case the engine judged (case-format.md): the frozen input snapshot. */
  input?: Case;
  inputHash?: string;
  review?: ReviewClass;
  createdAt: string;
  /** decisionId of the version this one supersedes. */
  supersedes?: string;
  /** The per-day difference to the superseded version and its route. */
  correction?: Correction;
  /** A correction of an earlier month: the month whose run pays it (back-payment) or routes it to an adviser. */
  paidWithPeriod?: string;
}

export interface DecisionsRepo {
  /** Writes the decision unless that participant/period/version exists ('exists': nothing written). */
  putDecisionOnce(d: StoredDecision): Promise<'created' | 'exists'>;
  listForParticipant(participantId: string): Promise<StoredDecision[]>;
  /** The newest version of a participant's decision for a month (strongly consistent). */
  getLatest(participantId: string, period: string): Promise<StoredDecision | undefined>;
  /** One version (strongly consistent). */
  getVersion(participantId: string, period: string, version: number): Promise<StoredDecision | undefined>;
  /** Every version of every decision of a municipality's month (gsi1; eventually consistent). */
  listForMonth(municipality: string, period: string): Promise<StoredDecision[]>;
  /** The newest version per participant of a municipality's month, by participant id. */
  listLatestForMonth(municipality: string, period: string): Promise<StoredDecision[]>;
  /** True when any decision of the municipality's month is stored (gsi1, one key read). */
  hasAnyForMonth(municipality: string, period: string): Promise<boolean>;
  /** Every version of a participant's month, oldest first (strongly consistent). */
  listVersions(participantId: string, period: string): Promise<StoredDecision[]>;
  /** The participants with a decision in a municipality's month (gsi1, ids only), sorted. */
  listParticipantsOfMonth(municipality: string, period: string): Promise<string[]>;
}

export const pad4 = (n: number) => String(n).padStart(4, '0');
export const decisionIdOf = (participantId: string, period: string, version: number) => `${participantId}.${period}.v${pad4(version)}`;

const key = (d: Pick<StoredDecision, 'participantId' | 'period' | 'version'>) => ({
  pk: `P#${d.participantId}`,
  sk: `DEC#${d.period}#v${pad4(d.version)}`,
});

/** The newest version per participant, ordered by participant id. */
export function latestPerParticipant(decisions: readonly StoredDecision[]): StoredDecision[] {
  const latest = new Map<string, StoredDecision>();
  for (const d of decisions) {
    const seen = latest.get(d.participantId);
    if (seen === undefined || seen.version < d.version) latest.set(d.participantId, d);
  }
  return [...latest.values()].sort((a, b) => (a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0));
}

export class DynamoDecisionsRepo implements DecisionsRepo {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async putDecisionOnce(d: StoredDecision): Promise<'created' | 'exists'> {
    const k = key(d);
    const gsi = d.municipality === undefined ? {} : { gsi1pk: `M#${d.municipality}#${d.period}`, gsi1sk: `P#${d.participantId}#v${pad4(d.version)}` };
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...k, ...gsi, ...d },
          // Decisions are immutable (R5): a version is written once; a retried step finds it and writes nothing.
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'created';
    } catch (err) {
      if (isConditionFailed(err)) return 'exists';
      throw err;
    }
  }

  private async query(input: QueryCommandInput): Promise<StoredDecision[]> {
    const items = await queryAll(this.db, { ...input, TableName: this.table });
    return items.map((item) => withoutKeys<StoredDecision>(item));
  }

  listForParticipant(participantId: string): Promise<StoredDecision[]> {
    return this.query({
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :dec)',
      ExpressionAttributeValues: { ':pk': `P#${participantId}`, ':dec': 'DEC#' },
    });
  }

  async getLatest(participantId: string, period: string): Promise<StoredDecision | undefined> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :dec)',
        ExpressionAttributeValues: { ':pk': `P#${participantId}`, ':dec': `DEC#${period}#v` },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const item = r.Items?.[0];
    return item === undefined ? undefined : withoutKeys<StoredDecision>(item);
  }

  async getVersion(participantId: string, period: string, version: number): Promise<StoredDecision | undefined> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND sk = :sk',
        ExpressionAttributeValues: { ':pk': `P#${participantId}`, ':sk': `DEC#${period}#v${pad4(version)}` },
        ConsistentRead: true,
      }),
    );
    const item = r.Items?.[0];
    return item === undefined ? undefined : withoutKeys<StoredDecision>(item);
  }

  listForMonth(municipality: string, period: string): Promise<StoredDecision[]> {
    return this.query({
      TableName: this.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': `M#${municipality}#${period}` },
    });
  }

  async listLatestForMonth(municipality: string, period: string): Promise<StoredDecision[]> {
    return latestPerParticipant(await this.listForMonth(municipality, period));
  }

  async hasAnyForMonth(municipality: string, period: string): Promise<boolean> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `M#${municipality}#${period}` },
        ProjectionExpression: 'pk',
        Limit: 1,
      }),
    );
    return (r.Items?.length ?? 0) > 0;
  }

  listVersions(participantId: string, period: string): Promise<StoredDecision[]> {
    return this.query({
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :dec)',
      ExpressionAttributeValues: { ':pk': `P#${participantId}`, ':dec': `DEC#${period}#v` },
      ConsistentRead: true,
    });
  }

  async listParticipantsOfMonth(municipality: string, period: string): Promise<string[]> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': `M#${municipality}#${period}` },
      // Ids only leave the table: no decision, amount or explanation.
      ProjectionExpression: 'participantId',
    });
    return [...new Set(items.map((i) => i.participantId).filter((id): id is string => typeof id === 'string'))].sort();
  }
}
