/**
 * The audit log's hash chain (quality.md R7): any edited, removed or
 * reordered entry is detected; the application has no way to update or
 * delete an entry; a failed access-log write refuses the read (S6).
 */
import type { AuditEntry, AuditEntryInput } from '../../shared/adapters/audit-log.js';
import { DynamoAuditLog, GENESIS_HASH, chainEntry, hashEntry, recordStaffReadWith, verifyChain } from '../../shared/adapters/audit-log.js';
import { canonicalJson } from '../../shared/domain/canonical-json.js';
import { createHash } from 'node:crypto';

const input = (i: number): AuditEntryInput => ({
  participantId: 'p-1',
  at: `2026-10-01T08:00:0${i}.000Z`,
  actorRef: `staff-00000000000${i}`,
  actorRole: 'adviser',
  action: 'READ',
  purpose: 'absence-queue',
  route: 'GET /absences',
});

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (let i = 1; i <= n; i++) out.push(chainEntry(input(i), out[out.length - 1]));
  return out;
}

describe('hash chain', () => {
  test('entry n links to n−1 and hashes canonical(entry without hash) + prevHash', () => {
    const c = chain(3);
    expect(c.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(c[0]!.prevHash).toBe(GENESIS_HASH);
    expect(c[1]!.prevHash).toBe(c[0]!.hash);
    const { hash, ...unsigned } = c[2]!;
    expect(hash).toBe(createHash('sha256').update(canonicalJson(unsigned) + unsigned.prevHash).digest('hex'));
    expect(hashEntry(unsigned)).toBe(hash);
  });

  test('an intact chain verifies, and so does an empty one', () => {
    expect(verifyChain(chain(5))).toEqual({ ok: true, length: 5 });
    expect(verifyChain([])).toEqual({ ok: true, length: 0 });
  });

  test('an edited field is detected at that entry', () => {
    for (const field of ['actorRef', 'purpose', 'at', 'actorRole', 'participantId'] as const) {
      const c = chain(5);
      c[2] = { ...c[2]!, [field]: field === 'actorRole' ? 'payroll' : 'tampered' };
      expect(verifyChain(c)).toEqual({ ok: false, seq: 3, problem: 'HASH_MISMATCH' });
    }
  });

  test('an edited entry whose hash was recomputed breaks the next link', () => {
    const c = chain(5);
    const { hash: _h, ...unsigned } = { ...c[2]!, purpose: 'tampered' };
    c[2] = { ...unsigned, hash: hashEntry(unsigned) };
    expect(verifyChain(c)).toEqual({ ok: false, seq: 4, problem: 'BROKEN_LINK' });
  });

  test('a removed or reordered entry is detected', () => {
    const c = chain(5);
    expect(verifyChain([c[0]!, c[2]!, c[3]!, c[4]!])).toEqual({ ok: false, seq: 3, problem: 'SEQUENCE_GAP' });
    expect(verifyChain([c[1]!, c[0]!, c[2]!])).toEqual({ ok: false, seq: 2, problem: 'SEQUENCE_GAP' });
    // A renumbered chain after a removal still fails on the link.
    const renumbered = [c[0]!, { ...c[2]!, seq: 2 }];
    expect(verifyChain(renumbered)).toEqual({ ok: false, seq: 2, problem: 'BROKEN_LINK' });
  });

  test('the application has no update or delete for audit entries', () => {
    const methods = Object.getOwnPropertyNames(DynamoAuditLog.prototype).filter((m) => m !== 'constructor');
    expect(methods.sort()).toEqual(['append', 'head', 'list', 'recordStaffRead']);
  });
});

describe('recordStaffRead', () => {
  const read = { actor: 'staff-abc', role: 'adviser' as const, participantId: 'p-1', purpose: 'absence-review', route: 'PATCH /absences/{id}', at: '2026-10-01T08:00:00.000Z' };

  test('appends a READ entry for the participant', async () => {
    const appended: AuditEntryInput[] = [];
    const entry = await recordStaffReadWith({ append: async (i) => (appended.push(i), chainEntry(i, undefined)) }, read);
    expect(appended).toEqual([{ participantId: 'p-1', at: read.at, actorRef: 'staff-abc', actorRole: 'adviser', action: 'READ', purpose: 'absence-review', route: 'PATCH /absences/{id}' }]);
    expect(entry.seq).toBe(1);
  });

  test('a failed write refuses the read with 503 AUDIT_UNAVAILABLE', async () => {
    await expect(recordStaffReadWith({ append: () => Promise.reject(new Error('network')) }, read)).rejects.toMatchObject({ status: 503, code: 'AUDIT_UNAVAILABLE' });
  });
});
