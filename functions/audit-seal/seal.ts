/**
 * What the sealing function does with one invocation (quality.md S11):
 * - a batch of the AuditLog table's stream: the inbox INSERTs are sealed in
 *   stream order, then the batch's seals are anchored outside the table
 *   (one seal anchor per batch, so anything sealed is anchored within the
 *   same invocation);
 * - the scheduled sweep: entries still in the inbox after an hour (the
 *   sealer was down longer than the stream keeps records) are sealed the
 *   same way.
 * Any failure throws: the stream retries the batch, and sealing is
 * idempotent (audit-sealer.ts), so a retry seals nothing twice and anchors
 * what was sealed.
 */
import type { DynamoDBRecord } from 'aws-lambda';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AnchorPoint } from '../../shared/adapters/audit-chain.js';
import type { AnchorStore } from '../../shared/adapters/audit-anchors.js';
import type { AuditMac } from '../../shared/adapters/audit-mac.js';
import { AuditSealer, type ChainSeal, type InboxRecord } from '../../shared/adapters/audit-sealer.js';
import { inboxInserts } from '../../shared/adapters/audit-stream.js';
import type { Clock } from '../../shared/adapters/clock.js';
import type { RequestLog } from '../../shared/http/logger.js';

export interface SealServices {
  db: DynamoDBDocumentClient;
  table: string;
  mac: AuditMac;
  anchors: AnchorStore;
  clock: Clock;
}

export interface SealSummary {
  records: number;
  rejected: number;
  chains: number;
  sealed: number;
  replayed: number;
  tampered: number;
  anchorKey: string | null;
}

/** Entries left in the inbox this long are the sweep's; younger ones are still on their way through the stream. */
export const SWEEP_AFTER_MS = 60 * 60_000;

async function sealAndAnchor(s: SealServices, records: readonly InboxRecord[], rejected: number, log: RequestLog): Promise<SealSummary> {
  const seals: ChainSeal[] = await new AuditSealer(s.db, s.table, s.mac, s.clock).sealAll(records);
  const points: Record<string, AnchorPoint[]> = {};
  for (const c of seals) {
    if (c.points.length > 0) points[c.chain] = c.points;
    // Ids only: the chain and the position where it stopped being genuine.
    if (c.tampered) log.error('audit chain not extended: its head is not genuine', { code: 'AUDIT_CHAIN_TAMPERED', chain: c.chain, seq: c.tampered.seq, problem: c.tampered.problem });
  }
  const anchor = Object.keys(points).length > 0 ? await s.anchors.putSealAnchor(s.clock.now(), points) : undefined;
  if (rejected > 0) log.warn('inbox items that are not audit entries were left unsealed', { code: 'AUDIT_INBOX_ITEM_REJECTED', count: rejected });
  return {
    records: records.length,
    rejected,
    chains: seals.length,
    sealed: seals.reduce((n, c) => n + c.sealed, 0),
    replayed: seals.reduce((n, c) => n + c.replayed, 0),
    tampered: seals.filter((c) => c.tampered !== undefined).length,
    anchorKey: anchor?.key ?? null,
  };
}

export function sealStreamRecords(s: SealServices, records: readonly DynamoDBRecord[], log: RequestLog): Promise<SealSummary> {
  const inserts = inboxInserts(records);
  return sealAndAnchor(s, inserts.records, inserts.rejected, log);
}

export async function sweepInbox(s: SealServices, log: RequestLog): Promise<SealSummary> {
  const sealer = new AuditSealer(s.db, s.table, s.mac, s.clock);
  const waiting = await sealer.pendingBefore(new Date(s.clock.now().getTime() - SWEEP_AFTER_MS));
  return sealAndAnchor(s, waiting, 0, log);
}
