/**
 * The loopback load generator of P3, run as its own process (so it does not
 * share the server's event loop): keeps `concurrency` requests in flight for
 * `seconds`, each a NEW check-in (fresh event id), and prints one JSON line
 * with the count per status and the latencies of the successful ones.
 *
 *   mode "api": POST /checkins through the local API (node:http, keep-alive agent)
 *   mode "put": the bare PutItem of the event item, to the same DynamoDB Local (the goal's baseline, and
 *               the one write an app check-in makes when its file check is remembered)
 *
 * Argument: one JSON object { mode, url | endpoint, table, token, seconds, concurrency, participantId }.
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';

interface Args {
  mode: 'api' | 'put';
  url?: string;
  endpoint?: string;
  table?: string;
  token?: string;
  participantId: string;
  seconds: number;
  concurrency: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const agent = new Agent({ keepAlive: true, maxSockets: args.concurrency });
const client =
  args.mode !== 'api'
    ? new DynamoDBClient({ endpoint: args.endpoint, region: 'eu-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 })
    : undefined;

function apiCall(): Promise<number> {
  const body = JSON.stringify({ eventId: randomUUID(), type: 'IN', deviceId: 'bench-phone', deviceTime: new Date().toISOString() });
  const url = new URL('/checkins', args.url);
  return new Promise((resolve) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { authorization: `Bearer ${args.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

const s = (v: string) => ({ S: v });

/** The event item the handler writes (shared/adapters/attendance-repo.ts eventPut), with its create-once condition. */
function eventPut() {
  const eventId = randomUUID();
  const now = new Date().toISOString();
  return {
        TableName: args.table,
        // The item the handler writes (shared/adapters/attendance-repo.ts putEventOnce), with its condition.
        Item: {
          pk: s(`EVENT#${eventId}`),
          sk: s('EVENT'),
          gsi1pk: s(`P#${args.participantId}#EVENTS`),
          gsi1sk: s(`${now}#${eventId}`),
          eventId: s(eventId),
          participantId: s(args.participantId),
          municipality: s('5001'),
          type: s('IN'),
          deviceId: s('bench-phone'),
          deviceTime: s(now),
          deviceTimeUtc: s(now),
          recordedAt: s(now),
          receiptId: s(`rcpt-${randomUUID()}`),
          requestHash: s(`sha256:${'0'.repeat(64)}`),
          source: s('app'),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
  };
}

async function putCall(): Promise<number> {
  try {
    await client!.send(new PutItemCommand(eventPut()));
    return 200;
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  const call = args.mode === 'api' ? apiCall : putCall;
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  const end = performance.now() + args.seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: args.concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const status = await call();
        const ms = performance.now() - t;
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status >= 200 && status < 300) latencies.push(ms);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  process.stdout.write(`${JSON.stringify({ statuses, ok: latencies.length, elapsedMs, p50: pct(50), p99: pct(99) })}\n`);
  agent.destroy();
  client?.destroy();
}

void main();
