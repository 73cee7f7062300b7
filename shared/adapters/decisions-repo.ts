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
 *
 * Beside the decisions, per municipality and pay month Q (the month whose
 * payroll run pays a version: its own month, or for a correction of a
 * released month the month it is paid with), in partition `PAY#<muni>#<Q>`:
 *
 *   PAY#<muni>#<Q> / COUNTS#<shard, 2 hex>         counters the release checks in one read (a Query of ≤ 16 small items)
 *   PAY#<muni>#<Q> / C#<pid>#<period>#v<version>  a correction paid with Q (ids and amounts)
 *
 * `unresolvedVedtak` counts the versions paid with Q that need a formal
 * decision and have none: +1 when such a version is written, −1 when it is
 * resolved (decision-reviews-repo.ts) or superseded, while unresolved, by a
 * newer version paid with Q. Every change is made in the same transaction as
 * the create-only write it counts, so a retried or restarted batch that
 * writes nothing counts nothing (R4), and a concurrent resolution cannot be
 * counted twice (the transaction checks that the superseded version has no
 * resolution; the resolution checks that its version is not superseded).
 * The counter is split in COUNTER_SHARDS items by participant (a participant's
 * versions and resolutions always change the same one): the decisions of a
 * run are written ~80 at a time, and transactions on one item would conflict
 * and queue behind each other; the release sums the shards.
 */
import { createHash } from 'node:crypto';
import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Case } from '../domain/case.js';
import type { Decision, ReviewClass } from '../domain/decision.js';
import type { ExplanationContact } from '../domain/explanation/render.js';
import type { Correction } from '../domain/payroll/correction.js';
import { mapLimited } from './map-limited.js';
import { backoff, failedConditions, isConditionFailed, isRetryableTransactionError, queryAll, withoutKeys } from './dynamo.js';

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
  /** The adviser's name and complaint address its explanation was rendered with (explanation-versions.ts `baseContext`). */
  contact?: ExplanationContact;
}

/** The counters of a municipality's pay month (see the file comment). */
export interface PayMonthCounts {
  /** Versions paid with the month that need a formal decision and have no resolution: they block the release. */
  unresolvedVedtak: number;
  /** Versions paid with the month written as VEDTAK_REQUIRED (resolved or not). */
  vedtakRequired: number;
}

/** A correction of an earlier month paid with a pay month: what the export and the drill-down need, by key. */
export interface PaidCorrection {
  participantId: string;
  period: string;
  version: number;
  decisionId: string;
  runId: string;
  createdAt: string;
  route: 'BACK_PAYMENT' | 'ADVISER_DECISION' | 'NONE';
  totalDifferenceOre: number;
  /** The version's computed payout and what its month had paid before it (correction.ts `backPaymentOre` needs both). */
  payoutOre?: number;
  paidBeforeOre?: number;
  review?: ReviewClass;
}

export interface DecisionsRepo {
  /** Writes the decision unless that participant/period/version exists ('exists': nothing written). */
  putDecisionOnce(d: StoredDecision): Promise<'created' | 'exists'>;
  /**
   * `putDecisionOnce` for many first versions at once (a payroll batch's
   * fresh month), with the same guarantees per decision and fewer requests:
   * by decisionId, 'created' or 'exists'. See `putFirstVersionsOnce` below.
   */
  putDecisionsOnce(ds: readonly StoredDecision[]): Promise<Map<string, 'created' | 'exists'>>;
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
  /** The pay month's counters (one consistent GetItem); undefined when nothing counted was written for it. */
  getPayMonthCounts(municipality: string, payPeriod: string): Promise<PayMonthCounts | undefined>;
  /** The corrections of earlier months paid with this pay month (their marker items, consistent), by participant. */
  listPaidWith(municipality: string, payPeriod: string): Promise<PaidCorrection[]>;
  /**
   * Every version of the month's decisions with the fields payroll lists show
   * only (ids, run, dates, review, correction route and amount; `decision`
   * holds baseOre, deductionOre, payoutOre, review and lines): no input
   * snapshot, no explanations. `after`/`participants` page by participant id.
   */
  listMonthSummaries(municipality: string, period: string, page?: { after?: string; participants: number }): Promise<{ items: StoredDecision[]; more: boolean }>;
  /** Every version of one participant's month, as summaries (like `listMonthSummaries`), by key: one Query. */
  listVersionSummaries(participantId: string, period: string): Promise<StoredDecision[]>;
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

const payKey = (municipality: string, payPeriod: string) => `PAY#${municipality}#${payPeriod}`;
/** Counter items per pay month: 16 keep concurrent writers of one run apart while the release still reads them in one Query. */
export const COUNTER_SHARDS = 16;
/** A participant's counter shard: a stable hash of the id, so all their versions and resolutions count in one item. */
export function counterShard(participantId: string): string {
  return counterShardIndex(participantId).toString(16).padStart(2, '0');
}
/** The same shard as a number (0 … COUNTER_SHARDS − 1): Prepare orders a run's batches by it. */
export function counterShardIndex(participantId: string): number {
  return createHash('sha256').update(participantId).digest()[0]! % COUNTER_SHARDS;
}
/** The counter item a participant's versions paid with this month count in. */
export const countsKey = (municipality: string, payPeriod: string, participantId: string) => ({ pk: payKey(municipality, payPeriod), sk: `COUNTS#${counterShard(participantId)}` });
const markerKey = (d: Pick<StoredDecision, 'participantId' | 'period' | 'version'>, municipality: string, payPeriod: string) => ({
  pk: payKey(municipality, payPeriod),
  sk: `C#${d.participantId}#${d.period}#v${pad4(d.version)}`,
});
/** Where a resolution of a version is stored (decision-reviews-repo.ts owns those items). */
export const resolutionKey = (r: Pick<StoredDecision, 'participantId' | 'period' | 'version'>) => ({ pk: `P#${r.participantId}`, sk: `RES#${r.period}#v${pad4(r.version)}` });
export const decisionKey = (r: Pick<StoredDecision, 'participantId' | 'period' | 'version'>) => key(r);

/** The month whose payroll run pays a version: its own, or for a correction of a released month the month it is paid with. */
export const payPeriodOf = (d: Pick<StoredDecision, 'period' | 'paidWithPeriod'>): string => d.paidWithPeriod ?? d.period;

/** The review class a version counts with (the workflow stores the effective one; older items only the engine's). */
export const storedReview = (d: Pick<StoredDecision, 'review' | 'decision'>): ReviewClass | undefined => d.review ?? (d.decision?.review as ReviewClass | undefined);

/** Fields of a version that payroll lists need (see `listMonthSummaries`). */
const SUMMARY_FIELDS = ['participantId', 'period', 'version', 'decisionId', 'runId', 'municipality', 'review', 'createdAt', 'supersedes', 'paidWithPeriod'];
const SUMMARY_NESTED: readonly [string, string][] = [
  ['decision', 'baseOre'],
  ['decision', 'deductionOre'],
  ['decision', 'payoutOre'],
  ['decision', 'review'],
  ['decision', 'lines'],
  ['decision', 'municipalityCode'],
  ['correction', 'route'],
  ['correction', 'totalDifferenceOre'],
  ['correction', 'reason'],
];

function summaryProjection(): Pick<QueryCommandInput, 'ProjectionExpression' | 'ExpressionAttributeNames'> {
  const names: Record<string, string> = {};
  const alias = (n: string) => {
    const a = `#${n}`;
    names[a] = n;
    return a;
  };
  const parts = [...SUMMARY_FIELDS.map(alias), ...SUMMARY_NESTED.map(([o, f]) => `${alias(o)}.${alias(f)}`)];
  return { ProjectionExpression: parts.join(', '), ExpressionAttributeNames: names };
}

/** Tries a conflicting transaction again this often (each try is one round trip; conflicts last milliseconds). */
const MAX_TRANSACTION_ATTEMPTS = 12;

/** Counted first versions per transaction (DynamoDB allows 100 items; the shard's Update is one more). */
export const GROUP_MAX = 25;
/** UTF-8 bytes of items (as JSON) per transaction, under DynamoDB's 4 MB with room for keys and attribute encoding. */
export const GROUP_BYTES = 3_000_000;
/** Writes side by side in the group writer (as many as a batch decides at once). */
const WRITE_PARALLEL = 8;

/** `items` cut in order into chunks of at most GROUP_MAX items and GROUP_BYTES (an item larger than that is a chunk alone). */
export function chunkBySize<T>(items: readonly T[], sizeOf: (item: T) => number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && (current.length >= GROUP_MAX || bytes + size > GROUP_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

const strip = (item: Record<string, unknown>): StoredDecision => withoutKeys<StoredDecision>(item);

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

  /** The create-once put of a version: decisions are immutable (R5); a retried step finds it and writes nothing. */
  private putOf(d: StoredDecision) {
    const gsi = d.municipality === undefined ? {} : { gsi1pk: `M#${d.municipality}#${d.period}`, gsi1sk: `P#${d.participantId}#v${pad4(d.version)}` };
    return { TableName: this.table, Item: { ...key(d), ...gsi, ...d }, ConditionExpression: 'attribute_not_exists(pk)' };
  }

  /**
   * A payroll batch's first versions, written in as few requests as
   * create-only allows (issue 14, P2). A version 1 supersedes nothing and is
   * no correction, so what it counts is at most "+1 unresolved formal
   * decision" in its participant's counter shard. The versions that count in
   * the same shard go in one TransactWriteItems: every Put create-only, and
   * ONE Update adding their number to the shard — all or nothing, so the
   * counter moves by exactly the number of versions created, as it would
   * with one transaction each. If any of them exists (an earlier attempt
   * wrote it), the whole group is cancelled and each is written alone by
   * `putDecisionOnce`, which tells 'exists' from 'created' and counts only
   * what it creates. Versions that count nothing are conditional puts side
   * by side (a transaction would double their write units on AWS), and any
   * other version goes through `putDecisionOnce`. A group holds at most
   * GROUP_MAX versions and GROUP_BYTES of items (DynamoDB: 100 items and
   * 4 MB a transaction); groups of different shards never touch the same
   * item, so they do not conflict with each other.
   */
  async putDecisionsOnce(ds: readonly StoredDecision[]): Promise<Map<string, 'created' | 'exists'>> {
    const out = new Map<string, 'created' | 'exists'>();
    const groups = new Map<string, StoredDecision[]>();
    const alone: StoredDecision[] = [];
    const plain: StoredDecision[] = [];
    for (const d of ds) {
      if (d.version !== 1 || d.municipality === undefined || d.correction !== undefined || d.supersedes !== undefined) alone.push(d);
      else if (storedReview(d) !== 'VEDTAK_REQUIRED') plain.push(d);
      else {
        const shard = JSON.stringify(countsKey(d.municipality, payPeriodOf(d), d.participantId));
        const group = groups.get(shard);
        if (group === undefined) groups.set(shard, [d]);
        else group.push(d);
      }
    }
    // UTF-8 bytes, not characters: the explanation's Ukrainian and Arabic take two bytes a letter.
    const chunks = [...groups.values()].flatMap((g) => chunkBySize(g, (d) => Buffer.byteLength(JSON.stringify(d))));
    const writes = [...chunks.map((c) => () => this.putGroupOnce(c, out)), ...[...alone, ...plain].map((d) => async () => void out.set(d.decisionId, await this.putDecisionOnce(d)))];
    await mapLimited(writes, WRITE_PARALLEL, (write) => write());
    return out;
  }

  /** One shard's group of counted first versions (see putDecisionsOnce). */
  private async putGroupOnce(group: readonly StoredDecision[], out: Map<string, 'created' | 'exists'>): Promise<void> {
    const first = group[0]!;
    const update = {
      TableName: this.table,
      Key: countsKey(first.municipality!, payPeriodOf(first), first.participantId),
      UpdateExpression: 'ADD unresolvedVedtak :n, vedtakRequired :n',
      ExpressionAttributeValues: { ':n': group.length },
    };
    for (let attempt = 0; ; attempt++) {
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: [...group.map((d) => ({ Put: this.putOf(d) })), { Update: update }] }));
        for (const d of group) out.set(d.decisionId, 'created');
        return;
      } catch (err) {
        if (failedConditions(err).length > 0) {
          // Some exist: nothing of the group was written; each alone says which, and counts what it creates.
          for (const d of group) out.set(d.decisionId, await this.putDecisionOnce(d));
          return;
        }
        if (!isRetryableTransactionError(err) || attempt + 1 >= MAX_TRANSACTION_ATTEMPTS) throw err;
        await backoff(attempt);
      }
    }
  }

  async putDecisionOnce(d: StoredDecision): Promise<'created' | 'exists'> {
    const put = this.putOf(d);
    const counted = d.municipality === undefined ? undefined : await this.countedWith(d, d.municipality);
    if (counted === undefined) {
      try {
        await this.db.send(new PutCommand(put));
        return 'created';
      } catch (err) {
        if (isConditionFailed(err)) return 'exists';
        throw err;
      }
    }
    let { supersededOpen } = counted;
    for (let attempt = 0; ; attempt++) {
      const payPeriod = payPeriodOf(d);
      const delta = (counted.vedtak ? 1 : 0) - (supersededOpen ? 1 : 0);
      const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [{ Put: put }];
      if (counted.marker)
        items.push({
          Put: {
            TableName: this.table,
            Item: {
              ...markerKey(d, d.municipality!, payPeriod),
              participantId: d.participantId,
              period: d.period,
              version: d.version,
              decisionId: d.decisionId,
              runId: d.runId,
              createdAt: d.createdAt,
              route: d.correction!.route,
              totalDifferenceOre: d.correction!.totalDifferenceOre,
              payoutOre: (d.decision as { payoutOre: number }).payoutOre,
              ...(d.correction!.paidBeforeOre === undefined ? {} : { paidBeforeOre: d.correction!.paidBeforeOre }),
              ...(storedReview(d) === undefined ? {} : { review: storedReview(d) }),
            },
            // Written with its version, once.
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      if (supersededOpen)
        items.push({
          // The superseded version stops counting only if nobody resolved it meanwhile (else the resolution already took it off).
          ConditionCheck: { TableName: this.table, Key: resolutionKey({ ...d, version: d.version - 1 }), ConditionExpression: 'attribute_not_exists(pk)' },
        });
      if (delta !== 0 || counted.vedtak)
        items.push({
          Update: {
            TableName: this.table,
            Key: countsKey(d.municipality!, payPeriod, d.participantId),
            UpdateExpression: 'ADD unresolvedVedtak :delta, vedtakRequired :required',
            ExpressionAttributeValues: { ':delta': delta, ':required': counted.vedtak ? 1 : 0 },
          },
        });
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: items }));
        return 'created';
      } catch (err) {
        const failed = failedConditions(err);
        // The version exists: an earlier attempt wrote it (and counted it with it).
        if (failed.includes(0)) return 'exists';
        // The superseded version was resolved between our read and our write: it no longer counts.
        if (supersededOpen && failed.length > 0) {
          supersededOpen = false;
          continue;
        }
        if (!isRetryableTransactionError(err) || attempt + 1 >= MAX_TRANSACTION_ATTEMPTS) throw err;
        await backoff(attempt);
      }
    }
  }

  /**
   * What a new version changes in its pay month's counters and markers:
   * whether it needs a formal decision, whether it is a correction paid with
   * a later month (marker), and whether it supersedes an unresolved formal
   * decision of the same pay month. Undefined: nothing to count, a plain put.
   */
  private async countedWith(d: StoredDecision, municipality: string): Promise<{ vedtak: boolean; marker: boolean; supersededOpen: boolean } | undefined> {
    const vedtak = storedReview(d) === 'VEDTAK_REQUIRED';
    const marker = d.paidWithPeriod !== undefined && d.paidWithPeriod !== d.period && d.correction !== undefined;
    let supersededOpen = false;
    if (d.version > 1) {
      const prev = await this.db.send(
        new GetCommand({
          TableName: this.table,
          Key: key({ ...d, version: d.version - 1 }),
          ConsistentRead: true,
          ProjectionExpression: '#r, #p, #w, #m, #d.#r',
          ExpressionAttributeNames: { '#r': 'review', '#p': 'period', '#w': 'paidWithPeriod', '#m': 'municipality', '#d': 'decision' },
        }),
      );
      const p = prev.Item as Pick<StoredDecision, 'review' | 'period' | 'paidWithPeriod' | 'municipality' | 'decision'> | undefined;
      if (p !== undefined && (p.municipality ?? municipality) === municipality && payPeriodOf(p) === payPeriodOf(d) && storedReview(p) === 'VEDTAK_REQUIRED') {
        const res = await this.db.send(new GetCommand({ TableName: this.table, Key: resolutionKey({ ...d, version: d.version - 1 }), ConsistentRead: true, ProjectionExpression: 'pk' }));
        supersededOpen = res.Item === undefined;
      }
    }
    return vedtak || marker || supersededOpen ? { vedtak, marker, supersededOpen } : undefined;
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

  async getPayMonthCounts(municipality: string, payPeriod: string): Promise<PayMonthCounts | undefined> {
    // The shards: at most COUNTER_SHARDS items of a few bytes, one page.
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
        ExpressionAttributeValues: { ':pk': payKey(municipality, payPeriod), ':c': 'COUNTS#' },
        ConsistentRead: true,
      }),
    );
    const items = r.Items ?? [];
    if (items.length === 0) return undefined;
    return items.reduce<PayMonthCounts>((t, i) => ({ unresolvedVedtak: t.unresolvedVedtak + Number(i.unresolvedVedtak ?? 0), vedtakRequired: t.vedtakRequired + Number(i.vedtakRequired ?? 0) }), { unresolvedVedtak: 0, vedtakRequired: 0 });
  }

  async listPaidWith(municipality: string, payPeriod: string): Promise<PaidCorrection[]> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
      ExpressionAttributeValues: { ':pk': payKey(municipality, payPeriod), ':c': 'C#' },
      ConsistentRead: true,
    });
    return items.map(({ pk: _pk, sk: _sk, ...m }) => m as unknown as PaidCorrection);
  }

  async listMonthSummaries(municipality: string, period: string, page?: { after?: string; participants: number }): Promise<{ items: StoredDecision[]; more: boolean }> {
    const base: QueryCommandInput = {
      TableName: this.table,
      IndexName: 'gsi1',
      ...summaryProjection(),
      ...(page?.after === undefined
        ? { KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': `M#${municipality}#${period}` } }
        : // '~' sorts after every version suffix: the next participant after `after` ('#' sorts before every id character).
          { KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk > :after', ExpressionAttributeValues: { ':pk': `M#${municipality}#${period}`, ':after': `P#${page.after}#~` } }),
    };
    if (page === undefined) return { items: (await queryAll(this.db, base)).map(strip), more: false };
    // Versions of one participant are adjacent: read until one participant beyond the page is seen, so the page's are complete.
    const items: StoredDecision[] = [];
    const seen = new Set<string>();
    let start: Record<string, unknown> | undefined;
    do {
      const r = await this.db.send(new QueryCommand({ ...base, Limit: Math.max(10, page.participants + 1), ExclusiveStartKey: start }));
      for (const item of r.Items ?? []) {
        const d = strip(item);
        seen.add(d.participantId);
        if (seen.size > page.participants) return { items, more: true };
        items.push(d);
      }
      start = r.LastEvaluatedKey;
    } while (start !== undefined);
    return { items, more: false };
  }

  listVersionSummaries(participantId: string, period: string): Promise<StoredDecision[]> {
    return this.query({
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :dec)',
      ExpressionAttributeValues: { ':pk': `P#${participantId}`, ':dec': `DEC#${period}#v` },
      ...summaryProjection(),
    });
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
