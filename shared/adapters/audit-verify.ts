/**
 * Verifies audit chains against the audit key and the outside anchor
 * (quality.md R7, S11): for each chain the first bad entry, or that it is
 * intact. Used by `npm run audit:verify` (every chain of the table), the
 * admin route GET /audit/verification (the municipality's chains) and the
 * participant's own access log (one chain, without the anchor).
 *
 * Per chain:
 * 1. the structural walk (audit-chain.ts): positions 1..n, links, hashes;
 * 2. the MACs of the consistent prefix: `full` verifies every one; `quick`
 *    verifies the last and, only if it fails, finds the first failing one by
 *    bisection. Quick is sound because the sealer never extends a chain whose
 *    head is not genuine (audit-sealer.ts), so a verifying MAC vouches for
 *    every entry before it; what quick does not see is a stored MAC garbled
 *    on an entry whose content is intact;
 * 3. the anchor: every anchored position must hold its anchored hash, and
 *    the chain must reach the highest anchored position.
 * The finding with the lowest position is the chain's first bad entry.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { compareWithAnchor, earliest, macMessage, walkChain, type AnchorPoint, type ChainFinding, type SealedRecord, type StoredItem } from './audit-chain.js';
import type { AnchoredState } from './audit-anchors.js';
import type { AuditEntry } from './audit-log.js';
import { CHAIN_PREFIX, INBOX_PREFIX, positionOf, SEQ_PREFIX } from './audit-log.js';
import type { AuditMac } from './audit-mac.js';
import { queryAll } from './dynamo.js';

export type VerifyMode = 'full' | 'quick';

/** One chain as stored: its sealed items in sort-key order, and how many entries wait in the inbox. */
export interface StoredChain {
  chain: string;
  items: StoredItem[];
  pending: number;
}

/** The first sealed entry whose MAC does not verify, among `entries` (a structurally consistent prefix). */
async function firstBadMac(chain: string, entries: readonly SealedRecord[], mac: AuditMac, mode: VerifyMode): Promise<ChainFinding | undefined> {
  const valid = (e: SealedRecord) => mac.verify(macMessage(chain, e.seq, e.hash), e.mac);
  const at = (i: number): ChainFinding => ({ participantId: chain, seq: entries[i]!.seq, problem: 'MAC_INVALID' });
  if (entries.length === 0) return undefined;
  if (mode === 'full') {
    for (let i = 0; i < entries.length; i += 16) {
      const verdicts = await Promise.all(entries.slice(i, i + 16).map(valid));
      const bad = verdicts.indexOf(false);
      if (bad !== -1) return at(i + bad);
    }
    return undefined;
  }
  if (await valid(entries.at(-1)!)) return undefined;
  let lo = 0;
  let hi = entries.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (await valid(entries[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return at(lo);
}

/** The first bad entry of one chain, or undefined when it is intact. */
export async function verifyStoredChain(c: StoredChain, mac: AuditMac, points: readonly AnchorPoint[], mode: VerifyMode): Promise<ChainFinding | undefined> {
  const walk = walkChain(c.chain, c.items);
  const badMac = await firstBadMac(c.chain, walk.prefix, mac, mode);
  // On equal positions the structural or MAC finding names the problem more precisely than the anchor.
  return earliest(earliest(badMac, walk.problem), compareWithAnchor(c.chain, c.items, points));
}

/** The participant's own view: the keyed chain without the anchor (one VerifyMac when intact). */
export async function chainIntegrity(chain: string, entries: readonly AuditEntry[], mac: AuditMac | undefined): Promise<'VERIFIED' | 'BROKEN' | 'UNVERIFIED'> {
  // `state` is the view's label, not stored content.
  const items = entries
    .filter((e) => e.state === 'SEALED')
    .map(({ state: _state, ...stored }): StoredItem => ({ position: stored.seq ?? 0, attrs: stored as unknown as Record<string, unknown> }));
  if (items.length === 0) return 'VERIFIED';
  if (mac === undefined) return 'UNVERIFIED';
  try {
    return (await verifyStoredChain({ chain, items, pending: 0 }, mac, [], 'quick')) === undefined ? 'VERIFIED' : 'BROKEN';
  } catch {
    // The key service did not answer: no verdict either way.
    return 'UNVERIFIED';
  }
}

export interface AnchorSummary {
  checkpointAt: string | null;
  sealAnchorsRead: number;
  lastSealAnchorAt: string | null;
  /** Chains checked that the anchor knows, and anchored positions compared. */
  chainsAnchored: number;
  pointsCompared: number;
  /** Sealed entries after the last anchored position of their chain (sealed moments ago, or their anchor write failed). */
  entriesNotYetAnchored: number;
}

export interface VerificationReport {
  status: 'INTACT' | 'BROKEN';
  checkedAt: string;
  mode: VerifyMode;
  chains: number;
  entries: number;
  pending: number;
  /** The first bad entry of the first broken chain (chains in id order), or null. */
  firstBad: ChainFinding | null;
  /** The first bad entry of every broken chain, in chain order. */
  problems: ChainFinding[];
  anchor: AnchorSummary;
  /**
   * CHECKPOINT_MISSING, CHECKPOINT_STALE: the scheduled checkpoint is not running;
   * ANCHOR_OVERWRITTEN, CHECKPOINT_INCONSISTENT: the anchor store holds writes its writers never make.
   */
  warnings: string[];
}

/** A checkpoint is written daily; one older than this means the scheduled function is not running. */
export const CHECKPOINT_STALE_HOURS = 26;

export async function verifyChains(
  chains: readonly StoredChain[],
  opts: { mac: AuditMac; anchored: AnchoredState; mode: VerifyMode; now: Date; includeAnchoredOnly: boolean },
): Promise<VerificationReport> {
  const byChain = new Map(chains.map((c) => [c.chain, c]));
  // A chain the anchor knows but the table has lost entirely is a chain truncated to nothing.
  if (opts.includeAnchoredOnly) for (const chain of opts.anchored.points.keys()) if (!byChain.has(chain)) byChain.set(chain, { chain, items: [], pending: 0 });
  const all = [...byChain.values()].sort((a, b) => (a.chain < b.chain ? -1 : 1));
  const problems: ChainFinding[] = [];
  let entries = 0;
  let pending = 0;
  let chainsAnchored = 0;
  let pointsCompared = 0;
  let notAnchored = 0;
  for (let i = 0; i < all.length; i += 8) {
    const slice = all.slice(i, i + 8);
    const found = await Promise.all(slice.map((c) => verifyStoredChain(c, opts.mac, opts.anchored.points.get(c.chain) ?? [], opts.mode)));
    slice.forEach((c, j) => {
      const points = opts.anchored.points.get(c.chain) ?? [];
      entries += c.items.length;
      pending += c.pending;
      if (points.length > 0) chainsAnchored++;
      pointsCompared += points.length;
      const top = points.reduce((m, [s]) => Math.max(m, s), 0);
      notAnchored += c.items.filter((it) => it.position > top).length;
      if (found[j] !== undefined) problems.push(found[j]);
    });
  }
  const warnings: string[] = [...opts.anchored.warnings];
  const checkpointAt = opts.anchored.checkpointAt;
  if (checkpointAt === null) {
    if (entries > 0) warnings.push('CHECKPOINT_MISSING');
  } else if (opts.now.getTime() - new Date(checkpointAt).getTime() > CHECKPOINT_STALE_HOURS * 3600_000) warnings.push('CHECKPOINT_STALE');
  return {
    status: problems.length === 0 ? 'INTACT' : 'BROKEN',
    checkedAt: opts.now.toISOString(),
    mode: opts.mode,
    chains: all.length,
    entries,
    pending,
    firstBad: problems[0] ?? null,
    problems,
    anchor: {
      checkpointAt,
      sealAnchorsRead: opts.anchored.sealAnchorsRead,
      lastSealAnchorAt: opts.anchored.lastSealAnchorAt,
      chainsAnchored,
      pointsCompared,
      entriesNotYetAnchored: notAnchored,
    },
    warnings,
  };
}

// ---------------------------------------------------------------------------
// Reading chains from the table

/** Every chain of the table (one consistent Scan): sealed items by position, pending counts. */
export async function scanChains(db: DynamoDBDocumentClient, table: string): Promise<StoredChain[]> {
  const chains = new Map<string, StoredChain>();
  const of = (chain: string) => {
    let c = chains.get(chain);
    if (c === undefined) chains.set(chain, (c = { chain, items: [], pending: 0 }));
    return c;
  };
  let start: Record<string, unknown> | undefined;
  do {
    const r = await db.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }));
    for (const item of r.Items ?? []) {
      const pk = String(item.pk);
      if (pk.startsWith(INBOX_PREFIX)) of(pk.slice(INBOX_PREFIX.length)).pending++;
      else if (pk.startsWith(CHAIN_PREFIX)) {
        const position = positionOf(item.sk);
        if (position !== undefined) of(pk.slice(CHAIN_PREFIX.length)).items.push({ position, attrs: item });
      }
    }
    start = r.LastEvaluatedKey;
  } while (start !== undefined);
  for (const c of chains.values()) c.items.sort((a, b) => a.position - b.position);
  return [...chains.values()];
}

async function countInbox(db: DynamoDBDocumentClient, table: string, chain: string): Promise<number> {
  let n = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const r = await db.send(
      new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `${INBOX_PREFIX}${chain}` }, ConsistentRead: true, Select: 'COUNT', ExclusiveStartKey: start }),
    );
    n += r.Count ?? 0;
    start = r.LastEvaluatedKey;
  } while (start !== undefined);
  return n;
}

/** The named chains (consistent queries). */
export async function readChains(db: DynamoDBDocumentClient, table: string, chainIds: readonly string[]): Promise<StoredChain[]> {
  const out: StoredChain[] = [];
  for (let i = 0; i < chainIds.length; i += 16) {
    out.push(
      ...(await Promise.all(
        chainIds.slice(i, i + 16).map(async (chain): Promise<StoredChain> => {
          const [sealed, pending] = await Promise.all([
            queryAll(db, {
              TableName: table,
              KeyConditionExpression: 'pk = :pk AND begins_with(sk, :seq)',
              ExpressionAttributeValues: { ':pk': `${CHAIN_PREFIX}${chain}`, ':seq': SEQ_PREFIX },
              ConsistentRead: true,
            }),
            countInbox(db, table, chain),
          ]);
          return { chain, items: sealed.map((attrs) => ({ position: positionOf(attrs.sk)!, attrs })), pending };
        }),
      )),
    );
  }
  return out;
}
