/**
 * The batch's profile items in one BatchGetItem per 100 ids instead of one
 * GetItem per participant: the run's reads are its cost (docs/scale.md).
 * Profile items hold the facts and schedule only; names live in their own
 * IDENTITY items, which this never reads.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll, withoutKeys } from '../../adapters/dynamo.js';
import type { ParticipantProfile } from '../../adapters/participant-files-repo.js';

export async function batchGetProfiles({ db, name }: { db: DynamoDBDocumentClient; name: string }, ids: readonly string[]): Promise<Map<string, ParticipantProfile>> {
  // Consistent: a profile saved just before the run is the one decided on.
  const items = await batchGetAll(db, name, ids.map((pid) => ({ pk: `P#${pid}`, sk: 'PROFILE' })), 'batchGetProfiles');
  return new Map(items.map((item) => withoutKeys<ParticipantProfile>(item)).map((profile) => [profile.participantId, profile]));
}
