/**
 * Adviser assignments (Participants table): which advisers may read and
 * change a participant's file (quality.md S4).
 *
 * Key layout (pk / sk; gsi1pk / gsi1sk):
 *   ADVISER#<sub>  / P#<pid>    ; P#<pid>#ADVISERS / ADVISER#<sub>   one assignment
 *   P#<pid>        / ADVISERS                                        the assigned advisers' subs (consistent list, versioned)
 *
 * Assignments are keyed by adviser so "is this adviser assigned?" and "whom is
 * this adviser assigned?" are strongly consistent reads: removing an
 * assignment takes effect on the next request.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { assignmentChange } from '../domain/adviser-assignment.js';
import { batchGetAll, queryPrefix, transactIf, versionCondition, type TransactItem } from './dynamo.js';

export interface AssignmentsRepo {
  isAssigned(adviserSub: string, participantId: string): Promise<boolean>;
  assignAdviser(participantId: string, adviserSub: string, municipality: string, at: string): Promise<void>;
  unassignAdviser(participantId: string, adviserSub: string): Promise<void>;
  listAssigned(adviserSub: string): Promise<string[]>;
  listAdvisers(participantId: string): Promise<string[]>;
  /**
   * `listAdvisers` for many participants in BatchGetItem calls of 100 (a
   * payroll batch names each participant's adviser): the participant's list
   * item, which registration and `setAdvisers` write in the same transaction
   * as the assignments; a file without one (seeded with `assignAdviser`) is
   * read from the index as `listAdvisers` does.
   */
  listAdvisersOf(participantIds: readonly string[]): Promise<Map<string, string[]>>;
  /**
   * Replaces the participant's adviser assignment with exactly `adviserSubs`
   * (removed advisers lose access on their next request); returns the previous
   * set, or 'changed' if a concurrent change won (nothing written).
   */
  setAdvisers(participantId: string, municipality: string, adviserSubs: readonly string[], at: string): Promise<{ previous: string[] } | 'changed'>;
}

const assignmentKey = (sub: string, pid: string) => ({ pk: `ADVISER#${sub}`, sk: `P#${pid}` });
/** The key of the participant's consistent list of advisers. */
export const advisersKey = (pid: string) => ({ pk: `P#${pid}`, sk: 'ADVISERS' });

/** One assignment item (also written by the registration's transaction, participant-files-repo.ts). */
export function assignmentItem(adviserSub: string, participantId: string, municipality: string, at: string): Record<string, unknown> {
  return { ...assignmentKey(adviserSub, participantId), gsi1pk: `P#${participantId}#ADVISERS`, gsi1sk: `ADVISER#${adviserSub}`, participantId, adviserSub, municipality, assignedAt: at };
}

export class DynamoAssignmentsRepo implements AssignmentsRepo {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async isAssigned(adviserSub: string, participantId: string): Promise<boolean> {
    // Strongly consistent on purpose: a removed assignment must stop access at once.
    const r = await this.db.send(new GetCommand({ TableName: this.table, Key: assignmentKey(adviserSub, participantId), ConsistentRead: true }));
    return r.Item !== undefined;
  }

  // One assignment added or removed outside the list (seeds): the list item goes with it in the same transaction, so
  // a list item, where there is one, always names exactly the assignments (listAdvisersOf trusts it).
  async assignAdviser(participantId: string, adviserSub: string, municipality: string, at: string): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({ TransactItems: [{ Put: { TableName: this.table, Item: assignmentItem(adviserSub, participantId, municipality, at) } }, { Delete: { TableName: this.table, Key: advisersKey(participantId) } }] }),
    );
  }

  async unassignAdviser(participantId: string, adviserSub: string): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({ TransactItems: [{ Delete: { TableName: this.table, Key: assignmentKey(adviserSub, participantId) } }, { Delete: { TableName: this.table, Key: advisersKey(participantId) } }] }),
    );
  }

  async listAssigned(adviserSub: string): Promise<string[]> {
    const items = await queryPrefix(this.db, this.table, `ADVISER#${adviserSub}`, 'P#');
    return items.map((item) => String(item.participantId));
  }

  async listAdvisers(participantId: string): Promise<string[]> {
    const r = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `P#${participantId}#ADVISERS` },
      }),
    );
    return (r.Items ?? []).map((i) => String(i.adviserSub));
  }

  async listAdvisersOf(participantIds: readonly string[]): Promise<Map<string, string[]>> {
    const items = await batchGetAll(this.db, this.table, participantIds.map(advisersKey), 'listAdvisersOf', { expression: 'pk, #a', names: { '#a': 'advisers' } });
    const out = new Map<string, string[]>();
    for (const item of items) if (Array.isArray(item.advisers)) out.set(String(item.pk).slice('P#'.length), (item.advisers as unknown[]).map(String));
    const unlisted = participantIds.filter((pid) => !out.has(pid));
    for (let i = 0; i < unlisted.length; i += 8) for (const [pid, subs] of await Promise.all(unlisted.slice(i, i + 8).map(async (pid) => [pid, await this.listAdvisers(pid)] as const))) out.set(pid, subs);
    return out;
  }

  async setAdvisers(participantId: string, municipality: string, adviserSubs: readonly string[], at: string): Promise<{ previous: string[] } | 'changed'> {
    const listItem = (await this.db.send(new GetCommand({ TableName: this.table, Key: advisersKey(participantId), ConsistentRead: true }))).Item;
    const listed = Array.isArray(listItem?.advisers) ? (listItem.advisers as unknown[]).map(String) : [];
    // The GSI is eventually consistent, so it only adds assignments made outside this list (older files, seeds).
    const current = [...new Set([...listed, ...(await this.listAdvisers(participantId))])].sort();
    const { wanted, removed, added } = assignmentChange(current, adviserSubs);
    const version = Number(listItem?.version ?? 0);
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.table,
          Item: { ...advisersKey(participantId), advisers: wanted, version: version + 1, updatedAt: at },
          // Two admins changing the assignment at once: only the one who read this version wins; the other retries.
          ...versionCondition(version),
        },
      },
      ...removed.map((sub): TransactItem => ({ Delete: { TableName: this.table, Key: assignmentKey(sub, participantId) } })),
      ...added.map((sub): TransactItem => ({ Put: { TableName: this.table, Item: assignmentItem(sub, participantId, municipality, at) } })),
    ];
    return (await transactIf(this.db, items)) ? { previous: current } : 'changed';
  }
}
