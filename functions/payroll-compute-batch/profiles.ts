/**
 * The batch's profile items in one BatchGetItem per 100 ids instead of one
 * GetItem per participant: the run's reads are its cost (docs/scale.md).
 * Profile items hold the facts and schedule only; names live in their own
 * IDENTITY items, which this never reads.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { ParticipantProfile } from '../../shared/adapters/participants-repo.js';

export async function batchGetProfiles(db: DynamoDBDocumentClient, table: string, ids: readonly string[]): Promise<Map<string, ParticipantProfile>> {
  const out = new Map<string, ParticipantProfile>();
  for (let i = 0; i < ids.length; i += 100) {
    let keys: Record<string, unknown>[] = ids.slice(i, i + 100).map((pid) => ({ pk: `P#${pid}`, sk: 'PROFILE' }));
    for (let round = 0; keys.length > 0; round++) {
      if (round > 10) throw new Error('batchGetProfiles: unprocessed keys did not settle');
      // Consistent: a profile saved just before the run is the one decided on.
      const r = await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: true } } }));
      for (const item of r.Responses?.[table] ?? []) {
        const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ...profile } = item;
        out.set(String(profile.participantId), profile as unknown as ParticipantProfile);
      }
      keys = (r.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, unknown>[];
      if (keys.length > 0) await new Promise((res) => setTimeout(res, 20 * 2 ** round));
    }
  }
  return out;
}
