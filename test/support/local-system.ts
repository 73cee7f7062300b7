/**
 * One running local system per test file (infra/local/system.ts): DynamoDB
 * Local in memory on a free port, the tables of the synthesized stateful
 * template, the HTTP front on a free port serving every row of
 * shared/contract/routes.ts with the real handler modules, and a local JWT issuer.
 * Tests talk to it over HTTP only, as a client would.
 *
 * API (all async unless noted):
 *
 *   const sys = await startTestSystem({ seed?, clock?, deps?, log? });
 *     seed: true  → the demo municipality 5001 of `npm start` (DEMO_USERS, DEMO_PARTICIPANTS
 *                   in infra/local/seed.ts) and POST /local/token; default false (empty tables).
 *     clock: '2026-10-01T08:00:00Z' | FixedClock → the handlers' clock (deps.clock) is fixed;
 *                   `sys.clock` is that FixedClock (set/advance it between requests).
 *     deps: { staff, complaintReader, … } → parts of the handlers' dependency object.
 *     config: { payrollBatchSize: 2 } → settings that differ from the system's configuration.
 *   sys.deps: the dependency object bound to every handler of the system (its repositories,
 *                   for seeding and reading); `sys.deps.swap({ audit: failing })` replaces parts
 *                   for a while, `sys.deps.swap({})` restores them (test/support/test-deps.ts).
 *   sys.workflow: the system's payroll workflow runner (wait, abort, options, warm).
 *     log: true   → the local adapter's request lines on stdout (default off; handlers' own
 *                   Powertools lines are always written, for S7 log scans).
 *   afterAll(() => sys.stop());               // stops HTTP and Java; safe to call twice
 *
 *   await sys.tokenFor('adviser1')             // a seeded demo user (needs seed: true)
 *   await sys.tokenFor({ sub, groups: ['adviser'], municipality: '5001' })
 *   await sys.tokenFor(participant('p-ada'))   // helpers below build the claims:
 *     participant(pid, muni?)  staff(sub, groups, muni?)
 *     kiosk(deviceId, muni?): a USER token claiming the kiosk group (what an attacker could
 *                   get from the user pool): never a kiosk; routes refuse it
 *   await sys.tokenFor(device('kiosk-1'))      // a kiosk's own client-credentials access token
 *                   (as POST /oauth2/token issues it) for a device seeded with seedDevice
 *
 *   const r = await sys.http('POST', '/checkins', { token, body: {...} });
 *     → { status, body (parsed JSON or undefined), raw (text), headers (lower-case) }
 *     options: token, body (JSON-encoded, content-type set), rawBody (sent as is),
 *              headers, query ({ month: '2026-10' } → ?month=2026-10)
 *
 *   await sys.count('attendance')           // items in a table (consistent scan): "0 writes" checks
 *   await sys.count('decisions', 'DEC#')    // only items whose sort key starts so (decision versions)
 *   await sys.system.audit.drain()          // seal every audit entry appended so far (the stream-fed sealer)
 *   sys.baseUrl, sys.system (the LocalSystem: env, dynamoEndpoint, issuer, tables)
 *
 * Seeding goes through the same repositories: test/support/api-seed.ts
 * (`seedParticipant(sys.deps, …)`, `seedCard`, `seedDevice`, `assign`) and `sys.deps`.
 *
 * One system per process: jest runs each test file in its own worker
 * module registry but the same process.env, so start it in `beforeAll` and
 * stop it in `afterAll` of the file, never two at once.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { TokenRequest } from '../../infra/local/auth.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamo.js';
import { DEMO_USERS } from '../../infra/local/seed.js';
import { startLocalSystem, type LocalSystem } from '../../infra/local/system.js';
import { synthesizeStatefulTemplate, type CfnTemplate } from '../../infra/local/tables.js';
import { PROJECT_ROOT } from '../../infra/project.js';
import { FixedClock } from '../../shared/adapters/clock.js';
import type { Deps } from '../../shared/adapters/deps.js';
import type { Config } from '../../shared/config.js';
import type { LocalPayrollRunner } from '../../infra/local/workflow-runner.js';
import { createDeps } from '../../shared/adapters/deps.js';
import { swappable, type TestDeps } from './test-deps.js';
import type { TableKey } from '../../shared/contract/tables.js';
import { TABLES } from '../../shared/contract/tables.js';

export interface HttpOptions {
  token?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
}

export interface HttpReply {
  status: number;
  /** Parsed JSON body, or undefined when the body is empty or not JSON. */
  body: Record<string, unknown> | undefined;
  raw: string;
  headers: Record<string, string>;
}

/** A registered kiosk, by device id: its token is a client-credentials access token. */
export interface DeviceWho {
  device: string;
}

export type Who = string | TokenRequest | DeviceWho;

export interface TestSystem {
  baseUrl: string;
  system: LocalSystem;
  /** The handlers' clock when `clock` was given. */
  clock: FixedClock | undefined;
  /** The dependency object bound to every handler of the system. */
  deps: TestDeps;
  /** The system's payroll workflow runner. */
  workflow: LocalPayrollRunner;
  tokenFor(who: Who): Promise<string>;
  http(method: string, path: string, options?: HttpOptions): Promise<HttpReply>;
  /** Items in a table (consistent Scan), to check what a request wrote; with `skPrefix` only items whose sort key starts with it. */
  count(table: TableKey, skPrefix?: string): Promise<number>;
  stop(): Promise<void>;
}

export interface TestSystemOptions {
  seed?: boolean;
  clock?: string | FixedClock;
  log?: boolean;
  /** Fixed "now" for the demo seed's history (default: the clock's time, else the real clock). */
  seedNow?: Date;
  /** Serve web/dist (default false: API only). */
  staticFiles?: boolean;
  /** The audit stream poller's idle interval; a long one leaves sealing to `sys.system.audit.drain()`. */
  auditPollMs?: number;
  /** Parts of the handlers' dependency object (besides the clock). */
  deps?: Partial<Deps>;
  /** Settings that differ from the local system's configuration (a smaller payroll batch, …). */
  config?: Partial<Config>;
}

export const participant = (participantId: string, municipality = '5001'): TokenRequest => ({ sub: `sub-${participantId}`, groups: ['participant'], municipality, participantId });
export const kiosk = (deviceId: string, municipality = '5001'): TokenRequest => ({ sub: `sub-${deviceId}`, groups: ['kiosk'], municipality, deviceId });
export const staff = (sub: string, groups: string[], municipality = '5001'): TokenRequest => ({ sub, groups, municipality });
export const device = (deviceId: string): DeviceWho => ({ device: deviceId });

/**
 * The synthesized stateful template, kept in the OS temp folder between test
 * files (tests only: `npm start` always synthesizes). Keyed by the content of
 * everything that defines the tables and by the CDK version, so a change to
 * any of them synthesizes afresh; written by rename, so parallel workers never
 * read half a file. Saves a CDK synthesis (seconds of CPU) per test file.
 */
export async function statefulTemplate(): Promise<CfnTemplate> {
  const inputs = ['infra/stateful-stack.ts', 'shared/contract/tables.ts', 'infra/constructs/shared-tables.ts', 'cdk.json', 'node_modules/aws-cdk-lib/package.json'];
  const hash = createHash('sha256');
  for (const f of inputs) hash.update(f).update('\0').update(readFileSync(join(PROJECT_ROOT, f)));
  const file = join(tmpdir(), `introflyt-stateful-${hash.digest('hex').slice(0, 24)}.json`);
  if (existsSync(file)) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as CfnTemplate;
    } catch {
      // A damaged cache file: synthesize and replace it.
    }
  }
  const template = await synthesizeStatefulTemplate();
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(template));
  renameSync(temp, file);
  return template;
}

export async function startTestSystem(options: TestSystemOptions = {}): Promise<TestSystem> {
  const clock = options.clock === undefined ? undefined : typeof options.clock === 'string' ? new FixedClock(options.clock) : options.clock;
  const seedNow = options.seedNow ?? clock?.now();
  const system = await startLocalSystem({
    dataDir: null,
    port: 0,
    seed: options.seed === true,
    quiet: options.log !== true,
    statefulTemplate: await statefulTemplate(),
    ...(options.staticFiles === true ? {} : { staticDir: null }),
    ...(seedNow !== undefined ? { seedNow } : {}),
    ...(options.auditPollMs !== undefined ? { auditPollMs: options.auditPollMs } : {}),
    deps: (config, parts) => swappable(createDeps({ ...config, ...options.config }, { ...parts, ...options.deps, ...(clock !== undefined ? { clock } : {}) })),
  });
  const deps = system.deps as TestDeps;

  const tokenFor = async (who: Who): Promise<string> => {
    if (typeof who !== 'string' && 'device' in who) {
      const registered = await deps.kioskDevices.getDevice(who.device);
      if (registered?.clientId === undefined) throw new Error(`tokenFor: no registered device ${who.device} with a client (seedDevice first)`);
      return system.issuer.issueAccessToken({ clientId: registered.clientId, scope: deps.config.deviceScope, ttlSeconds: 900 });
    }
    if (typeof who !== 'string') return system.issueToken(who);
    const user = DEMO_USERS.find((u) => u.username === who);
    if (user === undefined || options.seed !== true) throw new Error(`tokenFor: ${who} is not a seeded demo user (start with seed: true, or pass claims)`);
    return system.issueToken(user);
  };

  const http = async (method: string, path: string, o: HttpOptions = {}): Promise<HttpReply> => {
    const qs = o.query === undefined ? '' : `?${new URLSearchParams(o.query).toString()}`;
    const headers: Record<string, string> = { ...(o.token !== undefined ? { authorization: `Bearer ${o.token}` } : {}) };
    let body: string | undefined;
    if (o.rawBody !== undefined) body = o.rawBody;
    else if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] = 'application/json';
    }
    Object.assign(headers, o.headers);
    const res = await fetch(`${system.baseUrl}${path}${qs}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const raw = await res.text();
    let parsed: Record<string, unknown> | undefined;
    try {
      parsed = raw === '' ? undefined : (JSON.parse(raw) as Record<string, unknown>);
    } catch {
      parsed = undefined;
    }
    const out: Record<string, string> = {};
    res.headers.forEach((v, k) => (out[k] = v));
    return { status: res.status, body: parsed, raw, headers: out };
  };

  const db = new DynamoDBClient({ endpoint: system.dynamoEndpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } });
  const count = async (table: TableKey, skPrefix?: string): Promise<number> => {
    const name = system.env[TABLES.find((t) => t.key === table)!.envVar]!;
    let n = 0;
    let start: Record<string, never> | undefined;
    do {
      const r = await db.send(
        new ScanCommand({
          TableName: name,
          Select: 'COUNT',
          ConsistentRead: true,
          ExclusiveStartKey: start,
          ...(skPrefix === undefined ? {} : { FilterExpression: 'begins_with(sk, :p)', ExpressionAttributeValues: { ':p': { S: skPrefix } } }),
        }),
      );
      n += r.Count ?? 0;
      start = r.LastEvaluatedKey as Record<string, never> | undefined;
    } while (start !== undefined);
    return n;
  };

  return {
    baseUrl: system.baseUrl,
    system,
    clock,
    deps,
    workflow: system.workflow,
    tokenFor,
    http,
    count,
    stop: async () => {
      db.destroy();
      await system.stop();
    },
  };
}
