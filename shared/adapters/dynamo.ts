/**
 * The DynamoDB document client, one per process. On AWS the SDK finds the
 * region and credentials itself; locally `AWS_ENDPOINT_URL_DYNAMODB` points at
 * DynamoDB Local, which accepts any credentials.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
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

/** True for the error DynamoDB raises when a condition expression is false. */
export function isConditionFailed(err: unknown): boolean {
  return err instanceof Error && err.name === 'ConditionalCheckFailedException';
}

/** True when a transaction was cancelled because one of its conditions failed. */
export function isTransactionConditionFailed(err: unknown): boolean {
  if (!(err instanceof Error) || err.name !== 'TransactionCanceledException') return false;
  const reasons = (err as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.some((r) => r.Code === 'ConditionalCheckFailed');
}

/**
 * True when a transaction was cancelled only because another transaction or
 * write touched one of its items at the same time (`TransactionConflict`),
 * not because a condition failed: the same request can simply be tried again.
 */
export function isTransactionConflict(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'TransactionConflictException') return true;
  if (err.name !== 'TransactionCanceledException') return false;
  const reasons = (err as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.some((r) => r.Code === 'TransactionConflict') && !reasons.some((r) => r.Code === 'ConditionalCheckFailed');
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

/** Which items of a cancelled transaction failed their condition (by position in TransactItems). */
export function failedConditions(err: unknown): number[] {
  if (!(err instanceof Error) || err.name !== 'TransactionCanceledException') return [];
  const reasons = (err as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
}

/** A short, jittered pause before trying a conflicting write again (full jitter, growing with the attempt). */
export function backoff(attempt: number, baseMs = 10, capMs = 500): Promise<void> {
  const ms = Math.floor(Math.random() * Math.min(capMs, baseMs * 2 ** attempt));
  return new Promise((r) => setTimeout(r, ms));
}

/** Every item a query matches, page after page (the SDK's paginator follows LastEvaluatedKey). */
export async function queryAll(db: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateQuery({ client: db }, input)) if (page.Items !== undefined) items.push(...page.Items);
  return items;
}
