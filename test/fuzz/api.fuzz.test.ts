/**
 * S1/S2 (quality.md): for EVERY row of shared/contract/routes.ts (iterated, so routes
 * added later are covered without changes here), fast-check sends ≥ 1 000
 * hostile requests to the route's handler, in process, as API Gateway v2
 * events against one DynamoDB Local: hostile bodies (wrong types, huge
 * strings, `__proto__`/`constructor` keys, unicode, deep nesting, privileged
 * fields), hostile path parameters and query strings, bad or missing JSON,
 * wrong content types, forged and malformed claims (test/support/fuzz-requests.ts).
 *
 * For every request:
 * - the handler returns (0 crashes) a status below 500 (0 server errors);
 * - every rejection is a 4xx JSON body with a stable `code` (/^[A-Z_]+$/) and a message;
 * - no request whose body carries a privileged key (role, sub, pk, pinHash,
 *   `__proto__`, …; NEVER_VALID) anywhere is accepted (S2);
 * - no body carries a stack trace or a source path;
 * - a rejected request stored nothing: no successful DynamoDB data write
 *   happened while it ran (test/support/fuzz-write-counter.ts sees every
 *   write of the process; the designed side effects are kiosk wrong-PIN
 *   counters and access-log READ entries of authorised staff reads), and for
 *   every route the tables other than the audit log hold as many items as
 *   before unless some request of that route succeeded.
 * Afterwards: no prototype was polluted, and no seeded name or national id
 * appears in any log line (S7).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ROUTES } from '../../shared/contract/routes.js';
import type { RouteDef } from '../../shared/contract/routes.js';
import type { TableKey } from '../../shared/contract/tables.js';
import { TABLES } from '../../shared/contract/tables.js';
import { FileAnchorStore } from '../../shared/adapters/audit-anchors.js';
import { LocalAuditMac } from '../../shared/adapters/audit-mac.js';
import { FixedClock } from '../../shared/adapters/clock.js';
import { staffDirectoryOf } from '../../shared/adapters/staff-directory.js';
import type { ApiDynamo } from '../support/api-dynamo.js';
import { startApiDynamo } from '../support/api-dynamo.js';
import { configFor, testDeps, type TestDeps } from '../support/test-deps.js';
import { assign, seedCard, seedDevice, seedParticipant } from '../support/api-seed.js';
import type { SeededParticipant } from '../support/api-seed.js';
import type { Captured } from '../support/capture-logs.js';
import { captureLogs, scanLogsAfterEach } from '../support/capture-logs.js';
import type { ApiEvent, FuzzWorld } from '../support/fuzz-requests.js';
import { hostileRequestArb, pathParamNames } from '../support/fuzz-requests.js';
import type { WriteCounter } from '../support/fuzz-write-counter.js';
import { startWriteCounter } from '../support/fuzz-write-counter.js';

const RUNS_PER_ROUTE = 1000;
const SEED = 20261015;

type Handler = (event: ApiEvent, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const context = { awsRequestId: 'fuzz', functionName: 'fuzz', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

/** A stack frame (`at fn (file:line:col)`), a source or module path, or an error class name: none may reach a client. */
const LEAK = /\bat (?:async )?\S+ \(.*:\d+:\d+\)|\bat \/|file:\/\/|\/work\/|node_modules|\.tsx?:\d+|\b(?:TypeError|RangeError|SyntaxError|ReferenceError)\b/;
const CODE = /^[A-Z_]+$/;

/**
 * Keys no request schema of this API accepts anywhere: a body carrying one
 * must be refused (S2: privileged fields → 400, never stored).
 */
const NEVER_VALID = new Set(['__proto__', 'constructor', 'prototype', 'role', 'roles', 'groups', 'cognito:groups', 'sub', 'isAdmin', 'admin', 'pk', 'sk', 'pinHash', 'credentialHash', 'diagnosis', 'approvedBy']);

function privilegedKeyIn(value: unknown, depth = 0): string | undefined {
  if (depth > 50 || typeof value !== 'object' || value === null) return undefined;
  for (const [k, v] of Object.entries(value)) {
    if (!Array.isArray(value) && NEVER_VALID.has(k)) return k;
    const inner = privilegedKeyIn(v, depth + 1);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

function requestBodyJson(event: ApiEvent): unknown {
  if (event.body === undefined || event.isBase64Encoded) return undefined;
  try {
    return JSON.parse(event.body);
  } catch {
    return undefined;
  }
}

const world: FuzzWorld = {
  municipality: '5001',
  participantId: 'p-fuzz',
  otherParticipantId: 'p-other',
  foreignParticipantId: 'p-foreign',
  deviceId: 'kiosk-fuzz',
  adviserSub: 'adviser-fuzz',
  knownIds: ['p-fuzz', 'p-other', 'p-foreign', 'p-nobody', '2026-10', '2026-09', '2026-10-14', '2026-10-17', 'kiosk-fuzz', 'cr-5d1f6a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b', 'kl-7f3b8c4d-5e6f-4a7b-8c8d-9e0f1a2b3c4d', 'archive-5001-2026-10-1', 'archive-0301-2026-10-1'],
};

let db: ApiDynamo;
let deps: TestDeps;
let auditDir: string | undefined;
let counter: WriteCounter;
let logs: Captured;
const seeded: SeededParticipant[] = [];
const clock = new FixedClock('2026-10-15T10:00:00Z');

interface RouteReport {
  route: string;
  runs: number;
  byStatus: Record<string, number>;
  ms: number;
}
const reports: RouteReport[] = [];

/** Redemption attempts counted per source before the code is read (side effects by design, as the write counter says). */
async function sourceCounters(): Promise<number> {
  const r = await db.client.send(new ScanCommand({ TableName: db.tableName('participants'), FilterExpression: 'begins_with(pk, :p)', ExpressionAttributeValues: { ':p': { S: 'ACTIVATION-SRC#' } }, Select: 'COUNT' }));
  return r.Count ?? 0;
}

async function tableCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t.key] = await db.count(t.key as TableKey);
  out.participants! -= await sourceCounters();
  return out;
}

/** The access log may grow by READ entries of authorised staff reads (S6), even when the read then finds nothing. */
function withoutAudit(counts: Record<string, number>): Record<string, number> {
  const { auditLog: _audit, ...rest } = counts;
  return rest;
}

/** The route's handler module, bound to this file's dependency object. */
async function loadHandler(fn: string): Promise<Handler> {
  const mod = (await import(`../../functions/${fn}/handler.js`)) as { handler?: unknown };
  const handler = mod.handler as (Handler & { withDeps?: (d: TestDeps) => Handler }) | undefined;
  if (typeof handler !== 'function' || typeof handler.withDeps !== 'function') throw new Error(`functions/${fn}/handler.ts exports no handler that takes a dependency object`);
  return handler.withDeps(deps);
}

beforeAll(async () => {
  db = await startApiDynamo('fuzz');
  // The handlers' dependency object talks to DynamoDB Local through the counter.
  counter = await startWriteCounter(db.endpoint, db.tableName('auditLog'));
  // The user directory (the staff pool on AWS): the fuzz adviser of 5001 and one of Oslo.
  const staff = staffDirectoryOf([
    { sub: world.adviserSub, municipality: '5001', groups: ['adviser'], enabled: true },
    { sub: 'adviser-oslo', municipality: '0301', groups: ['adviser'], enabled: true },
  ]);
  // The audit key and anchor the verifying routes use (GET /audit/verification, the access log): local stand-ins in a temp folder.
  auditDir = mkdtempSync(join(tmpdir(), 'introflyt-fuzz-audit-'));
  const auditServices = { mac: new LocalAuditMac(randomBytes(32)), anchors: new FileAnchorStore(join(auditDir, 'anchors.jsonl')) };
  // The payroll workflow (Step Functions on AWS): starts are recorded, nothing runs (an archive package job a valid request starts stays PENDING).
  const started = new Set<string>();
  const workflow = { start: async (_id: string, name: string) => void started.add(name), isRunning: async (name: string) => started.has(name) };
  deps = testDeps(configFor(counter.url, db.tableName), { clock, staff, auditServices, workflow });
  seeded.push(await seedParticipant(deps, 'p-fuzz'), await seedParticipant(deps, 'p-other'), await seedParticipant(deps, 'p-foreign', { municipality: '0301' }));
  await assign(deps, 'p-fuzz', world.adviserSub);
  await assign(deps, 'p-foreign', world.adviserSub, '0301');
  await seedCard(deps, 'p-fuzz', 'FUZZCARD1', '4826');
  await seedDevice(deps, world.deviceId);
  await deps.policies.savePolicy(
    { municipality: '5001', benefit: {}, attendance: { replayWindowHours: 72, missingCheckout: 'END_OF_SESSION' }, version: 1, updatedAt: '2026-09-01T00:00:00.000Z' },
    0,
  );
  logs = captureLogs();
});

afterAll(async () => {
  logs?.stop();
  if (reports.length > 0) {
    const lines = reports.map((r) => `${r.route.padEnd(46)} ${String(r.runs).padStart(5)} ${String(r.ms).padStart(7)} ms  ${Object.entries(r.byStatus).map(([s, n]) => `${s}×${n}`).join(' ')}`);
    console.log(`S1 fuzz: ${reports.reduce((n, r) => n + r.runs, 0)} hostile requests over ${reports.length} routes\n${lines.join('\n')}`);
  }
  if (auditDir !== undefined) rmSync(auditDir, { recursive: true, force: true });
  await counter?.close();
  await db?.stop();
});

test('every route in shared/contract/routes.ts has a handler and its path parameters are named in the template', async () => {
  expect(ROUTES.length).toBeGreaterThan(0);
  for (const r of ROUTES) {
    await expect(loadHandler(r.fn)).resolves.toBeInstanceOf(Function);
    expect(r.path.split('/').filter((s) => s.startsWith('{')).length).toBe(pathParamNames(r.path).length);
  }
});

describe.each(ROUTES.map((r, i) => [`${r.method} ${r.path}`, r, i] as [string, RouteDef, number]))('%s', (name, route, index) => {
  test(`${RUNS_PER_ROUTE} hostile requests: no crash, no 5xx, every rejection a 4xx with a stable code, no stack trace, nothing stored by a rejection`, async () => {
    const handler = await loadHandler(route.fn);
    const byStatus: Record<string, number> = {};
    let succeeded = 0;
    const before = await tableCounts();
    const t0 = performance.now();
    await fc.assert(
      fc.asyncProperty(hostileRequestArb(route, world), async ({ kind, event }) => {
        const writesBefore = counter.writes();
        let result: APIGatewayProxyStructuredResultV2;
        try {
          result = await handler(event, context);
        } catch (err) {
          throw new Error(`${name} crashed on a ${kind} request: ${err instanceof Error ? err.name : typeof err}`);
        }
        const status = result.statusCode ?? 0;
        byStatus[status] = (byStatus[status] ?? 0) + 1;
        const raw = result.body ?? '';
        if (status >= 500 || status < 200) throw new Error(`${name}: ${status} on a ${kind} request: ${raw.slice(0, 300)}`);
        if (LEAK.test(raw)) throw new Error(`${name}: a stack trace or source path in the body of a ${kind} request`);
        if (status >= 400) {
          const body = JSON.parse(raw) as { code?: unknown; message?: unknown };
          if (typeof body.code !== 'string' || !CODE.test(body.code) || typeof body.message !== 'string')
            throw new Error(`${name}: ${status} without a stable code on a ${kind} request: ${raw.slice(0, 200)}`);
          const wrote = counter.writes() - writesBefore;
          if (wrote !== 0) throw new Error(`${name}: a rejected ${kind} request (${status} ${body.code}) wrote ${wrote} item(s)`);
        } else {
          succeeded++;
          const privileged = privilegedKeyIn(requestBodyJson(event));
          if (privileged !== undefined) throw new Error(`${name}: S2: a ${kind} request with the privileged field ${JSON.stringify(privileged)} was accepted (${status})`);
        }
      }),
      { numRuns: RUNS_PER_ROUTE, seed: SEED + index, endOnFailure: true },
    );
    const ms = Math.round(performance.now() - t0);
    reports.push({ route: name, runs: RUNS_PER_ROUTE, byStatus, ms });
    expect(Object.values(byStatus).reduce((a, b) => a + b, 0)).toBe(RUNS_PER_ROUTE);
    // A cross-check of the write counter: with no success, every table holds what it held.
    if (succeeded === 0) expect(withoutAudit(await tableCounts())).toEqual(withoutAudit(before));
  });
});

test('no prototype was polluted, in this context or in the process outside it', () => {
  // structuredClone makes its objects in the process's own realm, which later test files share.
  for (const proto of [Object.prototype, Object.getPrototypeOf(structuredClone({})) as object]) expect(Object.keys(proto)).toEqual([]);
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(probe.role).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).filter((k) => !['constructor', '__defineGetter__', '__defineSetter__', 'hasOwnProperty', '__lookupGetter__', '__lookupSetter__', 'isPrototypeOf', 'propertyIsEnumerable', 'toString', 'valueOf', '__proto__', 'toLocaleString'].includes(k))).toEqual([]);
});

// S7: after each test, no seeded name or national id in the log lines it caused, and no server-error line.
scanLogsAfterEach(
  () => logs,
  () => seeded.flatMap((p) => [p.givenName, p.familyName, p.nationalId]),
);
afterEach(() => expect(logs.lines().filter((l) => l.level === 'ERROR')).toEqual([]));

test('each seeded person is named once in the participants table (identity items only)', async () => {
  // The participants table still names each seeded person once (identity items only).
  const items = JSON.stringify((await db.client.send(new ScanCommand({ TableName: db.tableName('participants') }))).Items);
  for (const p of seeded) expect(items.split(p.nationalId).length - 1).toBe(1);
});
