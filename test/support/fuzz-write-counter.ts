/**
 * Counts the writes that reach DynamoDB, whoever makes them: a small HTTP
 * proxy between every SDK client of the process and DynamoDB Local. A write
 * counts when DynamoDB answered 200 to PutItem, UpdateItem, DeleteItem,
 * BatchWriteItem, TransactWriteItems or a non-SELECT PartiQL statement. The
 * fuzz suite uses it to prove that a rejected request stored nothing (S1/S2),
 * for every route, including routes added later, without knowing their
 * repositories.
 *
 * Some writes are side effects a rejected request makes by design, and are
 * counted apart (`sideEffects`):
 * - attempt counters (`ATTEMPTS#…` items): a kiosk identification is counted
 *   before its PIN is checked, and a refused one stays counted (S10); so is
 *   an activation code's redemption per source (`ACTIVATION-SRC#…`) and per
 *   code (the code's `tries`, `ACTIVATION#…`), before the code is compared;
 * - the audit entry of a card lock (purpose `kiosk-card-locked`): the
 *   failure that locks a card is rejected AND audit-logged (issue 8 item 2);
 * - a refused replay of a kiosk's queued tap (`REFUSED#…` items): kept for
 *   the adviser while the request is refused (issue 8 item 10);
 * - access-log READ entries (the audit table): a staff read is logged before
 *   the data is read (S6), so an authorised read that then finds nothing
 *   (404) has still been logged.
 * Every other write (a data write) counts in `writes()`.
 */
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems', 'ExecuteStatement', 'BatchExecuteStatement', 'ExecuteTransaction']);

export interface WriteCounter {
  /** The endpoint to give the SDK (AWS_ENDPOINT_URL_DYNAMODB). */
  url: string;
  /** Successful data writes so far (side effects excluded). */
  writes(): number;
  /** Successful writes of lockout counters and access-log READ entries only. */
  sideEffects(): number;
  close(): Promise<void>;
}

type Attr = { S?: string };
type Json = Record<string, unknown>;

interface Written {
  table: string;
  pk: string;
  sk: string;
  /** The `action` attribute of a put item (audit entries: READ or WRITE). */
  action: string | undefined;
  /** The `purpose` attribute of a put item (audit entries). */
  purpose: string | undefined;
}

/** The items a write touches (undefined when the request cannot be read: counted as a data write). */
function written(op: string, body: Json): Written[] | undefined {
  const of = (table: unknown, item: unknown, key: unknown): Written => {
    const attrs = (item ?? key) as Record<string, Attr> | undefined;
    const put = item as Record<string, Attr> | undefined;
    return { table: String(table ?? ''), pk: attrs?.pk?.S ?? '', sk: attrs?.sk?.S ?? '', action: put?.action?.S, purpose: put?.purpose?.S };
  };
  switch (op) {
    case 'PutItem':
      return [of(body.TableName, body.Item, undefined)];
    case 'UpdateItem':
    case 'DeleteItem':
      return [of(body.TableName, undefined, body.Key)];
    case 'TransactWriteItems':
      return ((body.TransactItems as Json[] | undefined) ?? [])
        .filter((t) => t.ConditionCheck === undefined)
        .map((t) => {
          const inner = (t.Put ?? t.Update ?? t.Delete) as Json | undefined;
          return of(inner?.TableName, inner?.Item, inner?.Key);
        });
    case 'BatchWriteItem':
      return Object.entries((body.RequestItems as Record<string, Json[]> | undefined) ?? {}).flatMap(([table, reqs]) =>
        reqs.map((r) => of(table, (r.PutRequest as Json | undefined)?.Item, (r.DeleteRequest as Json | undefined)?.Key)),
      );
    default:
      return undefined;
  }
}

function isWrite(op: string, body: Json): boolean {
  if (!WRITES.has(op)) return false;
  if (op === 'ExecuteStatement') return !/^\s*select\b/i.test(String(body.Statement ?? ''));
  return true;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export async function startWriteCounter(target: string, auditTable: string): Promise<WriteCounter> {
  const upstream = new URL(target);
  let writes = 0;
  let counters = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      const op = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const reply = await new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>((resolve, reject) => {
        const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
          readAll(r).then((b) => resolve({ status: r.statusCode ?? 502, headers: r.headers, body: b }), reject);
        });
        out.on('error', reject);
        out.end(body);
      });
      // Counted before the client sees the answer, so a caller that awaited its request sees the count.
      if (reply.status === 200) {
        let parsed: Json = {};
        try {
          parsed = JSON.parse(body.toString('utf8')) as Json;
        } catch {
          // unreadable: counted below as a real write if the operation is one
        }
        if (isWrite(op, parsed)) {
          const items = written(op, parsed);
          const sideEffect = (w: Written) =>
            w.pk.startsWith('ATTEMPTS#') || w.pk.startsWith('ACTIVATION-SRC#') || (w.pk.startsWith('ACTIVATION#') && w.sk === 'CODE' && op === 'UpdateItem') || w.sk.startsWith('REFUSED#') || (w.table === auditTable && (w.action === 'READ' || w.purpose === 'kiosk-card-locked'));
          if (items !== undefined && items.length > 0 && items.every(sideEffect)) counters++;
          else writes++;
        }
      }
      res.writeHead(reply.status, reply.headers);
      res.end(reply.body);
    })().catch(() => {
      res.writeHead(502);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    writes: () => writes,
    sideEffects: () => counters,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
