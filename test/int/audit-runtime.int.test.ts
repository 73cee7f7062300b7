/**
 * The local runtime's audit wiring (infra/local/audit-runtime.ts) against
 * DynamoDB Local's stream, with recording handlers in place of the sealer
 * and the checkpoint: the events have the shape Lambda delivers (DynamoDB
 * stream records; EventBridge scheduled events), each shard is read in
 * order, and a batch whose handler failed is delivered again from the same
 * position, as the event source mapping does. The real handlers through
 * `npm start`: test/e2e/audit-local.e2e.test.ts.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DeleteItemCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { startAuditRuntime, type AuditHandler, type AuditRuntime } from '../../infra/local/audit-runtime.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoLocal, type DynamoLocal } from '../../infra/local/dynamo.js';

let dynamo: DynamoLocal;
let db: DynamoDBClient;
const runtimes: AuditRuntime[] = [];

const table = (name: string, stream: boolean) =>
  db.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      ...(stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } } : {}),
    }),
  );

beforeAll(async () => {
  dynamo = await startDynamoLocal();
  db = new DynamoDBClient({ endpoint: dynamo.endpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } });
  await table('audit-stream', true);
  await table('audit-no-stream', false);
}, 120_000);

afterAll(async () => {
  for (const r of runtimes) await r.stop();
  db?.destroy();
  await dynamo?.stop();
});

test('stream batches reach the sealer in Lambda’s event shape, in order; a failed batch comes again from the same position; schedules run at start', async () => {
  const seen: DynamoDBStreamEvent[] = [];
  const scheduled: { handler: string; event: Record<string, unknown> }[] = [];
  let failNext = true;
  const seal: AuditHandler = (event, context) => {
    expect(context.functionName).toBe('introflyt-local-audit-seal');
    const e = event as DynamoDBStreamEvent & Record<string, unknown>;
    if (!Array.isArray(e.Records)) {
      scheduled.push({ handler: 'seal', event: e });
      return Promise.resolve();
    }
    seen.push(e);
    if (failNext) {
      failNext = false;
      return Promise.reject(new Error('KMS throttled'));
    }
    return Promise.resolve();
  };
  const anchor: AuditHandler = (event) => (scheduled.push({ handler: 'anchor', event: event as Record<string, unknown> }), Promise.resolve());
  const errors: string[] = [];
  const rt = await startAuditRuntime({ dynamoEndpoint: dynamo.endpoint, auditTable: 'audit-stream', pollMs: 3_600_000, sealHandler: seal, anchorHandler: anchor, onError: (what) => errors.push(what) });
  runtimes.push(rt);

  for (let i = 1; i <= 3; i++) await db.send(new PutItemCommand({ TableName: 'audit-stream', Item: { pk: { S: 'IN#p-1' }, sk: { S: `E#${i}` }, n: { N: String(i) }, tags: { L: [{ S: 'a' }, { NULL: true }] } } }));
  await db.send(new DeleteItemCommand({ TableName: 'audit-stream', Key: { pk: { S: 'IN#p-1' }, sk: { S: 'E#1' } } }));

  // The failure surfaces in whichever pass met it first: the background poll (reported to onError) or this drain.
  const firstDrain = await rt.drain().then(
    () => 'drained',
    (err: Error) => err.message,
  );
  expect(firstDrain === 'KMS throttled' || errors.includes('seal')).toBe(true);
  await rt.drain();
  expect(seen).toHaveLength(2);
  // The retry starts at the same position: the failed batch's records again (and whatever arrived since).
  const failed = seen[0]!.Records.map((r) => r.eventID);
  expect(failed.length).toBeGreaterThan(0);
  expect(seen[1]!.Records.slice(0, failed.length).map((r) => r.eventID)).toEqual(failed);
  const records = seen[1]!.Records;
  expect(records.map((r) => [r.eventName, r.dynamodb?.Keys?.sk?.S])).toEqual([
    ['INSERT', 'E#1'],
    ['INSERT', 'E#2'],
    ['INSERT', 'E#3'],
    ['REMOVE', 'E#1'],
  ]);
  expect(records[0]).toMatchObject({
    eventSource: 'aws:dynamodb',
    eventVersion: '1.1',
    awsRegion: LOCAL_REGION,
    eventSourceARN: rt.streamArn,
    dynamodb: { StreamViewType: 'NEW_IMAGE', NewImage: { pk: { S: 'IN#p-1' }, n: { N: '1' }, tags: { L: [{ S: 'a' }, { NULL: true }] } } },
  });
  expect(typeof records[0]!.dynamodb!.ApproximateCreationDateTime).toBe('number');
  expect(Number(records[1]!.dynamodb!.SequenceNumber)).toBeGreaterThan(Number(records[0]!.dynamodb!.SequenceNumber));
  expect(rt.stats()).toEqual({ records: 4, batches: 2, failures: 1 });

  // Nothing new: a drain hands over nothing more; new writes come after the last position, never before it.
  await rt.drain();
  expect(seen).toHaveLength(2);
  await db.send(new PutItemCommand({ TableName: 'audit-stream', Item: { pk: { S: 'IN#p-1' }, sk: { S: 'E#4' } } }));
  await rt.drain();
  expect(seen.at(-1)!.Records.map((r) => r.dynamodb?.Keys?.sk?.S)).toEqual(['E#4']);

  // At start: the sweep (the sealer with a scheduled event) and the checkpoint, as EventBridge calls them.
  expect(scheduled.map((s) => s.handler)).toEqual(['seal', 'anchor']);
  for (const s of scheduled) expect(s.event).toMatchObject({ source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} });
  await rt.checkpoint();
  await rt.sweep();
  expect(scheduled.map((s) => s.handler)).toEqual(['seal', 'anchor', 'anchor', 'seal']);
  expect(errors.filter((e) => e !== 'seal')).toEqual([]);
}, 120_000);

test('a restart goes on after the last record handled (the position is kept in its file, 0600), as the event source mapping does; without the file it reads from the oldest record', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'introflyt-audit-position-'));
  const positionFile = join(dir, 'stream-position.json');
  const keys: string[][] = [];
  const seal: AuditHandler = (event) => {
    const e = event as DynamoDBStreamEvent;
    if (Array.isArray(e.Records)) keys.push(e.Records.map((r) => String(r.dynamodb?.Keys?.sk?.S)));
    return Promise.resolve();
  };
  const noop: AuditHandler = () => Promise.resolve();
  const start = (file?: string) => startAuditRuntime({ dynamoEndpoint: dynamo.endpoint, auditTable: 'audit-restart', pollMs: 3_600_000, sealHandler: seal, anchorHandler: noop, ...(file !== undefined ? { positionFile: file } : {}) });
  const put = (sk: string) => db.send(new PutItemCommand({ TableName: 'audit-restart', Item: { pk: { S: 'IN#p-2' }, sk: { S: sk } } }));
  try {
    await table('audit-restart', true);
    const first = await start(positionFile);
    await put('R#1');
    await put('R#2');
    await first.drain();
    await first.stop();
    expect(keys.flat()).toEqual(['R#1', 'R#2']);
    expect(statSync(positionFile).mode & 0o777).toBe(0o600);

    // Written while it was down, and after: only these reach the sealer; R#1 and R#2 are not handed over again.
    await put('R#3');
    const second = await start(positionFile);
    runtimes.push(second);
    await put('R#4');
    await second.drain();
    await second.stop();
    expect(keys.flat()).toEqual(['R#1', 'R#2', 'R#3', 'R#4']);

    // No file: everything the stream keeps, from the oldest record.
    keys.length = 0;
    const third = await start();
    runtimes.push(third);
    await third.drain();
    expect(keys.flat()).toEqual(['R#1', 'R#2', 'R#3', 'R#4']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

test('a table without a stream is refused with LOCAL_AUDIT_NO_STREAM', async () => {
  const noop: AuditHandler = () => Promise.resolve();
  await expect(startAuditRuntime({ dynamoEndpoint: dynamo.endpoint, auditTable: 'audit-no-stream', sealHandler: noop, anchorHandler: noop })).rejects.toThrow('LOCAL_AUDIT_NO_STREAM');
});
