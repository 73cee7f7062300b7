/**
 * The one set of DynamoDB helpers every repository uses: the document client
 * (one per dependency object; on AWS the SDK finds the region and credentials
 * itself, locally `AWS_ENDPOINT_URL_DYNAMODB` points at DynamoDB Local, which
 * accepts any credentials), conditional-write and transaction outcomes,
 * paging, batch reads and writes, and the stored item without its keys.
 * The condition expressions themselves stay in each repository, beside the
 * comment that says what they guarantee.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { PutCommandInput, QueryCommandInput, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../config.js';

export function createDocumentClient(config: Pick<Config, 'region' | 'dynamoEndpoint'>): DynamoDBDocumentClient {
  const local = config.dynamoEndpoint !== undefined;
  const client = new DynamoDBClient({
    region: config.region,
    ...(local ? { endpoint: config.dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    // Throttling is retried by the SDK (with backoff) before it reaches the API's 503 mapping.
    maxAttempts: 4,
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

/** One item of a TransactWriteItems request. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** True for the error DynamoDB raises when a condition expression is false. */
export function isConditionFailed(err: unknown): boolean {
  return err instanceof Error && err.name === 'ConditionalCheckFailedException';
}

/** Every item a query matches, page after page (the SDK's paginator follows LastEvaluatedKey). */
export async function queryAll(db: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateQuery({ client: db }, input)) if (page.Items !== undefined) items.push(...page.Items);
  return items;
}

/** Every item of one partition whose sort key starts with `prefix`, read consistently. */
export function queryPrefix(db: DynamoDBDocumentClient, table: string, pk: string, prefix: string): Promise<Record<string, unknown>[]> {
  return queryAll(db, { TableName: table, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)', ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix }, ConsistentRead: true });
}

/** The key attributes every table shares (shared/contract/tables.ts): never part of a stored record's own fields. */
const KEY_ATTRIBUTES: readonly string[] = ['pk', 'sk', 'gsi1pk', 'gsi1sk'];

/** A stored item without its key attributes (and without `drop`): the record the repository's type describes. */
export function withoutKeys<T>(item: Record<string, unknown>, drop?: readonly string[]): T;
export function withoutKeys<T>(item: Record<string, unknown> | undefined, drop?: readonly string[]): T | undefined;
export function withoutKeys<T>(item: Record<string, unknown> | undefined, drop: readonly string[] = []): T | undefined {
  if (item === undefined) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!KEY_ATTRIBUTES.includes(k) && !drop.includes(k)) out[k] = v;
  return out as T;
}

/** One item read consistently (a write a moment ago is seen), as its record without keys (and without the TTL attribute); undefined if absent. */
export async function getRecord<T>(db: DynamoDBDocumentClient, table: string, key: Record<string, string>): Promise<T | undefined> {
  const r = await db.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }));
  return withoutKeys<T>(r.Item, ['expiresAt']);
}

/** A put under the condition `input` carries (its guarantee is commented where it is written): false when the condition failed, nothing written. */
export async function putIf(db: DynamoDBDocumentClient, input: PutCommandInput & { ConditionExpression: string }): Promise<boolean> {
  try {
    await db.send(new PutCommand(input));
    return true;
  } catch (err) {
    if (isConditionFailed(err)) return false;
    throw err;
  }
}

/** The cancellation reason code of each item of a cancelled transaction (TransactItems order); undefined for any other error. */
export function cancellationCodes(err: unknown): (string | undefined)[] | undefined {
  if (!(err instanceof Error) || err.name !== 'TransactionCanceledException') return undefined;
  return ((err as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((r) => r.Code);
}

/** True when a transaction was cancelled because one of its conditions failed. */
export function isTransactionConditionFailed(err: unknown): boolean {
  return cancellationCodes(err)?.includes('ConditionalCheckFailed') ?? false;
}

/** Indexes of the transaction items whose condition failed (TransactItems order). */
export function failedConditions(err: unknown): number[] {
  return (cancellationCodes(err) ?? []).flatMap((code, i) => (code === 'ConditionalCheckFailed' ? [i] : []));
}

/**
 * A transaction cancelled because another transaction was writing one of its
 * items at that moment (DynamoDB's TransactionConflict). For an optimistic
 * write this means a concurrent writer: reported like a lost condition.
 */
export function isTransactionConflict(err: unknown): boolean {
  if (err instanceof Error && err.name === 'TransactionConflictException') return true;
  const codes = cancellationCodes(err);
  return codes !== undefined && codes.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed');
}

/**
 * A transaction worth trying again: another writer held one of its items
 * (`TransactionConflict`), or the service failed inside (AWS: retry an
 * InternalServerError; DynamoDB Local answers one when a transaction waited
 * too long for an item's lock, which real DynamoDB does not).
 */
export function isRetryableTransactionError(err: unknown): boolean {
  return isTransactionConflict(err) || (err instanceof Error && err.name === 'InternalServerError');
}

/** A short, jittered pause before trying a conflicting write again (full jitter, growing with the attempt). */
export function backoff(attempt: number, baseMs = 10, capMs = 500): Promise<void> {
  const ms = Math.floor(Math.random() * Math.min(capMs, baseMs * 2 ** attempt));
  return new Promise((r) => setTimeout(r, ms));
}

/** An optimistic transaction lost to a concurrent writer (its condition failed, or it collided with another transaction). */
export const lostRace = (err: unknown): boolean => isTransactionConditionFailed(err) || isTransactionConflict(err);

/** A version or sequence number as a sort-key part: 10 digits, so the string order is the number order. */
export const sortableNumber = (n: number): string => String(n).padStart(10, '0');

/** A transaction that may lose: false when `lost` says the error is a loss (nothing was written); any other error is thrown. */
async function transactUnless(db: DynamoDBDocumentClient, items: TransactItem[], lost: (err: unknown) => boolean): Promise<boolean> {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (err) {
    if (lost(err)) return false;
    throw err;
  }
}

/** A transaction of create-once writes: false when one of its conditions failed (nothing written); a conflict is thrown. */
export const transactUnlessExists = (db: DynamoDBDocumentClient, items: TransactItem[]): Promise<boolean> => transactUnless(db, items, isTransactionConditionFailed);

/** An optimistic transaction: false when a concurrent writer won (lostRace), nothing written. */
export const transactIf = (db: DynamoDBDocumentClient, items: TransactItem[]): Promise<boolean> => transactUnless(db, items, lostRace);

/** Refuses a record whose version is not the one after the version its writer read (a programming error, not a race). */
export function requireNextVersion(what: string, record: { version: number }, expectedVersion: number): void {
  if (record.version !== expectedVersion + 1) throw new Error(`${what}: version must be expectedVersion + 1`);
}

/**
 * The optimistic-concurrency condition of a versioned item: version 0 (none
 * read) creates it once; any other replaces exactly the version the writer
 * read. Two writers who read the same version: one wins, the other's
 * condition fails.
 */
export function versionCondition(expectedVersion: number): { ConditionExpression: string; ExpressionAttributeValues?: Record<string, number> } {
  return expectedVersion === 0 ? { ConditionExpression: 'attribute_not_exists(pk)' } : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } };
}

/**
 * Writes `item` as the current state under `current` (versionCondition) and as
 * its history item under `history` (written once, never replaced), in one
 * transaction: a version is in the history exactly when it was current.
 * false: another writer won, nothing was written.
 */
export function putVersioned(
  db: DynamoDBDocumentClient,
  table: string,
  keys: { current: Record<string, string>; history: Record<string, string> },
  item: object & { version: number },
  expectedVersion: number,
): Promise<boolean> {
  return transactIf(db, [
    { Put: { TableName: table, Item: { ...keys.current, ...item }, ...versionCondition(expectedVersion) } },
    { Put: { TableName: table, Item: { ...keys.history, ...item }, ConditionExpression: 'attribute_not_exists(pk)' } },
  ]);
}

/** Rounds of retrying what BatchGet/BatchWrite left unprocessed (throttling) before giving up. */
const MAX_BATCH_ROUNDS = 10;
const batchBackoff = (round: number) => new Promise((res) => setTimeout(res, 20 * 2 ** round));

/**
 * Every item of `keys`, read consistently (a write a moment ago is seen) in
 * BatchGetItem calls of at most 100 keys, retrying unprocessed keys with
 * backoff. Order is not kept; missing items are simply absent.
 */
export async function batchGetAll(
  db: DynamoDBDocumentClient,
  table: string,
  keys: readonly Record<string, unknown>[],
  what: string,
  projection?: { expression: string; names: Record<string, string> },
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Record<string, unknown>[] = keys.slice(i, i + 100);
    for (let round = 0; pending.length > 0; round++) {
      if (round >= MAX_BATCH_ROUNDS) throw new Error(`${what}: unprocessed keys did not settle`);
      if (round > 0) await batchBackoff(round);
      const r = await db.send(
        new BatchGetCommand({
          RequestItems: { [table]: { Keys: pending, ConsistentRead: true, ...(projection ? { ProjectionExpression: projection.expression, ExpressionAttributeNames: projection.names } : {}) } },
        }),
      );
      items.push(...(r.Responses?.[table] ?? []));
      pending = (r.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return items;
}

/** Puts every item in BatchWriteItem calls of at most 25, retrying unprocessed ones with backoff (overwrites: no conditions). */
export async function batchPutAll(db: DynamoDBDocumentClient, table: string, items: readonly Record<string, unknown>[], what: string): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let round = 0; pending.length > 0; round++) {
      if (round >= MAX_BATCH_ROUNDS) throw new Error(`${what}: unprocessed items did not settle`);
      if (round > 0) await batchBackoff(round);
      const r = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (r.UnprocessedItems?.[table] ?? []) as typeof pending;
    }
  }
}
