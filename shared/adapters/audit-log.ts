/**
 * The audit log (architecture.md "Data"; quality.md R7, S6): append-only and
 * hash-chained per participant. Entry n stores `prevHash` (entry n−1's hash,
 * or 64 zeros for the first) and `hash = sha256(canonical(entry without
 * hash) + prevHash)`, so editing or removing any entry breaks the chain from
 * there on (`verifyChain`). This module has no update or delete: the
 * application cannot change an entry once written.
 *
 * Key layout (pk / sk): P#<pid> / SEQ#<seq, 10 digits>. A new entry takes the
 * next sequence number with `attribute_not_exists`, so two writers can never
 * both write entry n (the chain cannot fork); the loser re-reads the head and
 * retries.
 *
 * Every staff read of a participant's personal data calls `recordStaffRead`
 * BEFORE reading; if it cannot be written the read is refused with 503
 * AUDIT_UNAVAILABLE (never a read without its log entry).
 */
import { createHash } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '../../infra/routes.js';
import { canonicalJson } from '../domain/canonical-json.js';
import { ServiceUnavailableError } from '../http/errors.js';
import { isConditionFailed, queryAll } from './dynamo.js';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditAction = 'READ' | 'WRITE';

export interface AuditEntryInput {
  participantId: string;
  at: string;
  /** Pseudonymous actor: staff ref, device or participant id (never a name). */
  actorRef: string;
  actorRole: Role | 'system';
  action: AuditAction;
  /** Why the data was read or written, e.g. `absence-review`. */
  purpose: string;
  /** `METHOD /path` of the route, or the workflow step. */
  route: string;
}

export interface AuditEntry extends AuditEntryInput {
  seq: number;
  prevHash: string;
  hash: string;
}

export interface StaffRead {
  actor: string;
  role: Role;
  participantId: string;
  purpose: string;
  route: string;
  at: string;
}

export interface AuditLog {
  append(input: AuditEntryInput): Promise<AuditEntry>;
  /** The participant's chain, oldest first. */
  list(participantId: string): Promise<AuditEntry[]>;
  /** Writes the access-log entry for a staff read; throws 503 AUDIT_UNAVAILABLE if it cannot. */
  recordStaffRead(read: StaffRead): Promise<AuditEntry>;
}

/** sha256(canonical(entry without hash) + prevHash), hex. */
export function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(entry) + entry.prevHash).digest('hex');
}

export function chainEntry(input: AuditEntryInput, previous: AuditEntry | undefined): AuditEntry {
  const unsigned = { ...input, seq: (previous?.seq ?? 0) + 1, prevHash: previous?.hash ?? GENESIS_HASH };
  return { ...unsigned, hash: hashEntry(unsigned) };
}

export type ChainVerdict =
  | { ok: true; length: number }
  | { ok: false; seq: number; problem: 'SEQUENCE_GAP' | 'BROKEN_LINK' | 'HASH_MISMATCH' };

/**
 * Checks a whole chain, oldest first: sequence numbers 1..n without gaps, each
 * `prevHash` equal to the previous entry's hash, each hash recomputed from its
 * content. Reports the first entry that fails. (A removed last entry leaves a
 * valid shorter chain; comparing `length` with an earlier reading detects it.)
 */
export function verifyChain(entries: readonly AuditEntry[]): ChainVerdict {
  let prevHash = GENESIS_HASH;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.seq !== i + 1) return { ok: false, seq: e.seq, problem: 'SEQUENCE_GAP' };
    if (e.prevHash !== prevHash) return { ok: false, seq: e.seq, problem: 'BROKEN_LINK' };
    const { hash, ...unsigned } = e;
    if (hashEntry(unsigned) !== hash) return { ok: false, seq: e.seq, problem: 'HASH_MISMATCH' };
    prevHash = hash;
  }
  return { ok: true, length: entries.length };
}

const seqKey = (seq: number) => `SEQ#${String(seq).padStart(10, '0')}`;
const MAX_ATTEMPTS = 8;

function fromItem(item: Record<string, unknown>): AuditEntry {
  const { pk: _pk, sk: _sk, ...entry } = item;
  return entry as unknown as AuditEntry;
}

export class DynamoAuditLog implements AuditLog {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private async head(participantId: string): Promise<AuditEntry | undefined> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :seq)',
        ExpressionAttributeValues: { ':pk': `P#${participantId}`, ':seq': 'SEQ#' },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const item = r.Items?.[0];
    return item === undefined ? undefined : fromItem(item);
  }

  async append(input: AuditEntryInput): Promise<AuditEntry> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const entry = chainEntry(input, await this.head(input.participantId));
      try {
        await this.db.send(
          new PutCommand({
            TableName: this.table,
            Item: { pk: `P#${input.participantId}`, sk: seqKey(entry.seq), ...entry },
            // Sequence n is written once: a concurrent writer that took n makes us re-read the head, so the chain never forks.
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return entry;
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
        // Lost the race for this sequence number: back off a little (jittered) and chain onto the winner.
        await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 10 * (attempt + 1))));
      }
    }
    throw new Error('audit append: contention did not settle');
  }

  async list(participantId: string): Promise<AuditEntry[]> {
    const items = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :seq)',
      ExpressionAttributeValues: { ':pk': `P#${participantId}`, ':seq': 'SEQ#' },
      ConsistentRead: true,
    });
    return items.map((item) => fromItem(item));
  }

  async recordStaffRead(read: StaffRead): Promise<AuditEntry> {
    return recordStaffReadWith(this, read);
  }
}

/** recordStaffRead over any AuditLog's `append`: failures become 503 AUDIT_UNAVAILABLE. */
export async function recordStaffReadWith(log: Pick<AuditLog, 'append'>, read: StaffRead): Promise<AuditEntry> {
  try {
    return await log.append({
      participantId: read.participantId,
      at: read.at,
      actorRef: read.actor,
      actorRole: read.role,
      action: 'READ',
      purpose: read.purpose,
      route: read.route,
    });
  } catch {
    throw new ServiceUnavailableError('AUDIT_UNAVAILABLE', 'The access log cannot be written right now, so the data is not shown; retry shortly');
  }
}
