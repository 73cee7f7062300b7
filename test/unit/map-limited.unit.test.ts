/** shared/adapters/map-limited.ts: results in order, never more than `limit` calls in flight, a rejection rejects the whole. */
import { mapLimited } from '../../shared/adapters/map-limited.js';

test('results in the items\' order, at most `limit` in flight, every item once', async () => {
  let inFlight = 0;
  let most = 0;
  const seen: number[] = [];
  const out = await mapLimited([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
    inFlight++;
    most = Math.max(most, inFlight);
    seen.push(n);
    await new Promise((r) => setTimeout(r, n));
    inFlight--;
    return n * 10;
  });
  expect(out).toEqual([50, 10, 40, 20, 30, 0, 60]);
  expect(most).toBe(3);
  expect(seen.sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  expect(await mapLimited([], 4, async () => 1)).toEqual([]);
});

test('a rejection rejects the whole', async () => {
  await expect(mapLimited([1, 2, 3], 2, async (n) => (n === 2 ? Promise.reject(new Error('two')) : n))).rejects.toThrow('two');
});
