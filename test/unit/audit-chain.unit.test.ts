/**
 * The audit chain's rules without a database (quality.md R7, S11): how an
 * entry is hashed and MACed, the structural walk, the MAC search (full and
 * quick), the comparison with the outside anchor, folding seal anchors into
 * a checkpoint, the local key and anchor files, and what the sealer accepts
 * from the stream. The attacks against DynamoDB Local are in
 * test/int/audit-attacks.int.test.ts.
 */
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBRecord } from 'aws-lambda';
import {
  compareWithAnchor,
  GENESIS_HASH,
  hashSealed,
  macMessage,
  nextEntry,
  walkChain,
  type AuditContent,
  type SealedRecord,
  type StoredItem,
} from '../../shared/adapters/audit-chain.js';
import { FileAnchorStore, foldAnchors, readAnchoredState, S3AnchorStore, writeCheckpoint, type SealAnchor } from '../../shared/adapters/audit-anchors.js';
import { parseAuditConfig } from '../../shared/adapters/audit-config.js';
import { DynamoAuditLog, recordStaffReadWith, type AuditEntryInput } from '../../shared/adapters/audit-log.js';
import { LocalAuditMac, loadOrCreateKeyFile, readKeyFile, sameMac } from '../../shared/adapters/audit-mac.js';
import { inboxRecord } from '../../shared/adapters/audit-sealer.js';
import { fromAttributeValue, inboxInserts } from '../../shared/adapters/audit-stream.js';
import { chainIntegrity, verifyChains, verifyStoredChain } from '../../shared/adapters/audit-verify.js';
import { canonicalJson } from '../../shared/domain/canonical-json.js';

const KEY = Buffer.alloc(32, 7);
const mac = new LocalAuditMac(KEY);
const CHAIN = 'p-1';

const content = (i: number): AuditContent => ({
  participantId: CHAIN,
  at: `2026-10-01T08:00:0${i}.000Z`,
  actorRef: `staff-00000000000${i}`,
  actorRole: 'adviser',
  action: 'READ',
  purpose: 'absence-queue',
  route: 'GET /absences',
});

async function chain(n: number, key = mac): Promise<SealedRecord[]> {
  const out: SealedRecord[] = [];
  for (let i = 1; i <= n; i++) {
    const u = nextEntry(content(i), `00000000-0000-4000-8000-00000000000${i}`, out.at(-1), `2026-10-01T08:00:1${i}.000Z`);
    out.push({ ...u, mac: await key.generate(macMessage(CHAIN, u.seq, u.hash)) });
  }
  return out;
}

const stored = (entries: readonly Record<string, unknown>[]): StoredItem[] => entries.map((e) => ({ position: e.seq as number, attrs: e }));

/** What an insider who can write the table computes: the hash again, and a MAC under a key they guessed. */
async function rehash(e: SealedRecord, guessedKey: Buffer): Promise<SealedRecord> {
  const { hash: _h, mac: _m, ...unsigned } = e;
  const hash = hashSealed(unsigned);
  return { ...e, hash, mac: createHmac('sha256', guessedKey).update(macMessage(CHAIN, e.seq, hash)).digest('base64') };
}

describe('sealed entries', () => {
  test('entry n links to n−1; the hash covers everything but hash and MAC, then prevHash; the MAC covers chain, position and hash', async () => {
    const c = await chain(3);
    expect(c.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(c[0]!.prevHash).toBe(GENESIS_HASH);
    expect(c[1]!.prevHash).toBe(c[0]!.hash);
    const { hash, mac: m, ...unsigned } = c[2]!;
    expect(hash).toBe(createHash('sha256').update(canonicalJson(unsigned) + unsigned.prevHash).digest('hex'));
    expect(m).toBe(createHmac('sha256', KEY).update(`introflyt-audit-v1\n${CHAIN}\n3\n${hash}`).digest('base64'));
    expect(await mac.verify(macMessage(CHAIN, 3, hash), m)).toBe(true);
    expect(await mac.verify(macMessage(CHAIN, 2, hash), m)).toBe(false);
    expect(await mac.verify(macMessage('p-2', 3, hash), m)).toBe(false);
  });

  test('MACs compare in constant time and never equal an empty or different-length value', () => {
    expect(sameMac('AAAA', 'AAAA')).toBe(true);
    expect(sameMac('AAAA', 'AAAB')).toBe(false);
    expect(sameMac('', '')).toBe(false);
    expect(sameMac('AAAA', 'AAAAAAAA')).toBe(false);
  });

  test('the local key must be at least 32 bytes', () => {
    expect(() => new LocalAuditMac(Buffer.alloc(16))).toThrow('AUDIT_KEY_TOO_SHORT');
  });
});

describe('verification of one chain', () => {
  test('an intact chain verifies in both modes, and so does an empty one', async () => {
    const c = stored(await chain(5));
    for (const mode of ['full', 'quick'] as const) {
      expect(await verifyStoredChain({ chain: CHAIN, items: c, pending: 0 }, mac, [], mode)).toBeUndefined();
      expect(await verifyStoredChain({ chain: CHAIN, items: [], pending: 0 }, mac, [], mode)).toBeUndefined();
    }
  });

  test('an edited field without a new hash: HASH_MISMATCH at that entry', async () => {
    const c = await chain(5);
    c[2] = { ...c[2]!, purpose: 'tampered' };
    expect(await verifyStoredChain({ chain: CHAIN, items: stored(c), pending: 0 }, mac, [], 'full')).toEqual({ participantId: CHAIN, seq: 3, problem: 'HASH_MISMATCH' });
  });

  test('an edit with every later hash recomputed, unkeyed or under a guessed key: MAC_INVALID at the edited entry, in both modes', async () => {
    for (const guess of [Buffer.alloc(0), Buffer.alloc(32), Buffer.from('introflyt-AuditLog'), Buffer.from(GENESIS_HASH)]) {
      const c = await chain(6);
      c[2] = { ...c[2]!, actorRef: 'staff-someone-else' };
      for (let i = 2; i < c.length; i++) c[i] = await rehash({ ...c[i]!, prevHash: i === 0 ? GENESIS_HASH : c[i - 1]!.hash }, guess);
      for (const mode of ['full', 'quick'] as const) {
        expect(await verifyStoredChain({ chain: CHAIN, items: stored(c), pending: 0 }, mac, [], mode)).toEqual({ participantId: CHAIN, seq: 3, problem: 'MAC_INVALID' });
      }
    }
  });

  test('a deleted entry: SEQUENCE_GAP at the missing position; deleted and renumbered with new hashes: MAC_INVALID there', async () => {
    const c = await chain(5);
    const gap = [c[0]!, c[1]!, c[3]!, c[4]!];
    expect(await verifyStoredChain({ chain: CHAIN, items: stored(gap), pending: 0 }, mac, [], 'full')).toEqual({ participantId: CHAIN, seq: 3, problem: 'SEQUENCE_GAP' });
    const renumbered = [c[0]!, c[1]!];
    for (const e of [c[3]!, c[4]!]) renumbered.push(await rehash({ ...e, seq: renumbered.length + 1, prevHash: renumbered.at(-1)!.hash }, KEY.subarray(1)));
    expect(await verifyStoredChain({ chain: CHAIN, items: stored(renumbered), pending: 0 }, mac, [], 'quick')).toEqual({ participantId: CHAIN, seq: 3, problem: 'MAC_INVALID' });
  });

  test('two entries swapped: SEQUENCE_GAP when positions move, BROKEN_LINK or MAC_INVALID when contents move', async () => {
    const c = await chain(4);
    const moved: StoredItem[] = [c[0]!, c[2]!, c[1]!, c[3]!].map((e, i) => ({ position: i + 1, attrs: e }));
    expect(await verifyStoredChain({ chain: CHAIN, items: moved, pending: 0 }, mac, [], 'full')).toEqual({ participantId: CHAIN, seq: 2, problem: 'SEQUENCE_GAP' });
    const swapped = [c[0]!, { ...c[2]!, seq: 2, prevHash: c[0]!.hash }, { ...c[1]!, seq: 3 }, c[3]!];
    expect((await verifyStoredChain({ chain: CHAIN, items: stored(swapped), pending: 0 }, mac, [], 'full'))?.seq).toBe(2);
  });

  test('a broken link alone, a malformed item, a foreign chain id', async () => {
    const c = await chain(3);
    expect(walkChain(CHAIN, stored([c[0]!, { ...c[1]!, prevHash: GENESIS_HASH }])).problem).toEqual({ participantId: CHAIN, seq: 2, problem: 'BROKEN_LINK' });
    expect(walkChain(CHAIN, [{ position: 1, attrs: { participantId: CHAIN, seq: 1 } }]).problem?.problem).toBe('MALFORMED');
    expect(walkChain('p-2', stored(c)).problem).toEqual({ participantId: 'p-2', seq: 1, problem: 'MALFORMED' });
    expect(walkChain(CHAIN, [{ position: 1, attrs: { ...c[1]! } }]).problem?.problem).toBe('SEQUENCE_GAP');
  });

  test('quick mode finds the first bad MAC by bisection; a garbled MAC on an intact inner entry is seen only in full mode', async () => {
    const c = await chain(9);
    const forged = [...c];
    for (let i = 4; i < 9; i++) forged[i] = await rehash({ ...forged[i]!, purpose: i === 4 ? 'x' : forged[i]!.purpose, prevHash: forged[i - 1]!.hash }, Buffer.alloc(32, 1));
    expect(await verifyStoredChain({ chain: CHAIN, items: stored(forged), pending: 0 }, mac, [], 'quick')).toEqual({ participantId: CHAIN, seq: 5, problem: 'MAC_INVALID' });
    const garbled = [...c];
    garbled[3] = { ...garbled[3]!, mac: Buffer.alloc(32, 9).toString('base64') };
    expect(await verifyStoredChain({ chain: CHAIN, items: stored(garbled), pending: 0 }, mac, [], 'quick')).toBeUndefined();
    expect(await verifyStoredChain({ chain: CHAIN, items: stored(garbled), pending: 0 }, mac, [], 'full')).toEqual({ participantId: CHAIN, seq: 4, problem: 'MAC_INVALID' });
  });

  test('against the anchor: the last two cut off is TRUNCATED at the first missing position; a replaced entry is ANCHOR_MISMATCH', async () => {
    const c = await chain(6);
    const points = c.map((e) => [e.seq, e.hash] as const);
    const cut = stored(c.slice(0, 4));
    expect(await verifyStoredChain({ chain: CHAIN, items: cut, pending: 0 }, mac, [], 'full')).toBeUndefined();
    expect(await verifyStoredChain({ chain: CHAIN, items: cut, pending: 0 }, mac, points, 'full')).toEqual({ participantId: CHAIN, seq: 5, problem: 'TRUNCATED' });
    // Cut, then sealed again by the real sealer (valid MACs): only the anchor tells.
    const resealed = c.slice(0, 4);
    for (let i = 5; i <= 6; i++) {
      const u = nextEntry({ ...content(i), purpose: 'other' }, `00000000-0000-4000-8000-0000000000a${i}`, resealed.at(-1), '2026-10-02T00:00:00.000Z');
      resealed.push({ ...u, mac: await mac.generate(macMessage(CHAIN, u.seq, u.hash)) });
    }
    expect(await verifyStoredChain({ chain: CHAIN, items: stored(resealed), pending: 0 }, mac, points, 'full')).toEqual({ participantId: CHAIN, seq: 5, problem: 'ANCHOR_MISMATCH' });
    expect(compareWithAnchor(CHAIN, [], [[3, 'x']])).toEqual({ participantId: CHAIN, seq: 1, problem: 'TRUNCATED' });
  });

  test("the participant's view: VERIFIED, BROKEN, or UNVERIFIED without a key or when the key service fails; pending entries do not count", async () => {
    const c = await chain(3);
    const asEntries = (list: SealedRecord[]) => list.map((e) => ({ ...(e as unknown as AuditEntryInput), entryId: e.entryId, state: 'SEALED' as const, seq: e.seq, hash: e.hash, prevHash: e.prevHash, mac: e.mac }));
    expect(await chainIntegrity(CHAIN, asEntries(c), mac)).toBe('VERIFIED');
    expect(await chainIntegrity(CHAIN, [{ ...(content(1) as unknown as AuditEntryInput), entryId: 'x', state: 'PENDING' }], undefined)).toBe('VERIFIED');
    expect(await chainIntegrity(CHAIN, asEntries(c), undefined)).toBe('UNVERIFIED');
    expect(await chainIntegrity(CHAIN, asEntries(c), { generate: () => Promise.reject(new Error('down')), verify: () => Promise.reject(new Error('down')) })).toBe('UNVERIFIED');
    const edited = [...c];
    edited[1] = await rehash({ ...edited[1]!, purpose: 'x' }, KEY.subarray(2));
    expect(await chainIntegrity(CHAIN, asEntries(edited), mac)).toBe('BROKEN');
  });
});

describe('verification report', () => {
  test('counts, the first bad entry per chain in chain order, chains the table lost entirely, freshness of the checkpoint', async () => {
    const a = await chain(3);
    const anchored = { points: new Map([[CHAIN, a.map((e) => [e.seq, e.hash] as const)], ['p-gone', [[2, 'h'] as const]]]), checkpointAt: '2026-10-01T00:00:00.000Z', sealAnchorsRead: 2, lastSealAnchorAt: '2026-10-01T09:00:00.000Z', warnings: [] as string[] };
    const r = await verifyChains([{ chain: CHAIN, items: stored(a.slice(0, 2)), pending: 1 }], { mac, anchored, mode: 'full', now: new Date('2026-10-03T00:00:00Z'), includeAnchoredOnly: true });
    expect(r).toMatchObject({
      status: 'BROKEN',
      chains: 2,
      entries: 2,
      pending: 1,
      firstBad: { participantId: CHAIN, seq: 3, problem: 'TRUNCATED' },
      problems: [
        { participantId: CHAIN, seq: 3, problem: 'TRUNCATED' },
        { participantId: 'p-gone', seq: 1, problem: 'TRUNCATED' },
      ],
      anchor: { chainsAnchored: 2, pointsCompared: 4, entriesNotYetAnchored: 0, sealAnchorsRead: 2 },
      warnings: ['CHECKPOINT_STALE'],
    });
    const ok = await verifyChains([{ chain: CHAIN, items: stored(a), pending: 0 }], {
      mac,
      anchored: { ...anchored, points: new Map(), checkpointAt: null, warnings: ['ANCHOR_OVERWRITTEN'] },
      mode: 'quick',
      now: new Date(),
      includeAnchoredOnly: false,
    });
    expect(ok).toMatchObject({ status: 'INTACT', firstBad: null, problems: [], anchor: { entriesNotYetAnchored: 3 }, warnings: ['ANCHOR_OVERWRITTEN', 'CHECKPOINT_MISSING'] });
  });
});

describe('the outside anchor', () => {
  const anchor = (key: string, points: Record<string, [number, string][]>): SealAnchor => ({ kind: 'seal', key, at: key.slice(8, 32), points });

  test('folding keeps the highest position per chain and every conflict (a position anchored with two hashes)', () => {
    const folded = foldAnchors({ heads: { a: [3, 'h3'] }, conflicts: {} }, [anchor('anchors/1', { a: [[4, 'h4'], [5, 'h5']], b: [[1, 'b1']] }), anchor('anchors/2', { a: [[4, 'x4']] })]);
    expect(folded).toEqual({ heads: { a: [5, 'h5'], b: [1, 'b1'] }, conflicts: { a: [[4, 'x4']] } });
    // A chain cut below the checkpoint's head and sealed past it again collides at the head.
    expect(foldAnchors(folded, [anchor('anchors/3', { a: [[5, 'y5'], [6, 'y6']] })]).conflicts).toEqual({ a: [[4, 'x4'], [5, 'y5']] });
  });

  test('the local file is append-only JSON lines (0600 in a 0700 folder); checkpoints fold anchors older than five minutes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'introflyt-anchor-test-'));
    try {
      const store = new FileAnchorStore(join(dir, 'audit', 'anchors.jsonl'));
      expect(await store.latestCheckpoint()).toBeUndefined();
      await store.putSealAnchor(new Date('2026-10-01T08:00:00Z'), { a: [[1, 'h1']] });
      await store.putSealAnchor(new Date('2026-10-01T09:58:00Z'), { a: [[2, 'h2']] });
      const c1 = await writeCheckpoint(store, new Date('2026-10-01T10:00:00Z'));
      expect(c1).toMatchObject({ heads: { a: [1, 'h1'] }, folded: 1 });
      const state = await readAnchoredState(store);
      expect(state.points.get('a')).toEqual([[1, 'h1'], [2, 'h2']]);
      expect(state).toMatchObject({ checkpointAt: '2026-10-01T10:00:00.000Z', sealAnchorsRead: 1, lastSealAnchorAt: '2026-10-01T09:58:00.000Z' });
      const c2 = await writeCheckpoint(store, new Date('2026-10-02T10:00:00Z'));
      expect(c2).toMatchObject({ heads: { a: [2, 'h2'] }, folded: 1 });
      expect((await store.latestCheckpoint())?.key).toBe(c2.key);
      const lines = readFileSync(store.file, 'utf8').trim().split('\n');
      expect(lines.map((l) => (JSON.parse(l) as { kind: string }).kind)).toEqual(['seal', 'seal', 'checkpoint', 'checkpoint']);
      expect(statSync(store.file).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, 'audit')).mode & 0o777).toBe(0o700);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a key written twice (only a writer gone wrong does that) is read as first written and reported; a checkpoint that does not follow from the seal anchors is reported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'introflyt-anchor-test-'));
    try {
      const store = new FileAnchorStore(join(dir, 'anchors.jsonl'));
      const a = await store.putSealAnchor(new Date('2026-10-01T08:00:00Z'), { a: [[1, 'h1'], [2, 'h2']] });
      await writeCheckpoint(store, new Date('2026-10-01T10:00:00Z'));
      expect((await readAnchoredState(store, { allSealAnchors: true })).warnings).toEqual([]);
      // A holder of a writer's role appends a second line for the same key and a checkpoint that forgets entry 2.
      writeFileSync(store.file, `${JSON.stringify({ ...a, points: { a: [[1, 'h1']] } })}\n`, { flag: 'a' });
      await store.putCheckpoint({ at: '2026-10-02T10:00:00.000Z', coveredUntil: a.key, heads: { a: [1, 'h1'] }, conflicts: {}, folded: 1 });
      const state = await readAnchoredState(store, { allSealAnchors: true });
      expect(state.points.get('a')).toEqual(expect.arrayContaining([[2, 'h2']]));
      expect(state.warnings).toEqual(['ANCHOR_OVERWRITTEN', 'CHECKPOINT_INCONSISTENT']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('S3 with Object Lock: keys sort by time, checkpoints newest first, each key read at its first version', async () => {
    type Version = { Key: string; VersionId: string; LastModified: Date; Body: string };
    const versions: Version[] = [];
    let clock = 0;
    const s3 = {
      send: (cmd: { constructor: { name: string }; input: Record<string, unknown> }) => {
        const i = cmd.input;
        switch (cmd.constructor.name) {
          case 'PutObjectCommand':
            expect(i.ChecksumAlgorithm).toBe('SHA256');
            versions.push({ Key: String(i.Key), VersionId: `v${versions.length}`, LastModified: new Date(++clock), Body: String(i.Body) });
            return Promise.resolve({});
          case 'ListObjectVersionsCommand': {
            const list = versions.filter((v) => v.Key.startsWith(String(i.Prefix)) && (i.KeyMarker === undefined || v.Key > String(i.KeyMarker))).sort((x, y) => (x.Key < y.Key ? -1 : 1));
            return Promise.resolve({ Versions: list.map(({ Key, VersionId, LastModified }) => ({ Key, VersionId, LastModified })), IsTruncated: false });
          }
          case 'GetObjectCommand': {
            const v = versions.find((x) => x.Key === i.Key && x.VersionId === i.VersionId)!;
            return Promise.resolve({ Body: { transformToString: () => Promise.resolve(v.Body) } });
          }
          default:
            throw new Error(cmd.constructor.name);
        }
      },
    };
    const store = new S3AnchorStore(s3 as never, 'anchors-bucket');
    const first = await store.putSealAnchor(new Date('2026-10-01T08:00:00Z'), { a: [[1, 'h1']] });
    await store.putSealAnchor(new Date('2026-10-01T09:00:00Z'), { a: [[2, 'h2']] });
    await writeCheckpoint(store, new Date('2026-10-01T10:00:00Z'));
    await writeCheckpoint(store, new Date('2026-10-02T10:00:00Z'));
    expect(await store.latestCheckpoint()).toMatchObject({ at: '2026-10-02T10:00:00.000Z', heads: { a: [2, 'h2'] } });
    expect((await store.sealAnchorsAfter(first.key)).map((x) => x.points)).toEqual([{ a: [[2, 'h2']] }]);
    // A second version of an existing key: the locked first one is what counts.
    versions.push({ Key: first.key, VersionId: 'forged', LastModified: new Date(++clock), Body: JSON.stringify({ ...first, points: { a: [[1, 'forged']] } }) });
    expect((await store.sealAnchorsAfter(null))[0]!.points).toEqual({ a: [[1, 'h1']] });
    expect(store.overwritten()).toEqual([first.key]);
  });

  test('the local key file: made once, 0600, never replaced; a missing one is an error for a reader', () => {
    const dir = mkdtempSync(join(tmpdir(), 'introflyt-key-test-'));
    try {
      const file = join(dir, 'k', 'audit-mac.key');
      expect(() => readKeyFile(file)).toThrow('AUDIT_KEY_MISSING');
      const k = loadOrCreateKeyFile(file);
      expect(k.length).toBe(32);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(loadOrCreateKeyFile(file).equals(k)).toBe(true);
      writeFileSync(join(dir, 'other.key'), Buffer.alloc(40, 1));
      expect(readKeyFile(join(dir, 'other.key')).length).toBe(40);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('configuration', () => {
  test('KMS key and bucket on AWS, files locally, never both, nothing when unset', () => {
    expect(parseAuditConfig({ AUDIT_MAC_KEY_ID: 'arn:aws:kms:eu-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab', AUDIT_ANCHOR_BUCKET: 'introflyt-anchors' })).toEqual({
      region: 'eu-north-1',
      mac: { kind: 'kms', keyId: 'arn:aws:kms:eu-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
      anchors: { kind: 's3', bucket: 'introflyt-anchors' },
    });
    expect(parseAuditConfig({ AUDIT_MAC_KEY_FILE: '/d/k', AUDIT_ANCHOR_FILE: '/d/a' })).toMatchObject({ mac: { kind: 'file', file: '/d/k' }, anchors: { kind: 'file', file: '/d/a' } });
    expect(parseAuditConfig({})).toMatchObject({ mac: undefined, anchors: undefined });
    expect(() => parseAuditConfig({ AUDIT_MAC_KEY_ID: 'alias/x' })).toThrow('AUDIT_MAC_KEY_ID: must be a KMS key ARN');
    expect(() => parseAuditConfig({ AUDIT_MAC_KEY_FILE: '/k', AUDIT_MAC_KEY_ID: 'arn:aws:kms:eu-north-1:123456789012:key/a' })).toThrow('exclude each other');
    expect(() => parseAuditConfig({ AUDIT_ANCHOR_FILE: '/a', AUDIT_ANCHOR_BUCKET: 'bucket-name' })).toThrow('exclude each other');
  });
});

describe('what the sealer takes from the stream', () => {
  const id = '0b7c6a52-4a0e-4c4a-9a55-2f8f3f2b6a11';
  const sk = `E#1791234567890#000001#${id}`;
  const item = (extra: Record<string, unknown> = {}) => ({ pk: `IN#${CHAIN}`, sk, entryId: id, ...content(1), ...extra });

  test('an inbox item whose keys match its content is an entry; extra scalar fields travel with it', () => {
    expect(inboxRecord(item({ reason: 'LOCKOUT', attempts: 5, nested: { a: [1, null, true] } }))).toEqual({
      chain: CHAIN,
      entryId: id,
      sk,
      content: { ...content(1), reason: 'LOCKOUT', attempts: 5, nested: { a: [1, null, true] } },
    });
  });

  test('refused: keys that do not match, a required field missing, a field only the sealer sets, a value without JSON form, a control character in the chain id', () => {
    expect(inboxRecord(item({ pk: 'IN#p-2' }))).toBeUndefined();
    expect(inboxRecord(item({ sk: 'E#other' }))).toBeUndefined();
    expect(inboxRecord(item({ sk: `E#${id}` }))).toBeUndefined();
    expect(inboxRecord(item({ sk: `E#1791234567890#000001#0b7c6a52-4a0e-4c4a-9a55-2f8f3f2b6a12` }))).toBeUndefined();
    expect(inboxRecord(item({ entryId: 'not-a-uuid', sk: 'E#1791234567890#000001#not-a-uuid' }))).toBeUndefined();
    expect(inboxRecord(item({ purpose: '' }))).toBeUndefined();
    for (const f of ['seq', 'hash', 'prevHash', 'mac', 'sealedAt', 'state']) expect(inboxRecord(item({ [f]: 1 }))).toBeUndefined();
    expect(inboxRecord(item({ tags: new Set(['a']) }))).toBeUndefined();
    expect(inboxRecord(item({ n: Number.NaN }))).toBeUndefined();
    expect(inboxRecord({ ...item(), participantId: 'p\n1', pk: 'IN#p\n1' })).toBeUndefined();
  });

  test("only INSERTs of inbox items are sealed, from the INSERT's image; overwrites, removals and sealed items are not", () => {
    const image = { pk: { S: `IN#${CHAIN}` }, sk: { S: sk }, entryId: { S: id }, participantId: { S: CHAIN }, at: { S: content(1).at }, actorRef: { S: 'staff-1' }, actorRole: { S: 'adviser' }, action: { S: 'READ' }, purpose: { S: 'x' }, route: { S: 'GET /x' } };
    const rec = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', img: Record<string, unknown> | undefined): DynamoDBRecord => ({ eventName, dynamodb: img === undefined ? {} : { NewImage: img as never } });
    const r = inboxInserts([rec('INSERT', image), rec('MODIFY', { ...image, purpose: { S: 'forged' } }), rec('REMOVE', undefined), rec('INSERT', { ...image, pk: { S: 'P#p-1' } }), rec('INSERT', { ...image, purpose: { S: '' } })]);
    expect(r.records.map((x) => x.content.purpose)).toEqual(['x']);
    expect(r.rejected).toBe(1);
    expect(fromAttributeValue({ N: '2.5' })).toBe(2.5);
    expect(fromAttributeValue({ NULL: true })).toBeNull();
    expect(fromAttributeValue({ L: [{ BOOL: false }, { M: { a: { S: 'b' } } }] })).toEqual([false, { a: 'b' }]);
    expect(fromAttributeValue({ SS: ['a'] })).toBeUndefined();
  });
});

describe('the application side', () => {
  test('append writes only to the inbox, create-only, and refuses fields only the sealer sets', async () => {
    const sent: { input: { Item: Record<string, unknown>; ConditionExpression: string } }[] = [];
    const log = new DynamoAuditLog({ send: (c: never) => (sent.push(c), Promise.resolve({})) } as never, 'audit');
    const e = await log.append(content(1) as unknown as AuditEntryInput);
    expect(e).toMatchObject({ state: 'PENDING', participantId: CHAIN });
    expect(sent[0]!.input.Item).toMatchObject({ pk: `IN#${CHAIN}`, entryId: e.entryId });
    expect(sent[0]!.input.Item.sk).toMatch(new RegExp(`^E#\\d{13}#\\d{6}#${e.entryId}$`));
    // Waiting entries sort in append order, even at the same millisecond.
    const next = await log.append(content(1) as unknown as AuditEntryInput);
    expect(String(sent[1]!.input.Item.sk) > String(sent[0]!.input.Item.sk)).toBe(true);
    expect(next.entryId).not.toBe(e.entryId);
    expect(sent[0]!.input.ConditionExpression).toBe('attribute_not_exists(pk)');
    await expect(log.append({ ...(content(1) as unknown as AuditEntryInput), seq: 1 } as AuditEntryInput)).rejects.toThrow('AUDIT_RESERVED_FIELD');
  });

  test('the adapter has no update or delete', () => {
    expect(Object.getOwnPropertyNames(DynamoAuditLog.prototype).filter((m) => m !== 'constructor').sort()).toEqual(['append', 'list', 'recordStaffRead']);
  });

  test('recordStaffRead appends a READ entry; a failed write refuses the read with 503 AUDIT_UNAVAILABLE', async () => {
    const read = { actor: 'staff-abc', role: 'adviser' as const, participantId: 'p-1', purpose: 'absence-review', route: 'PATCH /absences/{id}', at: '2026-10-01T08:00:00.000Z' };
    const appended: AuditEntryInput[] = [];
    await recordStaffReadWith({ append: async (i) => (appended.push(i), { ...i, entryId: 'e', state: 'PENDING' }) }, read);
    expect(appended).toEqual([{ participantId: 'p-1', at: read.at, actorRef: 'staff-abc', actorRole: 'adviser', action: 'READ', purpose: 'absence-review', route: 'PATCH /absences/{id}' }]);
    await expect(recordStaffReadWith({ append: () => Promise.reject(new Error('network')) }, read)).rejects.toMatchObject({ status: 503, code: 'AUDIT_UNAVAILABLE' });
  });
});
