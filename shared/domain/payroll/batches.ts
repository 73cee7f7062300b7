/**
 * How a payroll run's participants are cut into its frozen batches (Prepare).
 *
 * A batch writes its fresh month's formal decisions in one transaction per
 * counter shard, with the shard's count added once (decisions-repo.ts
 * putDecisionsOnce), so the fewer shards a batch spans, the fewer and fuller
 * its transactions. The participants are therefore ordered by shard (then
 * id) and cut into batches of `size`; and because the workflow runs several
 * batches at once, the batches are taken in a stride order so that batches
 * running side by side sit in different shards and do not queue behind each
 * other on the same counter item. Every participant is in exactly one batch;
 * the order depends only on the ids, so a Prepare that is retried freezes the
 * same batches.
 */

/** The batches of `ids` (each once), `size` at most, ordered so that neighbours lie in different shards. */
export function batchesByShard(ids: readonly string[], size: number, shards: number, shardOf: (id: string) => number): string[][] {
  const sorted = [...new Set(ids)].map((id) => [shardOf(id), id] as const).sort(([sa, a], [sb, b]) => sa - sb || (a < b ? -1 : 1)); // ids are unique here
  const cut: string[][] = [];
  for (let i = 0; i < sorted.length; i += size) cut.push(sorted.slice(i, i + size).map(([, id]) => id));
  // Batches per shard, rounded up: taking every stride-th batch steps about one shard at a time.
  const stride = Math.max(1, Math.ceil(cut.length / shards));
  const order: string[][] = [];
  for (let start = 0; start < stride; start++) for (let i = start; i < cut.length; i += stride) order.push(cut[i]!);
  return order;
}
