/**
 * Resolutions of VEDTAK_REQUIRED decisions (shared/domain/payroll/resolution.ts),
 * in the Decisions table beside the decision they resolve: one create-only
 * item per decision version, never an edit of the decision (R5).
 *
 * Key layout (pk / sk): P#<pid> / RES#<period>#v<version, 4 digits>
 *                       P#<pid> / SEEN#<period>#v<version, 4 digits>
 *   RES: the resolution of a VEDTAK_REQUIRED decision version;
 *   SEEN: an adviser's mark that a REVIEW decision version was looked at
 *   (shared/domain/payroll/review-seen.ts).
 *
 * No gsi1 keys: gsi1 lists a municipality's month of decisions
 * (decisions-repo.ts) and must list decisions only. The payroll run finds the
 * resolutions of its VEDTAK_REQUIRED decisions by key (consistent BatchGet),
 * so a resolution written a moment ago is seen by the next approval.
 *
 * A resolution of a VEDTAK_REQUIRED version also takes it off its pay
 * month's `unresolvedVedtak` counter (decisions-repo.ts), in the same
 * transaction as the create-only write, and only while the version is not
 * superseded: the release check reads that one counter instead of every
 * decision of the run.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry, AuditEntryInput, AuditLog } from './audit-log.js';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, ServiceUnavailableError } from '../http/errors.js';
import type { VersionRef } from '../domain/payroll/decision-versions.js';
import { versionKey } from '../domain/payroll/decision-versions.js';
import type { Resolution } from '../domain/payroll/resolution.js';
import type { StoredDecision } from './decisions-repo.js';
import { countsKey, decisionKey, pad4, payPeriodOf, storedReview } from './decisions-repo.js';
import { backoff, batchGetAll, failedConditions, isConditionFailed, isRetryableTransactionError, queryAll, withoutKeys } from './dynamo.js';

export interface ResolutionRecord extends VersionRef {
  decisionId: string;
  resolution: Resolution;
  /** Pseudonymous staff ref of the adviser (never a name). */
  resolvedByRef: string;
  /** The role that resolved it, as the explanation names it (absent on records stored before it was: an adviser). */
  resolvedByRole?: string;
  resolvedAt: string;
}

/** An adviser looked at a REVIEW decision version (shared/domain/payroll/review-seen.ts). */
export interface SeenRecord extends VersionRef {
  decisionId: string;
  /** Pseudonymous staff ref of the adviser (never a name). */
  seenByRef: string;
  seenAt: string;
}

export interface DecisionReviewsRepo {
  /** Writes the resolution unless that decision version has one; then returns the stored one (nothing written). */
  putResolutionOnce(r: ResolutionRecord): Promise<{ created: true } | { created: false; existing: ResolutionRecord }>;
  get(ref: VersionRef): Promise<ResolutionRecord | undefined>;
  /** Every resolution of a participant (all months and versions). */
  listForParticipant(participantId: string): Promise<ResolutionRecord[]>;
  /** The resolutions of these decision versions that exist, keyed by `versionKey` (strongly consistent). */
  getMany(refs: readonly VersionRef[]): Promise<Map<string, ResolutionRecord>>;
  /** Writes the mark unless that decision version has one; then returns the stored one (nothing written). */
  putSeenOnce(r: SeenRecord): Promise<{ created: true } | { created: false; existing: SeenRecord }>;
  getSeen(ref: VersionRef): Promise<SeenRecord | undefined>;
  /** Every seen mark of a participant (all months and versions). */
  listSeenForParticipant(participantId: string): Promise<SeenRecord[]>;
}

const key = (r: VersionRef) => ({ pk: `P#${r.participantId}`, sk: `RES#${r.period}#v${pad4(r.version)}` });
const seenKey = (r: VersionRef) => ({ pk: `P#${r.participantId}`, sk: `SEEN#${r.period}#v${pad4(r.version)}` });
type KeyOf = (r: VersionRef) => { pk: string; sk: string };


export class DynamoDecisionReviewsRepo implements DecisionReviewsRepo {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /**
   * A resolution of a counted version (VEDTAK_REQUIRED, stored with its
   * municipality) is written in one transaction with the decrement of its
   * pay month's counter; any other is a plain create-only write (`putOnce`).
   */
  async putResolutionOnce(r: ResolutionRecord): Promise<{ created: true } | { created: false; existing: ResolutionRecord }> {
    const slot = await this.counterSlot(r);
    if (slot === undefined) return this.putOnce(key, r, 'resolution');
    for (let attempt = 0; ; attempt++) {
      try {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              // One resolution per decision version, written once (see `putOnce`).
              { Put: { TableName: this.table, Item: { ...key(r), ...r }, ConditionExpression: 'attribute_not_exists(pk)' } },
              // Only the newest version is resolved: a version superseded meanwhile already left the counter.
              { ConditionCheck: { TableName: this.table, Key: decisionKey({ ...r, version: r.version + 1 }), ConditionExpression: 'attribute_not_exists(pk)' } },
              {
                Update: {
                  TableName: this.table,
                  Key: countsKey(slot.municipality, slot.payPeriod, r.participantId),
                  UpdateExpression: 'ADD unresolvedVedtak :minus',
                  ExpressionAttributeValues: { ':minus': -1 },
                },
              },
            ],
          }),
        );
        return { created: true };
      } catch (err) {
        const failed = failedConditions(err);
        if (failed.includes(0)) {
          const existing = await this.get(r);
          if (existing === undefined) throw new Error('resolution: condition failed but no item found');
          return { created: false, existing };
        }
        if (failed.includes(1)) throw new ConflictError('DECISION_SUPERSEDED', `version ${r.version} was superseded by a newer version a moment ago; resolve the latest version`);
        if (!isRetryableTransactionError(err) || attempt >= 11) throw err;
        await backoff(attempt);
      }
    }
  }

  /** The pay month whose counter the resolved version is counted in; undefined when it is not counted (not VEDTAK_REQUIRED, or stored without a municipality). */
  private async counterSlot(r: VersionRef): Promise<{ municipality: string; payPeriod: string } | undefined> {
    const got = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: decisionKey(r),
        ConsistentRead: true,
        ProjectionExpression: '#r, #p, #w, #m, #d.#r',
        ExpressionAttributeNames: { '#r': 'review', '#p': 'period', '#w': 'paidWithPeriod', '#m': 'municipality', '#d': 'decision' },
      }),
    );
    const d = got.Item as Pick<StoredDecision, 'review' | 'period' | 'paidWithPeriod' | 'municipality' | 'decision'> | undefined;
    if (d?.municipality === undefined || storedReview(d) !== 'VEDTAK_REQUIRED') return undefined;
    return { municipality: d.municipality, payPeriod: payPeriodOf(d) };
  }

  /**
   * Create-only write of one item per decision version (RES# or SEEN#). The
   * condition guarantees one item per key: of two advisers writing at once one
   * wins, and a recorded formal decision or a first "seen" (who, when) is never
   * silently replaced; the loser gets the stored item back.
   */
  private async putOnce<T extends VersionRef>(keyOf: KeyOf, r: T, what: string): Promise<{ created: true } | { created: false; existing: T }> {
    try {
      await this.db.send(new PutCommand({ TableName: this.table, Item: { ...keyOf(r), ...r }, ConditionExpression: 'attribute_not_exists(pk)' }));
      return { created: true };
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
      const existing = await this.getOne<T>(keyOf, r);
      if (existing === undefined) throw new Error(`${what}: condition failed but no item found`);
      return { created: false, existing };
    }
  }

  private async getOne<T>(keyOf: KeyOf, ref: VersionRef): Promise<T | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: keyOf(ref), ConsistentRead: true }));
    return r.Item === undefined ? undefined : withoutKeys<T>(r.Item);
  }

  private async listPrefixed<T>(participantId: string, prefix: 'RES#' | 'SEEN#'): Promise<T[]> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `P#${participantId}`, ':prefix': prefix },
      ConsistentRead: true,
    });
    return items.map((item) => withoutKeys<T>(item));
  }

  get(ref: VersionRef): Promise<ResolutionRecord | undefined> {
    return this.getOne<ResolutionRecord>(key, ref);
  }

  listForParticipant(participantId: string): Promise<ResolutionRecord[]> {
    return this.listPrefixed<ResolutionRecord>(participantId, 'RES#');
  }

  putSeenOnce(r: SeenRecord): Promise<{ created: true } | { created: false; existing: SeenRecord }> {
    return this.putOnce(seenKey, r, 'seen');
  }

  getSeen(ref: VersionRef): Promise<SeenRecord | undefined> {
    return this.getOne<SeenRecord>(seenKey, ref);
  }

  listSeenForParticipant(participantId: string): Promise<SeenRecord[]> {
    return this.listPrefixed<SeenRecord>(participantId, 'SEEN#');
  }

  async getMany(refs: readonly VersionRef[]): Promise<Map<string, ResolutionRecord>> {
    const out = new Map<string, ResolutionRecord>();
    const unique = [...new Map(refs.map((r) => [versionKey(r), r])).values()];
    for (const item of await batchGetAll(this.db, this.table, unique.map(key), 'resolutions')) {
      const rec = withoutKeys<ResolutionRecord>(item);
      out.set(versionKey(rec), rec);
    }
    return out;
  }
}

/**
 * Appends an audit entry that must exist before the act it records (a
 * resolution, an approval, an export): if it cannot be written the act is
 * refused with 503 AUDIT_UNAVAILABLE, as staff reads are (audit-log.ts).
 */
export async function recordAudited(audit: Pick<AuditLog, 'append'>, entry: AuditEntryInput): Promise<AuditEntry> {
  try {
    return await audit.append(entry);
  } catch {
    throw new ServiceUnavailableError('AUDIT_UNAVAILABLE', 'The audit log cannot be written right now, so nothing was done; retry shortly');
  }
}
