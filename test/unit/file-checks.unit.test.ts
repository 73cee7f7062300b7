/**
 * The check-in's file-check cache (shared/adapters/file-checks.ts) with
 * counting fakes for the two reads and a fixed clock: what it remembers, for
 * how long, how many, and what it never keeps (a failed read). The attacks
 * through the API (direct table writes, another municipality, ended device
 * bindings) are in test/int/checkin.int.test.ts.
 */
import { FixedClock } from '../../shared/adapters/clock.js';
import { BINDINGS_PER_ENTRY, FILE_CHECK_CACHE_LIMIT, FileChecks, type FileCheckSource } from '../../shared/adapters/file-checks.js';
import type { CheckinFile } from '../../shared/adapters/participant-files-repo.js';
import { parseConfig } from '../../shared/config.js';
import type { DeviceBinding } from '../../shared/identity/device-activation.js';

function source(files: Record<string, CheckinFile | undefined> = {}) {
  const reads: string[] = [];
  const bindingReads: string[] = [];
  let failNext = false;
  const clock = new FixedClock('2026-10-01T08:00:00Z');
  const src: FileCheckSource = {
    clock,
    participants: {
      checkinFile: async (pid) => {
        reads.push(pid);
        await Promise.resolve();
        if (failNext) {
          failNext = false;
          throw new Error('ProvisionedThroughputExceededException');
        }
        return files[pid] ?? (pid.startsWith('p-') ? { municipality: '5001', status: 'OPEN', givenName: 'ådne' } : undefined);
      },
    },
    deviceBindings: {
      getBinding: async (pid, bindingId) => {
        bindingReads.push(`${pid}/${bindingId}`);
        return { bindingId, participantId: pid, municipality: '5001', publicKey: {}, createdAt: '2026-09-01T00:00:00Z', expiresAt: '2027-01-01T00:00:00Z' } satisfies DeviceBinding;
      },
    },
  };
  return { src, clock, reads, bindingReads, failOnce: () => (failNext = true) };
}

describe('FileChecks', () => {
  test('a remembered answer is used until maxAgeMs after its read, then read again; a clock that went back reads again', async () => {
    const { src, clock, reads } = source();
    const checks = new FileChecks(src, 5_000);
    expect(await checks.check('p-a')).toEqual({ file: { municipality: '5001', status: 'OPEN', initial: 'Å' }, binding: undefined });
    clock.advance(4_999);
    await checks.check('p-a');
    expect(reads).toEqual(['p-a']);
    clock.advance(1);
    await checks.check('p-a');
    expect(reads).toEqual(['p-a', 'p-a']);
    clock.advance(-1);
    await checks.check('p-a');
    expect(reads).toHaveLength(3);
  });

  test('no file and no identity item are answers too: undefined file, undefined initial; an identity without a given name gives "?"', async () => {
    const { src, reads } = source({ 'p-noid': { municipality: '5001', status: 'CLOSED', givenName: undefined }, 'p-blank': { municipality: '5001', status: 'OPEN', givenName: '' } });
    const checks = new FileChecks(src, 5_000);
    expect((await checks.check('gone')).file).toBeUndefined();
    expect((await checks.check('p-noid')).file).toEqual({ municipality: '5001', status: 'CLOSED', initial: undefined });
    expect((await checks.check('p-blank')).file?.initial).toBe('?');
    await checks.check('gone');
    expect(reads).toEqual(['gone', 'p-noid', 'p-blank']);
  });

  test('max age 0 keeps nothing: every check reads', async () => {
    const { src, reads } = source();
    const checks = new FileChecks(src, 0);
    await checks.check('p-a');
    await checks.check('p-a');
    expect([reads.length, checks.size]).toEqual([2, 0]);
  });

  test('forget: the next check reads; fresh always reads and the answer is remembered for the next check', async () => {
    const { src, reads } = source();
    const checks = new FileChecks(src, 5_000);
    await checks.check('p-a');
    checks.forget('p-a');
    expect(checks.size).toBe(0);
    await checks.check('p-a');
    await checks.fresh('p-a');
    await checks.check('p-a');
    expect(reads).toEqual(['p-a', 'p-a', 'p-a']);
  });

  test('concurrent checks of one participant share one read', async () => {
    const { src, reads } = source();
    const checks = new FileChecks(src, 5_000);
    await Promise.all(Array.from({ length: 50 }, () => checks.check('p-a')));
    expect(reads).toEqual(['p-a']);
  });

  test('a failed read answers with its error and is not remembered', async () => {
    const { src, reads, failOnce } = source();
    const checks = new FileChecks(src, 5_000);
    failOnce();
    await expect(checks.check('p-a')).rejects.toThrow('ProvisionedThroughputExceededException');
    expect(checks.size).toBe(0);
    expect((await checks.check('p-a')).file?.status).toBe('OPEN');
    expect(reads).toHaveLength(2);
  });

  test('the size bound: never more than `limit` participants, the oldest read dropped first; a re-read moves to the back', async () => {
    const { src, reads } = source();
    const checks = new FileChecks(src, 60_000, 3);
    for (const pid of ['p-1', 'p-2', 'p-3']) await checks.check(pid);
    await checks.fresh('p-1');
    await checks.check('p-4');
    reads.length = 0;
    // p-2 was the oldest read (p-1 was read again after it): it went, p-1 stayed.
    await checks.check('p-1');
    expect(reads).toEqual([]);
    await checks.check('p-2');
    expect(reads).toEqual(['p-2']);
    for (let i = 5; i <= 1_000; i++) {
      await checks.check(`p-${i}`);
      expect(checks.size).toBeLessThanOrEqual(3);
    }
    expect(checks.size).toBe(3);
    reads.length = 0;
    await checks.check('p-1000');
    await checks.check('p-998');
    expect(reads).toEqual([]);
    await checks.check('p-1');
    expect(reads).toEqual(['p-1']);
    expect(new FileChecks(src, 1).limit).toBe(FILE_CHECK_CACHE_LIMIT);
  });

  test('bindings: read once per entry, at most BINDINGS_PER_ENTRY kept, forgotten with the participant', async () => {
    const { src, bindingReads } = source();
    const checks = new FileChecks(src, 5_000);
    expect((await checks.check('p-a', 'b-1')).binding?.bindingId).toBe('b-1');
    await checks.check('p-a', 'b-1');
    await checks.check('p-a');
    expect(bindingReads).toEqual(['p-a/b-1']);
    for (let i = 2; i <= BINDINGS_PER_ENTRY + 1; i++) await checks.check('p-a', `b-${i}`);
    bindingReads.length = 0;
    // The entry's map was cleared when it was full: b-1 is read again, then kept.
    await checks.check('p-a', 'b-1');
    await checks.check('p-a', 'b-1');
    expect(bindingReads).toEqual(['p-a/b-1']);
    checks.forget('p-a');
    await checks.check('p-a', 'b-1');
    expect(bindingReads).toEqual(['p-a/b-1', 'p-a/b-1']);
  });

  test('a failed binding read is not remembered', async () => {
    const { src } = source();
    let fail = true;
    const reads: string[] = [];
    const checks = new FileChecks(
      {
        ...src,
        deviceBindings: {
          getBinding: async (pid, id) => {
            reads.push(id);
            if (fail) {
              fail = false;
              throw new Error('timeout');
            }
            return src.deviceBindings.getBinding(pid, id);
          },
        },
      },
      5_000,
    );
    await expect(checks.check('p-a', 'b-1')).rejects.toThrow('timeout');
    expect((await checks.check('p-a', 'b-1')).binding?.bindingId).toBe('b-1');
    expect(reads).toEqual(['b-1', 'b-1']);
  });

  test('a negative age or a limit below 1 is a programming error', () => {
    const { src } = source();
    expect(() => new FileChecks(src, -1)).toThrow(/maxAgeMs/);
    expect(() => new FileChecks(src, 1, 0)).toThrow(/limit/);
  });
});

describe('CHECKIN_FILE_CHECK_MAX_AGE_SECONDS', () => {
  test('default 5; 0 to 60 whole seconds; anything else names the variable', () => {
    expect(parseConfig({}).checkinFileCheckMaxAgeSeconds).toBe(5);
    expect(parseConfig({ CHECKIN_FILE_CHECK_MAX_AGE_SECONDS: '0' }).checkinFileCheckMaxAgeSeconds).toBe(0);
    expect(parseConfig({ CHECKIN_FILE_CHECK_MAX_AGE_SECONDS: '60' }).checkinFileCheckMaxAgeSeconds).toBe(60);
    for (const bad of ['61', '-1', '1.5', 'five']) expect(() => parseConfig({ CHECKIN_FILE_CHECK_MAX_AGE_SECONDS: bad })).toThrow(/CHECKIN_FILE_CHECK_MAX_AGE_SECONDS/);
  });
});
