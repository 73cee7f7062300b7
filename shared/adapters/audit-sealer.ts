/**
 * The sealer (quality.md S11): the one writer of sealed audit entries and the
 * one holder of the audit key's GenerateMac. It takes appended entries in the
 * order the table's stream delivered them, links each to its chain, MACs it
 * and removes it from the inbox.
 *
 * Conditions and what they guarantee:
 * - the sealed entry is put with `attribute_not_exists` on its position, so a
 *   position is written once: two sealers (a retried batch, the sweep) never
 *   fork a chain; the loser re-reads the head and chains onto it;
 * - in the same transaction a marker `ID#<entryId>` is put create-only, so an
 *   entry delivered twice (stream retries, a restart) is sealed once; a marker
 *   that does not point at a sealed entry with that id (someone wrote it into
 *   the table) is ignored and replaced;
 * - the head an entry is chained onto must hash to its stored hash and carry
 *   the audit key's MAC; a chain whose head does not is not extended (its
 *   entries stay PENDING and an error is logged), so a MAC that verifies
 *   always vouches for every entry before it.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeleteCommand, GetCommand, QueryCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { asSealed, hashSealed, macMessage, nextEntry, SEALED_FIELDS, type AnchorPoint, type AuditContent, type ChainFinding, type SealedRecord } from './audit-chain.js';
import { CHAIN_PREFIX, entryIdOfInboxKey, INBOX_PREFIX, markerKey, positionOf, sealedKey, SEQ_PREFIX } from './audit-log.js';
import { sameMac, type AuditMac } from './audit-mac.js';
import type { Clock } from './clock.js';
import { cancellationCodes } from './dynamo.js';

/** An appended entry, as taken from the stream image or the inbox. */
export interface InboxRecord {
  chain: string;
  entryId: string;
  /** Its inbox sort key (append order), to remove it once sealed. */
  sk: string;
  content: AuditContent;
}

export interface ChainSeal {
  chain: string;
  /** Position and hash of every entry of this call now sealed (including ones sealed before: replays). */
  points: AnchorPoint[];
  sealed: number;
  replayed: number;
  /** Set when the chain's head is not genuine: nothing was sealed onto it. */
  tampered?: ChainFinding;
}

const CHAIN_ID = /^[\x21-\x7e]{1,200}$/;
const ENTRY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const REQUIRED = ['at', 'actorRef', 'actorRole', 'action', 'purpose', 'route'] as const;

function jsonish(v: unknown, depth = 0): boolean {
  if (depth > 8) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => jsonish(x, depth + 1));
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.values(v as object).every((x) => jsonish(x, depth + 1));
  // Sets, binary and class instances have no canonical JSON form.
  return false;
}

/**
 * An inbox item as an entry to seal, or undefined when it is not one: keys
 * that do not match its content, a required field missing, a field only the
 * sealer may set, or a value without a JSON form.
 */
export function inboxRecord(item: Readonly<Record<string, unknown>>): InboxRecord | undefined {
  const { pk, sk, entryId, ...content } = item;
  const chain = content.participantId;
  if (typeof chain !== 'string' || !CHAIN_ID.test(chain) || typeof entryId !== 'string' || !ENTRY_ID.test(entryId)) return undefined;
  if (pk !== `${INBOX_PREFIX}${chain}` || entryIdOfInboxKey(sk) !== entryId) return undefined;
  if (REQUIRED.some((f) => typeof content[f] !== 'string' || (content[f] as string).length === 0)) return undefined;
  if (SEALED_FIELDS.some((f) => f in content)) return undefined;
  if (!jsonish(content)) return undefined;
  return { chain, entryId, sk: sk as string, content: content as AuditContent };
}

const MAX_ATTEMPTS = 8;
const CHAINS_IN_PARALLEL = 8;

export class AuditSealer {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly mac: AuditMac,
    private readonly clock: Clock,
  ) {}

  /** The last sealed entry of a chain, and whether it is genuine (hashes to itself, carries the audit key's MAC). */
  private async head(chain: string): Promise<{ entry: SealedRecord | undefined; tampered?: ChainFinding }> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :seq)',
        ExpressionAttributeValues: { ':pk': `${CHAIN_PREFIX}${chain}`, ':seq': SEQ_PREFIX },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const item = r.Items?.[0];
    if (item === undefined) return { entry: undefined };
    const position = positionOf(item.sk) ?? 0;
    const e = asSealed(chain, item);
    if (e === undefined || e.seq !== position) return { entry: undefined, tampered: { participantId: chain, seq: position, problem: 'MALFORMED' } };
    if (hashSealed(e) !== e.hash) return { entry: undefined, tampered: { participantId: chain, seq: e.seq, problem: 'HASH_MISMATCH' } };
    // HMAC is deterministic: making the MAC again checks the stored one without VerifyMac.
    if (!sameMac(await this.mac.generate(macMessage(chain, e.seq, e.hash)), e.mac)) return { entry: undefined, tampered: { participantId: chain, seq: e.seq, problem: 'MAC_INVALID' } };
    return { entry: e };
  }

  /** The sealed entry the marker of `entryId` points at, when the marker is genuine: that entry carries this id. */
  private async sealedBefore(chain: string, entryId: string): Promise<SealedRecord | undefined> {
    const m = await this.db.send(new GetCommand({ TableName: this.table, Key: markerKey(chain, entryId), ConsistentRead: true }));
    const seq = m.Item?.seq;
    if (typeof seq !== 'number') return undefined;
    const s = await this.db.send(new GetCommand({ TableName: this.table, Key: sealedKey(chain, seq), ConsistentRead: true }));
    const e = s.Item === undefined ? undefined : asSealed(chain, s.Item);
    return e !== undefined && e.entryId === entryId && e.seq === seq && hashSealed(e) === e.hash ? e : undefined;
  }

  /** Seals one chain's records, in the order given. */
  async sealChain(chain: string, records: readonly InboxRecord[]): Promise<ChainSeal> {
    const out: ChainSeal = { chain, points: [], sealed: 0, replayed: 0 };
    let head = await this.head(chain);
    if (head.tampered) return { ...out, tampered: head.tampered };
    for (const record of records) {
      let replaceMarker = false;
      let done = false;
      for (let attempt = 0; attempt < MAX_ATTEMPTS && !done; attempt++) {
        const unsigned = nextEntry(record.content, record.entryId, head.entry, this.clock.now().toISOString());
        const entry: SealedRecord = { ...unsigned, mac: await this.mac.generate(macMessage(chain, unsigned.seq, unsigned.hash)) };
        try {
          await this.db.send(
            new TransactWriteCommand({
              TransactItems: [
                { Put: { TableName: this.table, Item: { ...sealedKey(chain, entry.seq), ...entry }, ConditionExpression: 'attribute_not_exists(pk)' } },
                {
                  Put: {
                    TableName: this.table,
                    Item: { ...markerKey(chain, record.entryId), participantId: chain, entryId: record.entryId, seq: entry.seq },
                    ...(replaceMarker ? {} : { ConditionExpression: 'attribute_not_exists(pk)' }),
                  },
                },
              ],
            }),
          );
          out.points.push([entry.seq, entry.hash]);
          out.sealed++;
          head = { entry };
          done = true;
        } catch (err) {
          const codes = cancellationCodes(err);
          if (codes === undefined) throw err;
          if (codes[1] === 'ConditionalCheckFailed') {
            const before = await this.sealedBefore(chain, record.entryId);
            if (before !== undefined) {
              // Delivered again: already sealed at `before.seq`.
              out.points.push([before.seq, before.hash]);
              out.replayed++;
              done = true;
              break;
            }
            replaceMarker = true;
          }
          if (codes[0] === 'ConditionalCheckFailed') {
            // Someone else took the position: chain onto what is there now, if it is genuine.
            head = await this.head(chain);
            if (head.tampered) return { ...out, tampered: head.tampered };
          }
        }
      }
      if (!done) throw new Error(`AUDIT_SEAL_CONTENTION: chain position did not settle after ${MAX_ATTEMPTS} attempts`);
      await this.db.send(new DeleteCommand({ TableName: this.table, Key: { pk: `${INBOX_PREFIX}${chain}`, sk: record.sk } }));
    }
    return out;
  }

  /** Seals records of many chains: each chain in the order given, chains side by side. */
  async sealAll(records: readonly InboxRecord[]): Promise<ChainSeal[]> {
    const byChain = new Map<string, InboxRecord[]>();
    const seen = new Set<string>();
    for (const r of records) {
      if (seen.has(r.entryId)) continue;
      seen.add(r.entryId);
      const list = byChain.get(r.chain) ?? [];
      list.push(r);
      byChain.set(r.chain, list);
    }
    const chains = [...byChain.entries()];
    const results: ChainSeal[] = [];
    for (let i = 0; i < chains.length; i += CHAINS_IN_PARALLEL) {
      results.push(...(await Promise.all(chains.slice(i, i + CHAINS_IN_PARALLEL).map(([chain, list]) => this.sealChain(chain, list)))));
    }
    return results;
  }

  /**
   * Entries still in the inbox that were appended before `before`: the
   * stream keeps records 24 hours, so a sealer that was down longer finds
   * the rest here. Oldest first per chain. Unlike a stream image, these are
   * read from the table, where a writer could have changed them meanwhile.
   */
  async pendingBefore(before: Date): Promise<InboxRecord[]> {
    const out: InboxRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const r = await this.db.send(
        new ScanCommand({
          TableName: this.table,
          FilterExpression: 'begins_with(pk, :in) AND #at < :before',
          ExpressionAttributeNames: { '#at': 'at' },
          ExpressionAttributeValues: { ':in': INBOX_PREFIX, ':before': before.toISOString() },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of r.Items ?? []) {
        const rec = inboxRecord(item);
        if (rec !== undefined) out.push(rec);
      }
      start = r.LastEvaluatedKey;
    } while (start !== undefined);
    // Inbox sort keys begin with the append time: sorting by them is append order.
    return out.sort((a, b) => (a.sk < b.sk ? -1 : 1));
  }
}
