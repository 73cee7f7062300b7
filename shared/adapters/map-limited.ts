/**
 * `fn` over `items` with at most `limit` calls in flight, results in the
 * items' order: how a batch keeps DynamoDB and Lambda's sockets busy without
 * flooding them. The first rejection rejects the whole (calls already
 * started run to their end).
 */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
