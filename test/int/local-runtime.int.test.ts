/**
 * The embedded runtime itself (infra/local):
 *
 * - `npm start` (infra/local/start.ts as a child process, as a user runs it):
 *   prints the URLs and the demo-token recipe, seeds the demo municipality,
 *   serves the API with demo tokens; Ctrl-C stops it and its Java child; a
 *   second start on the folder keeps the data and the signing key (old
 *   tokens still work); a killed parent (SIGKILL, no handler runs) still
 *   takes Java down.
 * - Tables from the synthesized template: what is read, what is refused.
 * - The API Gateway adapter (infra/local/http-server.ts) in-process, without
 *   Java: JWT verification as the HTTP API authorizer does it, the v2 event
 *   shape (claims as strings, `cognito:groups` as "[a b]"), route matching,
 *   405/404/413, bounded in-flight answered with 503 (never a silent drop),
 *   handler failures and timeouts, static pages without path traversal.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { join } from 'node:path';
import { createLocalIssuer, type LocalIssuer } from '../../infra/local/auth.js';
import { startHttpServer, type LocalHttpServer } from '../../infra/local/http-server.js';
import type { ApiEvent } from '../../infra/local/lambda-adapter.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION, liveDynamoPids, startDynamoLocal } from '../../infra/local/dynamo.js';
import { freePort, parsePort } from '../../infra/local/ports.js';
import { DEMO_USERS } from '../../infra/local/seed.js';
import { startLocalSystem } from '../../infra/local/system.js';
import { baseNameOf, ensureTables, synthesizeStatefulTemplate, tablesFromTemplate, type CfnTemplate } from '../../infra/local/tables.js';
import { TABLES } from '../../shared/contract/tables.js';
import type { RouteDef } from '../../shared/contract/routes.js';
import { PROJECT_ROOT } from '../../infra/project.js';
import { npmStart } from '../support/npm-start.js';


/** GET with the request target exactly as given. */
function rawGet(port: number, target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: target, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** One synthesis of the stateful template for this file (CDK synthesis costs seconds of CPU). */
let synthesized: Promise<CfnTemplate> | undefined;
const template = (): Promise<CfnTemplate> => (synthesized ??= synthesizeStatefulTemplate());

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function goneWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !alive(pid);
}

const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve(child.exitCode) : new Promise((r) => child.once('exit', (code) => r(code)));

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'introflyt-npm-start-'));
  const pids: number[] = [];
  afterAll(() => {
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('serves the seeded demo; Ctrl-C stops Java; a restart keeps data and key', async () => {
    const first = await npmStart(dataDir);
    pids.push(first.javaPid);
    expect(first.output()).toMatch(/seeded: 6 participants, \d+ check-ins\/outs, \d+ absences/);
    for (const page of ['/kiosk/', '/participant/', '/adviser/', '/payroll/']) expect(first.output()).toContain(`${first.api}${page}`);
    expect(first.output()).toContain(`-X POST ${first.api}/local/token`);

    const tokenReply = await fetch(`${first.api}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'p1' }) });
    expect(tokenReply.status).toBe(200);
    const { token } = (await tokenReply.json()) as { token: string };
    const month = new Date().toISOString().slice(0, 7);
    const attendance = async (base: string) => fetch(`${base}/me/attendance?month=${month}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await attendance(first.api)).status).toBe(200);
    // The banner's own recipe works as printed.
    const recipe = /curl -s '(http:\/\/[^']+)' -H "authorization: Bearer \$TOKEN"/.exec(first.output());
    expect(recipe).not.toBeNull();
    expect((await fetch(recipe![1]!, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const users = (await (await fetch(`${first.api}/local/demo-users`)).json()) as { users: { username: string }[] };
    expect(users.users.map((u) => u.username)).toEqual(DEMO_USERS.map((u) => u.username));

    first.child.kill('SIGINT');
    expect(await exited(first.child)).toBe(0);
    expect(await goneWithin(first.javaPid, 10_000)).toBe(true);

    // The same folder again (in this process): tables exist, the seed is not repeated, and the
    // signing key is the same, so the first run's token still reads the seeded month.
    const again = await startLocalSystem({ dataDir, seed: true, quiet: true, staticDir: null, statefulTemplate: await template() });
    try {
      pids.push(again.dynamoPid);
      expect(again.seed?.seeded).toBe(false);
      expect(again.tables.created).toEqual([]);
      expect(again.tables.existing).toHaveLength(5);
      expect(again.env.PAYROLL_WORKFLOW_MODE).toBe('local');
      const r = await attendance(again.baseUrl);
      expect(r.status).toBe(200);
      const exported = await fetch(`${again.baseUrl}/me/data-export`, { headers: { authorization: `Bearer ${token}` } });
      expect(((await exported.json()) as { checkins: unknown[] }).checkins.length).toBeGreaterThan(20);
      // A template whose table has another key than the stored one is refused, naming the fix.
      const changed = JSON.parse(JSON.stringify(await template())) as { Resources: Record<string, { Type: string; Properties: { KeySchema: { AttributeName: string }[]; AttributeDefinitions: { AttributeName: string }[] } }> };
      const table = Object.values(changed.Resources).find((r) => r.Type === 'AWS::DynamoDB::Table')!;
      table.Properties.KeySchema[0]!.AttributeName = 'id';
      for (const a of table.Properties.AttributeDefinitions) if (a.AttributeName === 'pk') a.AttributeName = 'id';
      const client = new DynamoDBClient({ endpoint: again.dynamoEndpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } });
      try {
        await expect(ensureTables(client, changed)).rejects.toThrow(/LOCAL_TABLE_MISMATCH/);
      } finally {
        client.destroy();
      }
    } finally {
      await again.stop();
    }
    expect(alive(again.dynamoPid)).toBe(false);
    expect(liveDynamoPids()).toEqual([]);
  }, 240_000);

  test('a parent killed outright (SIGKILL, no handler runs) still takes its Java child down', async () => {
    const script = "import { startDynamoLocal } from './infra/local/dynamo.ts'; const d = await startDynamoLocal(); console.log('JAVA ' + d.pid); setInterval(() => undefined, 1000);";
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const javaPid = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString('utf8');
        const m = /JAVA (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    pids.push(javaPid);
    expect(alive(javaPid)).toBe(true);
    child.kill('SIGKILL');
    await exited(child);
    // The watchdog ends Java when its parent dies without running any handler.
    expect(await goneWithin(javaPid, 15_000)).toBe(true);
  }, 120_000);
});

describe('start-up errors a user can meet', () => {
  test('no Java: LOCAL_NO_JAVA naming what is needed', async () => {
    await expect(startDynamoLocal({ watchdog: false, javaCommand: join(tmpdir(), 'introflyt-no-such-java') })).rejects.toThrow(/LOCAL_NO_JAVA: .*Java 17 or newer/);
    expect(liveDynamoPids()).toEqual([]);
  });

  test('PORT: an integer 0..65535, 0 meaning any free port', async () => {
    expect(parsePort(undefined, 3000)).toBe(3000);
    expect(parsePort('', 3000)).toBe(3000);
    expect(parsePort('0', 3000)).toBe(0);
    expect(parsePort('8080', 3000)).toBe(8080);
    for (const bad of ['-1', '65536', '80.5', 'http']) expect(() => parsePort(bad, 3000)).toThrow(/LOCAL_BAD_PORT: PORT must be an integer/);
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
  });
});

describe('reading the synthesized template', () => {
  const table = (props: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ Type: 'AWS::DynamoDB::Table', Properties: props, ...extra });
  const keys = { KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' };
  const all = (over: Record<string, unknown> = {}) => ({
    Resources: Object.fromEntries(TABLES.map((t) => [`${t.id}Table0A1B2C3D`, table({ ...keys, ...over })])),
  });

  test('every table of shared/contract/tables.ts, by logical id, with billing, indexes, streams and TTL', async () => {
    const specs = tablesFromTemplate(await template(), 'x');
    expect(specs.map((s) => s.tableKey).sort()).toEqual(TABLES.map((t) => t.key).sort());
    expect(specs.find((s) => s.tableKey === 'participants')?.ttlAttribute).toBe('expiresAt');
    expect(baseNameOf('ParticipantsTable064D2F22')).toBe('Participants');
    const withAll = all({
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
      GlobalSecondaryIndexes: [{ IndexName: 'g', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' }, ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } }],
      LocalSecondaryIndexes: [{ IndexName: 'l', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] }],
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' },
    });
    const spec = tablesFromTemplate(withAll)[0]!;
    expect(spec.create).toMatchObject({ BillingMode: 'PROVISIONED', StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' }, LocalSecondaryIndexes: [{ IndexName: 'l', Projection: { ProjectionType: 'ALL' } }] });
    expect(spec.ttlAttribute).toBe('ttl');
  });

  test('anything it cannot read is refused with a code naming the table and property', () => {
    const bad: [unknown, RegExp][] = [
      [{}, /LOCAL_TEMPLATE_INVALID: the template has no Resources/],
      [{ Resources: { [`${TABLES[0]!.id}Table0A1B2C3D`]: table({ ...keys }) } }, /LOCAL_TABLE_MISSING/],
      [{ Resources: { OtherTable0A1B2C3D: table(keys) } }, /LOCAL_TABLE_UNKNOWN/],
      [{ Resources: { X: table(keys, { Metadata: { Introflyt: { tableKey: 'nope' } } }) } }, /LOCAL_TABLE_UNKNOWN/],
      [all({ KeySchema: [] }), /KeySchema must list one or two keys/],
      [all({ KeySchema: [{ AttributeName: 'pk', KeyType: 'SIDEWAYS' }] }), /KeyType must be HASH or RANGE/],
      [all({ KeySchema: [{ AttributeName: { Ref: 'X' }, KeyType: 'HASH' }] }), /must be a literal string/],
      [all({ AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'X' }] }), /AttributeType must be S, N or B/],
      [all({ AttributeDefinitions: [] }), /AttributeDefinitions must be a non-empty list/],
      [all({ BillingMode: 'FREE' }), /BillingMode must be/],
      [all({ BillingMode: 'PROVISIONED' }), /ProvisionedThroughput is required/],
      [all({ GlobalSecondaryIndexes: {} }), /GlobalSecondaryIndexes must be a list/],
      [all({ GlobalSecondaryIndexes: [{ IndexName: 'g', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], Projection: { ProjectionType: 'SOME' } }] }), /ProjectionType must be/],
      [all({ StreamSpecification: { StreamViewType: 'ALL' } }), /StreamViewType is not a stream view type/],
      [all({ TimeToLiveSpecification: 'yes' }), /TimeToLiveSpecification must be an object/],
    ];
    for (const [tpl, message] of bad) expect(() => tablesFromTemplate(tpl as never)).toThrow(message);
  });
});

describe('the local API Gateway adapter', () => {
  let issuer: LocalIssuer;
  let server: LocalHttpServer;
  let staticDir: string;
  const waiting: (() => void)[] = [];
  const seen: ApiEvent[] = [];
  const routes: RouteDef[] = [
    { method: 'GET', path: '/echo/{id}', fn: 'echo', roles: ['adviser'], tables: {} },
    { method: 'POST', path: '/echo/{id}', fn: 'echo', roles: ['adviser'], tables: {} },
    { method: 'GET', path: '/echo/fixed', fn: 'fixed', roles: ['adviser'], tables: {} },
    { method: 'GET', path: '/slow', fn: 'slow', roles: ['adviser'], tables: {} },
    { method: 'GET', path: '/boom', fn: 'boom', roles: ['adviser'], tables: {} },
    { method: 'GET', path: '/hang', fn: 'hang', roles: ['adviser'], tables: {} },
    { method: 'GET', path: '/plain', fn: 'plain', roles: ['adviser'], tables: {} },
  ];
  let token: string;

  beforeAll(async () => {
    issuer = await createLocalIssuer();
    staticDir = mkdtempSync(join(tmpdir(), 'introflyt-static-'));
    mkdirSync(join(staticDir, 'kiosk'));
    writeFileSync(join(staticDir, 'kiosk', 'index.html'), '<!doctype html><title>kiosk</title>');
    writeFileSync(join(staticDir, 'kiosk', 'app.js'), 'console.log(1)');
    writeFileSync(join(tmpdir(), 'introflyt-outside.txt'), 'outside');
    server = await startHttpServer({
      issuer,
      routes,
      staticDir,
      maxInFlight: 2,
      maxBodyBytes: 1024,
      demoUsers: [{ username: 'adviser1', sub: 'u-demo', groups: ['adviser'], municipality: '5001' }],
      handlerTimeoutMs: 300,
      log: null,
      resolveHandler: async (fn) => {
        switch (fn) {
          case 'echo':
            return (event: ApiEvent) => {
              seen.push(event);
              return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ok: true }), cookies: ['a=1'] };
            };
          case 'fixed':
            return () => ({ statusCode: 200, body: '"fixed"' });
          case 'slow':
            return () => new Promise((r) => waiting.push(() => r({ statusCode: 200, body: '{}' })));
          case 'boom':
            return () => {
              throw new Error('secret detail 12345678901');
            };
          case 'hang':
            return () => new Promise(() => undefined);
          case 'plain':
            return () => ({ hello: 'world' });
          default:
            throw new Error(`no ${fn}`);
        }
      },
    });
    token = await issuer.issueToken({ sub: 'u-1', groups: ['adviser', 'payroll'], municipality: '5001', username: 'adviser1' });
  });

  afterAll(async () => {
    await server?.close();
    rmSync(staticDir, { recursive: true, force: true });
  });

  const get = (path: string, headers: Record<string, string> = {}, init: RequestInit = {}) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers }, redirect: 'manual', ...init });

  test('builds the API Gateway v2 event with the JWT claims as the HTTP API authorizer passes them', async () => {
    const r = await get('/echo/p%2D1?month=2026-10&x=1&x=2', { cookie: 'c1=v1; c2=v2', 'x-extra': 'yes' });
    expect(r.status).toBe(200);
    expect(r.headers.get('set-cookie')).toBe('a=1');
    const e = seen.at(-1)!;
    expect(e).toMatchObject({
      version: '2.0',
      routeKey: 'GET /echo/{id}',
      rawPath: '/echo/p%2D1',
      rawQueryString: 'month=2026-10&x=1&x=2',
      pathParameters: { id: 'p-1' },
      queryStringParameters: { month: '2026-10', x: '1,2' },
      cookies: ['c1=v1', 'c2=v2'],
      isBase64Encoded: false,
    });
    expect(e.headers['x-extra']).toBe('yes');
    expect(e.requestContext.http.method).toBe('GET');
    const claims = e.requestContext.authorizer.jwt.claims;
    expect(claims).toMatchObject({ sub: 'u-1', 'cognito:groups': '[adviser payroll]', 'custom:municipality': '5001', 'cognito:username': 'adviser1', token_use: 'id' });
    expect(Object.values(claims).every((v) => typeof v === 'string')).toBe(true);
    expect(claims.exp).toMatch(/^\d+$/);
  });

  test('literal routes win over parameters; a JSON body passes as text, a binary one as base64', async () => {
    await get('/echo/fixed');
    expect((await (await get('/echo/fixed')).json()) as unknown).toBe('fixed');
    await fetch(`${server.url}/echo/b1`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(seen.at(-1)).toMatchObject({ body: '{"a":1}', isBase64Encoded: false });
    await fetch(`${server.url}/echo/b2`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: Buffer.from([0, 1, 2]) });
    expect(seen.at(-1)).toMatchObject({ body: 'AAEC', isBase64Encoded: true });
    // A handler result without statusCode is a 200 JSON body (payload format 2.0).
    const plain = await get('/plain');
    expect([plain.status, await plain.json()]).toEqual([200, { hello: 'world' }]);
  });

  test('401 without a valid token: missing, bad signature, expired, other audience, garbage', async () => {
    const other = await createLocalIssuer();
    const cases: [string | undefined, string][] = [
      [undefined, 'MISSING'],
      [await other.issueToken({ sub: 'u', groups: ['adviser'], municipality: '5001' }), 'signature'],
      [await issuer.issueToken({ sub: 'u', groups: ['adviser'], municipality: '5001', issuedAt: Math.floor(Date.now() / 1000) - 7200 }), 'expired'],
      [await issuer.issueToken({ sub: 'u', groups: ['adviser'], municipality: '5001', audience: 'someone-else' }), 'audience'],
      ['not.a.jwt', 'well-formed'],
    ];
    for (const [t] of cases) {
      const r = await fetch(`${server.url}/echo/x`, { headers: t === undefined ? {} : { authorization: `Bearer ${t}` } });
      expect(r.status).toBe(401);
      expect(((await r.json()) as { code: string }).code).toBe('UNAUTHORIZED');
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  test('unknown path 404, wrong method 405 with Allow, body too large 413', async () => {
    const none = await get('/nowhere');
    expect([none.status, ((await none.json()) as { code: string }).code]).toEqual([404, 'ROUTE_NOT_FOUND']);
    const method = await fetch(`${server.url}/slow`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect([method.status, method.headers.get('allow')]).toEqual([405, 'GET']);
    const big = await fetch(`${server.url}/echo/x`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ a: 'x'.repeat(2000) }) });
    expect([big.status, ((await big.json()) as { code: string }).code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  test('R8: beyond maxInFlight every request is answered at once with 503 OVERLOADED and Retry-After', async () => {
    const slow = [get('/slow'), get('/slow')];
    // Both reach their handler (token verified, body read) before the burst; no fixed sleep.
    for (let i = 0; i < 500 && waiting.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(server.inFlight()).toBe(2);
    const extra = await Promise.all(Array.from({ length: 5 }, () => get('/echo/x')));
    for (const r of extra) {
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toBe('1');
      expect(((await r.json()) as { code: string }).code).toBe('OVERLOADED');
    }
    // The first two were not dropped: they finish when their handler does.
    for (const release of waiting.splice(0)) release();
    const done = await Promise.all(slow);
    expect(done.map((r) => r.status)).toEqual([200, 200]);
    expect((await get('/echo/x')).status).toBe(200);
  });

  test('a failing handler is a generic 500 without detail; a hanging one is 504 after the Lambda timeout', async () => {
    const boom = await get('/boom');
    const text = await boom.text();
    expect([boom.status, JSON.parse(text)]).toEqual([500, { code: 'INTERNAL', message: 'Internal error' }]);
    expect(text).not.toContain('12345678901');
    const hang = await get('/hang');
    expect([hang.status, ((await hang.json()) as { code: string }).code]).toEqual([504, 'HANDLER_TIMEOUT']);
  });

  test('demo mode: a token by username (no password, this machine only), the key set, health', async () => {
    const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => fetch(`${server.url}/local/token`, { method: 'POST', headers, body });
    const ok = await post(JSON.stringify({ username: 'adviser1', ttlSeconds: 600 }));
    const issued = (await ok.json()) as { token: string; tokenType: string; expiresIn: number; groups: string[] };
    expect([ok.status, issued.tokenType, issued.expiresIn, issued.groups]).toEqual([200, 'Bearer', 600, ['adviser']]);
    const verified = await issuer.verify(`Bearer ${issued.token}`);
    expect(verified.ok && verified.claims).toMatchObject({ sub: 'u-demo', 'cognito:groups': '[adviser]', 'custom:municipality': '5001', 'cognito:username': 'adviser1' });
    const codeOf = async (r: Response) => [r.status, ((await r.json()) as { code: string }).code];
    expect(await codeOf(await post(JSON.stringify({ username: 'nobody' })))).toEqual([404, 'UNKNOWN_DEMO_USER']);
    expect(await codeOf(await post('{"username":'))).toEqual([400, 'MALFORMED_JSON']);
    expect(await codeOf(await post(JSON.stringify({ username: 'adviser1', admin: true })))).toEqual([400, 'VALIDATION_FAILED']);
    expect(await codeOf(await post(JSON.stringify({ username: 'x'.repeat(5000) })))).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(await codeOf(await fetch(`${server.url}/local/token`))).toEqual([405, 'METHOD_NOT_ALLOWED']);
    const users = (await (await fetch(`${server.url}/local/demo-users`)).json()) as { users: { username: string }[] };
    expect(users.users.map((u) => u.username)).toEqual(['adviser1']);
    const jwks = (await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string; kty: string; d?: string }[] };
    expect(jwks.keys).toEqual([expect.objectContaining({ kid: issuer.kid, kty: 'RSA' })]);
    expect(jwks.keys[0]!.d).toBeUndefined();
    expect(await (await fetch(`${server.url}/local/health`)).json()).toEqual({ status: 'ok', inFlight: 1, maxInFlight: 2 });
  });

  test('static pages same origin, directory redirect, no way out of the folder', async () => {
    const page = await fetch(`${server.url}/kiosk/`);
    expect([page.status, page.headers.get('content-type'), await page.text()]).toEqual([200, 'text/html; charset=utf-8', '<!doctype html><title>kiosk</title>']);
    expect((await fetch(`${server.url}/kiosk/app.js`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const dir = await fetch(`${server.url}/kiosk`, { redirect: 'manual' });
    expect([dir.status, dir.headers.get('location')]).toEqual([301, '/kiosk/']);
    // Sent as raw request targets (fetch would normalise the dots away before sending).
    for (const evil of ['/kiosk/../../introflyt-outside.txt', '/kiosk/%2e%2e/%2e%2e/introflyt-outside.txt', '/..%2fintroflyt-outside.txt', '/kiosk/..%2f..%2fintroflyt-outside.txt', '/kiosk/%00', '/kiosk/%zz']) {
      expect({ evil, status: await rawGet(server.port, evil) }).toEqual({ evil, status: 400 });
    }
    expect((await fetch(`${server.url}/participant/`)).status).toBe(404);
  });
});
