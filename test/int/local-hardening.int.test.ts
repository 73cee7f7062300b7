/**
 * Issue 8 item 9: the local system is no more open than it must be.
 *
 * - DynamoDB Local (any credentials, national ids in clear) and the HTTP
 *   server listen on loopback only: every listening socket of both ports is
 *   127.0.0.1 or ::1 (read from the kernel's socket table), and a connection
 *   to one of this machine's other addresses is refused.
 * - The data folder is 0700 and every file in it 0600, DynamoDB Local's
 *   SQLite file and the signing key included, also for data an older version
 *   left world-readable.
 * - Demo sign-in (tokens without a password) refuses a non-loopback HOST
 *   unless INTROFLYT_ALLOW_DEMO_ON_NETWORK says so, before Java starts, as
 *   `npm start` and as a library call.
 * - Pages cannot be framed (CSP frame-ancestors 'none', X-Frame-Options) and
 *   a directory redirect never leaves the origin (`GET //kiosk`).
 * - Every API route refuses an unknown query parameter with 400
 *   UNKNOWN_FIELD, `?__proto__=x` included, over the local server and as
 *   Lambda receives API Gateway's event (own properties from JSON.parse).
 */
import { spawn } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { liveDynamoPids } from '../../infra/local/dynamo.js';
import { checkDemoHost, isLoopbackHost } from '../../infra/local/demo-identity.js';
import { startLocalSystem, type LocalSystem } from '../../infra/local/system.js';
import { PROJECT_ROOT } from '../../infra/project.js';
import { ROUTES, type RouteDef } from '../../shared/contract/routes.js';
import type { Role } from '../../shared/contract/roles.js';
import { apiEvent, type Caller } from '../support/api-event.js';
import { seedDevice, seededClientId } from '../support/api-seed.js';
import { statefulTemplate } from '../support/local-system.js';

let dataDir: string;
let pagesDir: string;
let sys: LocalSystem;
let starting: Promise<LocalSystem> | undefined;

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'introflyt-hardening-'));
  dataDir = join(root, 'data');
  pagesDir = join(root, 'pages');
  // Data as an older version left it: a world-readable folder and file.
  mkdirSync(join(dataDir, 'old'), { recursive: true, mode: 0o755 });
  chmodSync(dataDir, 0o755);
  writeFileSync(join(dataDir, 'old', 'notes.txt'), 'x', { mode: 0o644 });
  mkdirSync(join(pagesDir, 'kiosk'), { recursive: true });
  writeFileSync(join(pagesDir, 'kiosk', 'index.html'), '<!doctype html><title>kiosk</title>');
  // Demo sign-in on, no demo data: the tables, the database file and the signing key are made all the same.
  starting = startLocalSystem({ dataDir, port: 0, seed: false, demo: true, quiet: true, staticDir: pagesDir, statefulTemplate: await statefulTemplate() });
  sys = await starting;
}, 300_000);

afterAll(async () => {
  // Also when the start outlived the hook's timeout: Java is stopped once it is up.
  await (await starting?.catch(() => undefined))?.stop();
  if (dataDir !== undefined) rmSync(join(dataDir, '..'), { recursive: true, force: true });
});

// ---------------------------------------------------------------------------
// Port binding

/** Local addresses of the listening TCP sockets on `port`, from /proc/net/tcp and tcp6 (hex, as the kernel writes them). */
function listeners(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const out: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 4) continue;
      const [address, p] = cols[1]!.split(':');
      // State 0A is LISTEN.
      if (p === hexPort && cols[3] === '0A') out.push(address!);
    }
  }
  return out;
}

/** 127.x.x.x, ::1 and ::ffff:127.x.x.x as /proc writes them (each 32-bit word little-endian). */
function isLoopbackHex(address: string): boolean {
  if (address.length === 8) return address.endsWith('7F');
  return address === '00000000000000000000000001000000' || /^0000000000000000FFFF0000[0-9A-F]{6}7F$/.test(address);
}

function refused(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 3000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('loopback only', () => {
  test('DynamoDB Local and the HTTP server listen on 127.0.0.1 / ::1 and nowhere else', async () => {
    const dynamoPort = Number(new URL(sys.dynamoEndpoint).port);
    for (const [what, port] of [
      ['DynamoDB Local', dynamoPort],
      ['HTTP', sys.http.port],
    ] as const) {
      const bound = listeners(port);
      expect({ what, listening: bound.length > 0 }).toEqual({ what, listening: true });
      expect({ what, bound: bound.filter((a) => !isLoopbackHex(a)) }).toEqual({ what, bound: [] });
    }
    // From this machine's other addresses (the network side), nothing answers.
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i !== undefined && !i.internal && i.family === 'IPv4')
      .map((i) => i!.address);
    for (const address of others) {
      for (const port of [dynamoPort, sys.http.port]) expect({ address, port, refused: await refused(address, port) }).toEqual({ address, port, refused: true });
    }
    // …while loopback does answer (the check above is not vacuous).
    expect(await refused('127.0.0.1', dynamoPort)).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// File modes

function walk(dir: string, out: { path: string; mode: number; dir: boolean }[] = []): { path: string; mode: number; dir: boolean }[] {
  const s = lstatSync(dir);
  out.push({ path: dir, mode: s.mode & 0o777, dir: true });
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = lstatSync(p);
    if (st.isDirectory()) walk(p, out);
    else if (st.isFile()) out.push({ path: p, mode: st.mode & 0o777, dir: false });
  }
  return out;
}

describe('data folder', () => {
  test('the folder and its folders are 0700, every file 0600: the SQLite database, the signing key and older files', () => {
    const entries = walk(dataDir).map((e) => ({ path: e.path.slice(dataDir.length) || '/', mode: e.mode.toString(8), dir: e.dir }));
    const files = entries.filter((e) => !e.dir).map((e) => e.path);
    expect(files).toEqual(expect.arrayContaining(['/dynamodb/shared-local-instance.db', '/keys/jwt-signing-key.json', '/old/notes.txt']));
    expect(entries.filter((e) => e.mode !== (e.dir ? '700' : '600'))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// Demo sign-in and HOST

describe('demo sign-in stays on this machine', () => {
  test('a non-loopback host with demo sign-in on is refused before Java starts, with what to do', async () => {
    const before = liveDynamoPids();
    // This process runs one system already; the refusal comes first, whatever else would fail.
    await expect(startLocalSystem({ host: '0.0.0.0', seed: true })).rejects.toThrow(/LOCAL_DEMO_ON_NETWORK: HOST=0\.0\.0\.0 .*HOST=127\.0\.0\.1.*INTROFLYT_ALLOW_DEMO_ON_NETWORK=1/);
    expect(liveDynamoPids()).toEqual(before);
  });

  test('the rule: loopback addresses pass; others only without demo sign-in or with the explicit flag', () => {
    for (const host of ['127.0.0.1', '127.0.1.1', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', 'localhost']) expect({ host, loopback: isLoopbackHost(host) }).toEqual({ host, loopback: true });
    for (const host of ['0.0.0.0', '::', '192.168.1.20', '10.0.0.1', '::ffff:10.0.0.1', 'fe80::1', 'example.org']) {
      expect({ host, loopback: isLoopbackHost(host) }).toEqual({ host, loopback: false });
      expect(() => checkDemoHost(host, true, false)).toThrow(/LOCAL_DEMO_ON_NETWORK/);
      expect(() => checkDemoHost(host, true, true)).not.toThrow();
      expect(() => checkDemoHost(host, false, false)).not.toThrow();
    }
  });

  test('npm start with HOST=0.0.0.0 exits 1 naming the problem and the flag', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, HOST: '0.0.0.0', PORT: '0', QUIET: '1', INTROFLYT_DATA_DIR: join(dataDir, '..', 'never') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(out).toMatch(/npm start failed: LOCAL_DEMO_ON_NETWORK: HOST=0\.0\.0\.0 is not a loopback address/);
    expect(out).toContain('INTROFLYT_ALLOW_DEMO_ON_NETWORK=1');
    expect(out).not.toContain('Introflyt is running');
  }, 120_000);
});

// ---------------------------------------------------------------------------
// Pages

/** GET with the request target exactly as given (fetch would normalise `//`). */
function rawGet(target: string): Promise<{ status: number; location: string | undefined; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: sys.http.port, path: target, method: 'GET' }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, location: res.headers.location, headers: res.headers });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('pages', () => {
  test("pages cannot be framed: CSP frame-ancestors 'none' and X-Frame-Options DENY, as CloudFront sends them", async () => {
    const page = await rawGet('/kiosk/');
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  test('no protocol-relative redirect: //kiosk is refused, /kiosk goes to /kiosk/ on this origin', async () => {
    for (const evil of ['//kiosk', '/%2Fkiosk', '//kiosk?x=1', '/kiosk//', '///kiosk']) {
      const r = await rawGet(evil);
      expect({ evil, status: r.status, location: r.location }).toEqual({ evil, status: 400, location: undefined });
    }
    expect(await rawGet('/kiosk')).toMatchObject({ status: 301, location: '/kiosk/' });
    expect(await rawGet('/kiosk?lang=en')).toMatchObject({ status: 301, location: '/kiosk/?lang=en' });
  });
});

// ---------------------------------------------------------------------------
// Query parameters

const CLAIMS: Readonly<Record<Role, Caller>> = {
  participant: { sub: 'sub-p-query', groups: ['participant'], municipality: '5001', participantId: 'p-query' },
  kiosk: { sub: 'sub-kiosk-query', groups: ['kiosk'], municipality: '5001', deviceId: 'kiosk-query' },
  adviser: { sub: 'adviser-query', groups: ['adviser'], municipality: '5001' },
  payroll: { sub: 'payroll-query', groups: ['payroll'], municipality: '5001' },
  admin: { sub: 'admin-query', groups: ['admin'], municipality: '5001' },
};

const concretePath = (route: RouteDef): string => route.path.replace(/\{[A-Za-z]+\}/g, (p) => (p === '{period}' ? '2026-10' : 'x-query'));

describe('query parameters', () => {
  test('every API route: an unknown parameter and ?__proto__=x are 400 UNKNOWN_FIELD naming it', async () => {
    // A kiosk is only ever a registered device's client-credentials token (the kiosk authorizer's routes).
    await seedDevice(sys.deps, CLAIMS.kiosk.deviceId!);
    const deviceToken = await sys.issuer.issueAccessToken({ clientId: seededClientId(CLAIMS.kiosk.deviceId!), scope: sys.deps.config.deviceScope, ttlSeconds: 900 });
    for (const route of ROUTES) {
      // A public route (no roles) is called without a token, as the phone calls it.
      const c = route.roles[0] === undefined ? undefined : CLAIMS[route.roles[0]];
      const token =
        c === undefined
          ? undefined
          : route.roles[0] === 'kiosk' && route.authorizer === 'device'
            ? deviceToken
            : await sys.issueToken({ sub: c.sub, groups: c.groups, municipality: c.municipality!, ...(c.participantId ? { participantId: c.participantId } : {}), ...(c.deviceId ? { deviceId: c.deviceId } : {}) });
      for (const [query, name] of [
        ['__proto__=x', '__proto__'],
        ['utm_source=mail', 'utm_source'],
        ['constructor=1', 'constructor'],
      ] as const) {
        const res = await fetch(`${sys.baseUrl}${concretePath(route)}?${query}`, {
          method: route.method,
          headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...(route.method === 'GET' ? {} : { 'content-type': 'application/json' }) },
          ...(route.method === 'GET' ? {} : { body: '{}' }),
        });
        const body = (await res.json()) as { code?: string; issues?: { path: string }[] };
        const where = `${route.method} ${route.path}?${query}`;
        expect({ where, status: res.status, code: body.code, named: body.issues?.some((i) => i.path === `query.${name}`) }).toEqual({ where, status: 400, code: 'UNKNOWN_FIELD', named: true });
      }
    }
  });

  test("the local server's own routes take no query either", async () => {
    for (const [method, path] of [
      ['GET', '/local/health'],
      ['GET', '/local/demo-users'],
      ['POST', '/local/token'],
      ['GET', '/.well-known/jwks.json'],
      // The kiosks' client-credentials token endpoint.
      ['POST', '/oauth2/token'],
    ] as const) {
      const res = await fetch(`${sys.baseUrl}${path}?__proto__=x`, { method, ...(method === 'POST' ? { body: '{"username":"p1"}', headers: { 'content-type': 'application/json' } } : {}) });
      expect({ path, status: res.status, code: ((await res.json()) as { code: string }).code }).toEqual({ path, status: 400, code: 'UNKNOWN_FIELD' });
    }
  });

  test('the same on AWS: each handler refuses the parameters as Lambda parses API Gateway’s event (own __proto__ key)', async () => {
    const context = { awsRequestId: 'q', functionName: 'q' } as unknown as Context;
    for (const route of ROUTES) {
      const mod = (await import(`../../functions/${route.fn}/handler.js`)) as { handler: (e: unknown, c: Context) => Promise<APIGatewayProxyStructuredResultV2> };
      const base = apiEvent({ method: route.method, path: concretePath(route), routeKey: `${route.method} ${route.path}`, caller: CLAIMS[route.roles[0]!], ...(route.method === 'GET' ? {} : { body: {} }) });
      // What the Lambda runtime hands the handler: JSON.parse of the event API Gateway sent.
      const json = JSON.stringify(base);
      const event = JSON.parse(`${json.slice(0, -1)},"queryStringParameters":{"__proto__":"x","month":"2026-10"}}`) as unknown;
      expect(Object.keys((event as { queryStringParameters: object }).queryStringParameters)).toContain('__proto__');
      const r = await mod.handler(event, context);
      const body = JSON.parse(r.body ?? '{}') as { code?: string };
      expect({ route: `${route.method} ${route.path}`, status: r.statusCode, code: body.code }).toEqual({ route: `${route.method} ${route.path}`, status: 400, code: 'UNKNOWN_FIELD' });
    }
  });
});
