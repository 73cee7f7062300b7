/** Prepare's batches (shared/domain/payroll/batches.ts): every participant once, few shards a batch, neighbours in different shards. */
import fc from 'fast-check';
import { batchesByShard } from '../../shared/domain/payroll/batches.js';

const shardOf = (id: string) => Number(id.slice(1)) % 16;

test('every id exactly once (duplicates dropped), at most `size` a batch; the same ids in any order give the same batches', () => {
  fc.assert(
    fc.property(fc.array(fc.nat(5000), { maxLength: 700 }), fc.integer({ min: 1, max: 120 }), (nums, size) => {
      const ids = nums.map((n) => `p${n}`);
      const batches = batchesByShard(ids, size, 16, shardOf);
      expect(batches.flat().sort()).toEqual([...new Set(ids)].sort());
      expect(batches.every((b) => b.length >= 1 && b.length <= size)).toBe(true);
      expect(batchesByShard([...ids].reverse(), size, 16, shardOf)).toEqual(batches);
    }),
  );
});

test('10 000 participants in batches of 100: each batch spans at most two shards, and ten batches side by side lie in ten different shards', () => {
  const ids = Array.from({ length: 10_000 }, (_, i) => `p${i}`);
  const batches = batchesByShard(ids, 100, 16, shardOf);
  expect(batches).toHaveLength(100);
  expect(Math.max(...batches.map((b) => new Set(b.map(shardOf)).size))).toBeLessThanOrEqual(2);
  for (let i = 0; i + 10 <= batches.length; i += 10) {
    const leading = batches.slice(i, i + 10).map((b) => shardOf(b[0]!));
    expect(new Set(leading).size).toBe(10);
  }
});

test('a small municipality stays one batch; none at all gives none', () => {
  expect(batchesByShard(['p3', 'p1', 'p2'], 100, 16, shardOf)).toEqual([['p1', 'p2', 'p3']]);
  expect(batchesByShard([], 100, 16, shardOf)).toEqual([]);
});
