/**
 * The audit log (architecture.md "Data"; quality.md R7, S6, S11): an
 * append-only inbox that application functions write, and per-chain keyed
 * hash chains that only the sealing function writes.
 *
 * Key layout (pk / sk) of the AuditLog table:
 *   IN#<chain> / E#<order>#<entryId>  an appended entry, waiting to be sealed (order: the
 *                                   append's server time in ms and a per-process counter,
 *                                   so waiting entries list in append order); the only
 *                                   items an application role may put (IAM
 *                                   dynamodb:LeadingKeys "IN#*"), never update or delete
 *   P#<chain>  / SEQ#<10 digits>    sealed entry n of the chain (sealer only)
 *   P#<chain>  / ID#<entryId>       the position an entry was sealed at (the sealer's
 *                                   idempotency marker; sealer only)
 *
 * A chain is a participant id, or `RUN#<runId>` for a payroll run's own acts.
 *
 * `append` writes one inbox item, create-only. The table's stream carries it
 * to the sealing function (functions/audit-seal), which links it to its
 * chain in arrival order, MACs it with the audit key (audit-chain.ts) and
 * removes the inbox item; the seal is anchored outside the table
 * (audit-anchors.ts). `list` shows sealed entries in chain order and, after
 * them, entries not sealed yet as PENDING.
 *
 * Every staff read of a participant's personal data calls `recordStaffRead`
 * BEFORE reading; if the entry cannot be written the read is refused with
 * 503 AUDIT_UNAVAILABLE (never a read without its log entry).
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '../contract/roles.js';
import { ServiceUnavailableError } from '../http/errors.js';
import { SEALED_FIELDS } from './audit-chain.js';
import { queryAll } from './dynamo.js';

export { GENESIS_HASH } from './audit-chain.js';

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

/** SEALED: linked into its chain and MACed with the audit key. PENDING: appended, not sealed yet (seconds, normally). */
export type AuditEntryState = 'SEALED' | 'PENDING';

export interface AuditEntry extends AuditEntryInput {
  entryId: string;
  state: AuditEntryState;
  /** Sealed entries only: position in the chain, from 1. */
  seq?: number;
  prevHash?: string;
  hash?: string;
  /** The audit key's MAC of the entry (base64); see audit-chain.ts. */
  mac?: string;
  sealedAt?: string;
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
  /** Appends an entry to the inbox (create-only); the sealer links and MACs it moments later. */
  append(input: AuditEntryInput): Promise<AuditEntry>;
  /** The chain: sealed entries in order, then entries still PENDING (oldest first). */
  list(participantId: string): Promise<AuditEntry[]>;
  /** Writes the access-log entry for a staff read; throws 503 AUDIT_UNAVAILABLE if it cannot. */
  recordStaffRead(read: StaffRead): Promise<AuditEntry>;
}

let appendCounter = 0;
/** `E#<13-digit ms>#<6-digit counter>#<entryId>`: sorts in append order (by the server's real time, not the injected clock). */
export function inboxSortKey(entryId: string, nowMs: number = Date.now()): string {
  appendCounter = (appendCounter + 1) % 1_000_000;
  return `E#${String(nowMs).padStart(13, '0')}#${String(appendCounter).padStart(6, '0')}#${entryId}`;
}
/** The entry id at the end of an inbox sort key, or undefined when the key is not one. */
export function entryIdOfInboxKey(sk: unknown): string | undefined {
  const m = typeof sk === 'string' ? /^E#\d{13}#\d{6}#([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(sk) : null;
  return m?.[1];
}
export const sealedKey = (chain: string, seq: number) => ({ pk: `P#${chain}`, sk: `SEQ#${String(seq).padStart(10, '0')}` });
export const markerKey = (chain: string, entryId: string) => ({ pk: `P#${chain}`, sk: `ID#${entryId}` });
export const INBOX_PREFIX = 'IN#';
export const CHAIN_PREFIX = 'P#';
export const SEQ_PREFIX = 'SEQ#';

/** The position of a `SEQ#…` sort key, or undefined for any other key. */
export function positionOf(sk: unknown): number | undefined {
  if (typeof sk !== 'string' || !/^SEQ#\d{10}$/.test(sk)) return undefined;
  return Number(sk.slice(4));
}

function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest;
}

function sealedEntry(item: Record<string, unknown>): AuditEntry {
  return { ...(withoutKeys(item) as unknown as AuditEntry), state: 'SEALED' };
}

function pendingEntry(item: Record<string, unknown>): AuditEntry | undefined {
  const e = withoutKeys(item);
  if (typeof e.entryId !== 'string' || typeof e.at !== 'string') return undefined;
  return { ...(e as unknown as AuditEntry), state: 'PENDING' };
}

export class DynamoAuditLog implements AuditLog {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async append(input: AuditEntryInput): Promise<AuditEntry> {
    const reserved = SEALED_FIELDS.filter((f) => f in input);
    if (reserved.length > 0) throw new Error(`AUDIT_RESERVED_FIELD: ${reserved.join(', ')} are set by the sealer`);
    const entryId = randomUUID();
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { pk: `${INBOX_PREFIX}${input.participantId}`, sk: inboxSortKey(entryId), ...input, entryId },
        // Create-only: an appended entry is never replaced (the id is random, so this only ever refuses a replay of the same put).
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { ...input, entryId, state: 'PENDING' };
  }

  async list(participantId: string): Promise<AuditEntry[]> {
    // Pending first, sealed second: an entry sealed between the two reads shows in both
    // (kept once, as sealed) rather than in neither.
    const pending = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `${INBOX_PREFIX}${participantId}` },
      ConsistentRead: true,
    });
    const sealed = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :seq)',
      ExpressionAttributeValues: { ':pk': `${CHAIN_PREFIX}${participantId}`, ':seq': SEQ_PREFIX },
      ConsistentRead: true,
    });
    const out = sealed.map(sealedEntry);
    const seen = new Set(out.map((e) => e.entryId));
    // The query returns the inbox in sort-key order: append order.
    const waiting = pending.map(pendingEntry).filter((e): e is AuditEntry => e !== undefined && !seen.has(e.entryId));
    return [...out, ...waiting];
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
