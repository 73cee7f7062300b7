/** How a payroll batch's counted first versions are cut into transactions (decisions-repo.ts putDecisionsOnce). */
import { GROUP_BYTES, GROUP_MAX, chunkBySize } from '../../shared/adapters/decisions-repo.js';

test('in order, at most GROUP_MAX items and GROUP_BYTES a chunk; an item larger than that is a chunk alone; nothing lost or repeated', () => {
  const small = Array.from({ length: 2 * GROUP_MAX + 3 }, (_, i) => ({ i, size: 1_000 }));
  expect(chunkBySize(small, (x) => x.size).map((c) => c.length)).toEqual([GROUP_MAX, GROUP_MAX, 3]);
  const big = [{ i: 0, size: GROUP_BYTES / 2 }, { i: 1, size: GROUP_BYTES / 2 }, { i: 2, size: 1 }, { i: 3, size: GROUP_BYTES + 5 }, { i: 4, size: 10 }];
  const chunks = chunkBySize(big, (x) => x.size);
  expect(chunks.map((c) => c.map((x) => x.i))).toEqual([[0, 1], [2], [3], [4]]);
  expect(chunks.every((c) => c.length === 1 || c.reduce((s, x) => s + x.size, 0) <= GROUP_BYTES)).toBe(true);
  expect(chunkBySize([], () => 1)).toEqual([]);
});
