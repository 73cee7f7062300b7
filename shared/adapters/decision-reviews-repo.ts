/**
 * Resolutions of VEDTAK_REQUIRED decisions (shared/domain/payroll/resolution.ts),
 * in the Decisions table beside the decision they resolve: one create-only
 * item per decision version, never an edit of the decision (R5).
 *
 * Key layout (pk / sk): P#<pid> / RES#<period>#v<version, 4 digits>
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
 *
 * Also `decisionDeps()`: this repository and the payroll-runs repository (the
 * process's one, `getPayrollRunsRepo`) for the decision, review and release
 * functions, built lazily from the environment like shared/adapters/deps.ts;
 * tests replace them with `setDecisionDeps`.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry, AuditEntryInput, AuditLog } from './audit-log.js';
import { BatchGetCommand, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { getConfig, tableNameOf } from '../config.js';
import { ConflictError, ServiceUnavailableError } from '../http/errors.js';
import type { VersionRef } from '../domain/payroll/decision-versions.js';
import { versionKey } from '../domain/payroll/decision-versions.js';
import type { Resolution } from '../domain/payroll/resolution.js';
import type { StoredDecision } from './decisions-repo.js';
import { countsKey, decisionKey, pad4, payPeriodOf, storedReview } from './decisions-repo.js';
import { backoff, createDocumentClient, failedConditions, isConditionFailed, isRetryableTransactionError, queryAll } from './dynamo.js';
import type { PayrollRunsRepo } from './payroll-runs-repo.js';
import { getPayrollRunsRepo } from './payroll-runs-repo.js';

export interface ResolutionRecord extends VersionRef {
  decisionId: string;
  resolution: Resolution;
  /** Pseudonymous staff ref of the adviser (never a name). */
  resolvedByRef: string;
  resolvedAt: string;
}

export interface DecisionReviewsRepo {
  /** Writes the resolution unless that decision version has one; then returns the stored one (nothing written). */
  putResolutionOnce(r: ResolutionRecord): Promise<{ created: true } | { created: false; existing: ResolutionRecord }>;
  get(ref: VersionRef): Promise<ResolutionRecord | undefined>;
  /** Every resolution of a participant (all months and versions). */
  listForParticipant(participantId: string): Promise<ResolutionRecord[]>;
  /** The resolutions of these decision versions that exist, keyed by `versionKey` (strongly consistent). */
  getMany(refs: readonly VersionRef[]): Promise<Map<string, ResolutionRecord>>;
}

const key = (r: VersionRef) => ({ pk: `P#${r.participantId}`, sk: `RES#${r.period}#v${pad4(r.version)}` });

function strip(item: Record<string, unknown>): ResolutionRecord {
  const { pk: _pk, sk: _sk, ...r } = item;
  return r as unknown as ResolutionRecord;
}

/** BatchGetItem takes at most 100 keys. */
const BATCH_GET_MAX = 100;
const MAX_ROUNDS = 10;

export class DynamoDecisionReviewsRepo implements DecisionReviewsRepo {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async putResolutionOnce(r: ResolutionRecord): Promise<{ created: true } | { created: false; existing: ResolutionRecord }> {
    const put = {
      TableName: this.table,
      Item: { ...key(r), ...r },
      // One resolution per decision version, written once: two advisers resolving at once cannot both win,
      // and a recorded formal decision is never silently replaced.
      ConditionExpression: 'attribute_not_exists(pk)',
    };
    const slot = await this.counterSlot(r);
    for (let attempt = 0; ; attempt++) {
      try {
        if (slot === undefined) await this.db.send(new PutCommand(put));
        else
          await this.db.send(
            new TransactWriteCommand({
              TransactItems: [
                { Put: put },
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
        if (isConditionFailed(err) || failed.includes(0)) {
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

  async get(ref: VersionRef): Promise<ResolutionRecord | undefined> {
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: key(ref), ConsistentRead: true }));
    return r.Item === undefined ? undefined : strip(r.Item);
  }

  async listForParticipant(participantId: string): Promise<ResolutionRecord[]> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :res)',
      ExpressionAttributeValues: { ':pk': `P#${participantId}`, ':res': 'RES#' },
      ConsistentRead: true,
    });
    return items.map((item) => strip(item));
  }

  async getMany(refs: readonly VersionRef[]): Promise<Map<string, ResolutionRecord>> {
    const out = new Map<string, ResolutionRecord>();
    const unique = [...new Map(refs.map((r) => [versionKey(r), r])).values()];
    for (let i = 0; i < unique.length; i += BATCH_GET_MAX) {
      let keys: Record<string, unknown>[] = unique.slice(i, i + BATCH_GET_MAX).map(key);
      for (let round = 0; keys.length > 0; round++) {
        if (round >= MAX_ROUNDS) throw new Error('resolutions: unprocessed keys did not settle');
        const r = await this.db.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: keys, ConsistentRead: true } } }));
        for (const item of r.Responses?.[this.table] ?? []) {
          const rec = strip(item);
          out.set(versionKey(rec), rec);
        }
        keys = r.UnprocessedKeys?.[this.table]?.Keys ?? [];
        if (keys.length > 0) await new Promise((res) => setTimeout(res, 20 * 2 ** round));
      }
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

export interface DecisionDeps {
  reviews: DecisionReviewsRepo;
  payrollRuns: PayrollRunsRepo;
}

let defaults: DecisionDeps | undefined;
let overrides: Partial<DecisionDeps> | undefined;

function defaultDecisionDeps(): DecisionDeps {
  let db: DynamoDBDocumentClient | undefined;
  const client = () => (db ??= createDocumentClient(getConfig()));
  let reviews: DecisionReviewsRepo | undefined;
  // Made on first use, so a function never needs a table its route does not use.
  return {
    get reviews() {
      return (reviews ??= new DynamoDecisionReviewsRepo(client(), tableNameOf(getConfig(), 'decisions')));
    },
    get payrollRuns() {
      return getPayrollRunsRepo();
    },
  };
}

export function decisionDeps(): DecisionDeps {
  defaults ??= defaultDecisionDeps();
  const base = defaults;
  const o = overrides;
  if (o === undefined) return base;
  return {
    get reviews() {
      return o.reviews ?? base.reviews;
    },
    get payrollRuns() {
      return o.payrollRuns ?? base.payrollRuns;
    },
  };
}

/** Replaces parts (tests); `undefined` restores the defaults, built afresh from the environment. */
export function setDecisionDeps(partial: Partial<DecisionDeps> | undefined): void {
  overrides = partial;
  if (partial === undefined) defaults = undefined;
}
