/**
 * The whole product on one machine (architecture.md "Local runtime"):
 * DynamoDB Local, the tables of the synthesized stateful template, the
 * environment the handlers read (shared/config.ts), a local token issuer and
 * the HTTP front serving shared/contract/routes.ts with the real handler modules.
 *
 * One dependency object (shared/adapters/deps.ts), built from the system's
 * configuration, is bound to every handler it serves: the API's, the
 * workflow's tasks, the audit functions and the token endpoint's reads. The
 * settings that are no part of that configuration (audit key and anchor,
 * export folder, the kiosk authorizer's issuer) are read from `process.env`
 * as on Lambda, so one process runs one local system at a time; `stop()`
 * puts the previous values back.
 */
import { timingSafeEqual } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadOrCreateKeyFile } from '../../shared/adapters/audit-mac.js';
import { createDeps, type Deps } from '../../shared/adapters/deps.js';
import { deviceSecretHash } from '../../shared/domain/attendance/kiosk-credentials.js';
import { LocalFileExportStore, serveLocalLink } from '../../shared/adapters/export-store.js';
import { parseConfig, type Config } from '../../shared/config.js';
import { moduleHandlerResolver } from './lambda-adapter.js';
import { LocalPayrollRunner } from './workflow-runner.js';
import { handlerEntry } from '../project.js';
import { startAuditRuntime, type AuditRuntime } from './audit-runtime.js';
import { createLocalIssuer, type LocalIssuer, type TokenRequest } from './auth.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoLocal, type DynamoLocal } from './dynamo.js';
import { secureDataDir } from './data-dir.js';
import { startHttpServer, type LocalHttpServer, type LocalHttpServerOptions, type LogLine } from './http-server.js';
import { checkDemoHost, DEMO_IDENTITIES, DEMO_STAFF_GROUPS, type DemoUser } from './demo-identity.js';
import { DEFAULT_DEVICE_TOKEN_MINUTES } from '../../shared/config.js';
import type { ClientAuthenticator } from './oauth-token.js';
import { DEMO_KIOSKS, DEMO_MUNICIPALITY, DEMO_PARTICIPANTS, DEMO_USERS, seedDemo, type SeedReport } from './seed.js';
import { createDeviceSignIn } from './device-sign-in.js';
import { createLocalOidc, ID_TOKEN_SECONDS, type LocalOidc } from './oidc-provider.js';
import { createLocalStaffDirectory, type LocalStaffDirectory } from './staff-directory-file.js';
import { ensureTables, synthesizeStatefulTemplate, type CfnTemplate, type EnsureTablesResult } from './tables.js';

/** `routes` and `resolveHandler` (tests; default: the handler modules bound to the system's dependency object), `staticDir` and the limits go to the HTTP front as they are. */
export interface LocalSystemOptions extends Pick<LocalHttpServerOptions, 'routes' | 'staticDir' | 'maxInFlight' | 'maxBodyBytes' | 'handlerTimeoutMs'>, Partial<Pick<LocalHttpServerOptions, 'resolveHandler'>> {
  /** HTTP port; absent or 0: a free one. */
  port?: number;
  /** HTTP bind address; default 127.0.0.1. */
  host?: string;
  /** `<dataDir>/dynamodb`, `<dataDir>/keys` and `<dataDir>/exports`; null or absent: everything in memory (exports in a temporary folder, removed by stop()). */
  dataDir?: string | null;
  /** Seed the demo municipality, users and a month of history if the store has none yet. */
  seed?: boolean;
  /** Serve `POST /local/token` for the demo users. Default: same as `seed`. */
  demo?: boolean;
  /** Demo sign-in on a non-loopback `host` (refused without this; see http-server.ts `checkDemoHost`). */
  allowDemoOnNetwork?: boolean;
  /** No request log lines. */
  quiet?: boolean;
  /** DynamoDB Local's port; absent or 0: a free one. */
  dynamoPort?: number;
  /** The stateful template to create tables from; default: synthesized now (infra/local/tables.ts). */
  statefulTemplate?: CfnTemplate;
  /** Where request log lines go (default stdout unless quiet). */
  log?: (line: LogLine) => void;
  /** Fixed "now" for the seed's history (default: the real clock). */
  seedNow?: Date;
  /** The audit stream poller's idle interval (default 200 ms). */
  auditPollMs?: number;
  /**
   * Builds the dependency object bound to every handler from the system's configuration and
   * its workflow runner (tests: a fixed clock, a failing port); default `createDeps(config, { workflow })`.
   */
  deps?: (config: Config, parts: Pick<Deps, 'workflow'>) => Deps;
}

/** The audit trail of the local system: the stream-fed sealer, the scheduled checkpoint, their files. */
export interface LocalAudit extends AuditRuntime {
  /** `<dataDir>/audit` (or a temporary folder for an in-memory system): the key file and the anchor file. */
  dir: string;
  keyFile: string;
  anchorFile: string;
}

export interface LocalSystem {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  dynamoEndpoint: string;
  /** Process id of DynamoDB Local's Java child. */
  dynamoPid: number;
  /** What was set in process.env for the handlers: table names, endpoint, region, dummy credentials, PAYROLL_WORKFLOW_MODE=local, STAFF_DIRECTORY, EXPORT_DIR, EXPORT_LINK_BASE_URL. */
  env: Readonly<Record<string, string>>;
  tables: EnsureTablesResult;
  issuer: LocalIssuer;
  /** A token from the local issuer; a staff user is added to the local staff directory (the user pool's stand-in). */
  issueToken(request: TokenRequest): Promise<string>;
  demoUsers: readonly DemoUser[];
  /** What the seed wrote, when `seed` was asked for. */
  seed: SeedReport | undefined;
  audit: LocalAudit;
  http: LocalHttpServer;
  /** The local OpenID Connect provider at `/oidc` (demo mode only): the pages' sign-in. */
  oidc: LocalOidc | undefined;
  /** The dependency object bound to every handler of this system. */
  deps: Deps;
  /** The payroll workflow's in-process runner (deps.workflow): wait for, abort or warm up executions. */
  workflow: LocalPayrollRunner;
  /** Stops the HTTP server and DynamoDB Local, and restores process.env. Safe to call twice. */
  stop(): Promise<void>;
}

let running = false;

/**
 * `GET /local/exports/<key>`: a signed export link, checked against the
 * handlers' clock (tests move it), answered from the export folder.
 */
async function serveExportLink(deps: Deps, key: string, query: URLSearchParams): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const store = deps.exportStore;
  if (!(store instanceof LocalFileExportStore)) return { status: 404, headers: { 'content-type': 'application/json; charset=utf-8' }, body: Buffer.from('{"code":"NOT_FOUND","message":"Not found"}') };
  return serveLocalLink(store, key, query, deps.clock.now().getTime());
}

/**
 * The local token endpoint's client check: an active registered device whose
 * stored secret hash matches (constant-time), granted the check-in scope.
 * Read through the same repository the handlers use.
 */
const deviceAuthenticator =
  (deps: Deps): ClientAuthenticator =>
  async (clientId, clientSecret) => {
    const device = await deps.kioskDevices.getDeviceByClientId(clientId);
    if (device === undefined || !device.active || device.credentialHash === undefined) return undefined;
    const given = Buffer.from(deviceSecretHash(clientSecret), 'hex');
    const stored = Buffer.from(device.credentialHash, 'hex');
    return given.length === stored.length && timingSafeEqual(given, stored) ? [deps.config.deviceScope] : undefined;
  };

export async function startLocalSystem(options: LocalSystemOptions = {}): Promise<LocalSystem> {
  const demo = options.demo ?? options.seed === true;
  // Before anything starts: a refused host leaves no Java process behind.
  checkDemoHost(options.host ?? '127.0.0.1', demo, options.allowDemoOnNetwork === true);
  if (running) throw new Error('LOCAL_ALREADY_RUNNING: one local system per process (handlers read process.env); stop the other first');
  running = true;
  const dataDir = options.dataDir === undefined || options.dataDir === null ? null : resolve(options.dataDir);
  let dynamo: DynamoLocal | undefined;
  let http: LocalHttpServer | undefined;
  // Payroll export files beside the data (mode 0700/0600, shared/adapters/export-store.ts); an in-memory system's go when it stops.
  const exportDir = dataDir === null ? mkdtempSync(join(tmpdir(), 'introflyt-exports-')) : join(dataDir, 'exports');
  const removeExports = async (): Promise<void> => {
    if (dataDir === null) rmSync(exportDir, { recursive: true, force: true });
  };
  let staff: LocalStaffDirectory | undefined;
  let audit: AuditRuntime | undefined;
  let workflow: LocalPayrollRunner | undefined;
  // The audit key and anchor live beside the data; an in-memory system gets a temporary folder, removed at stop.
  const auditDir = dataDir === null ? mkdtempSync(join(tmpdir(), 'introflyt-audit-')) : join(dataDir, 'audit');
  const removeTempAudit = (): void => {
    if (dataDir === null) rmSync(auditDir, { recursive: true, force: true });
  };
  const runtimeFile = dataDir === null ? undefined : join(dataDir, 'runtime.json');
  const previousEnv = new Map<string, string | undefined>();
  const restoreEnv = (): void => {
    for (const [k, v] of previousEnv) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    previousEnv.clear();
  };

  try {
    if (dataDir !== null) secureDataDir(dataDir);
    // Java start-up and CDK synthesis are the slow parts: run them side by side.
    // allSettled, not all: if synthesis fails while Java is still starting, Java must still be stopped.
    const [dynR, templateR, issuerR] = await Promise.allSettled([
      startDynamoLocal({ dataDir: dataDir === null ? null : join(dataDir, 'dynamodb'), port: options.dynamoPort ?? 0 }),
      options.statefulTemplate !== undefined ? Promise.resolve(options.statefulTemplate) : synthesizeStatefulTemplate(),
      createLocalIssuer({ keyDir: dataDir === null ? null : join(dataDir, 'keys') }),
    ]);
    if (dynR.status === 'fulfilled') dynamo = dynR.value;
    for (const r of [dynR, templateR, issuerR]) if (r.status === 'rejected') throw r.reason;
    const dyn = (dynR as PromiseFulfilledResult<DynamoLocal>).value;
    const template = (templateR as PromiseFulfilledResult<CfnTemplate>).value;
    const issuer = (issuerR as PromiseFulfilledResult<LocalIssuer>).value;

    const client = new DynamoDBClient({ endpoint: dyn.endpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } });
    let tables: EnsureTablesResult;
    try {
      tables = await ensureTables(client, template);
    } finally {
      client.destroy();
    }

    // The local user pool for staff lookups (assignments): demo users, and whoever the issuer signs in.
    staff = createLocalStaffDirectory(dataDir, DEMO_USERS);
    const directory = staff;
    const env: Record<string, string> = {
      ...tables.env,
      STAFF_DIRECTORY: `file:${directory.path}`,
      AWS_ENDPOINT_URL_DYNAMODB: dyn.endpoint,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      // No Step Functions here: the payroll-runs handler runs the synthesized
      // state machine in-process with the local ASL interpreter (infra/local/workflow-runner.ts).
      PAYROLL_WORKFLOW_MODE: 'local',
      // No S3 here: export files go to a folder, their links to this server (set below once its port is known).
      EXPORT_DIR: exportDir,
      // The local stand-ins of the KMS HMAC key and the Object Lock bucket (shared/adapters/audit-config.ts).
      AUDIT_MAC_KEY_FILE: join(auditDir, 'audit-mac.key'),
      AUDIT_ANCHOR_FILE: join(auditDir, 'anchors.jsonl'),
    };
    mkdirSync(auditDir, { recursive: true, mode: 0o700 });
    loadOrCreateKeyFile(env.AUDIT_MAC_KEY_FILE!);
    for (const [k, v] of Object.entries(env)) {
      previousEnv.set(k, process.env[k]);
      process.env[k] = v;
    }
    // The one dependency object of this system, bound to every handler below; the workflow runner is part of it.
    const config = parseConfig(env);
    const runner = new LocalPayrollRunner(() => deps);
    const deps: Deps = options.deps === undefined ? createDeps(config, { workflow: runner }) : options.deps(config, { workflow: runner });
    workflow = runner;

    const auditTable = tables.tables.find((t) => t.tableKey === 'auditLog')!.tableName;
    audit = await startAuditRuntime({
      deps,
      dynamoEndpoint: dyn.endpoint,
      auditTable,
      // The stream position survives a restart, as the event source mapping's does on AWS.
      positionFile: join(auditDir, 'stream-position.json'),
      ...(options.auditPollMs !== undefined ? { pollMs: options.auditPollMs } : {}),
    });
    const auditRuntime = audit;
    // Tells `npm run audit:verify` where the running store is (removed at stop).
    if (runtimeFile !== undefined) writeFileSync(runtimeFile, JSON.stringify({ pid: process.pid, dynamoEndpoint: dyn.endpoint, auditTable }), { mode: 0o600 });

    const seed = options.seed === true ? await seedDemo({ endpoint: dyn.endpoint, tables: tables.env, ...(options.seedNow ? { now: options.seedNow } : {}) }) : undefined;
    if (options.seed === true) {
      // The demo participants' national ids in the index the sign-in token step reads (ID-porten's `pid` → file);
      // on every start, so a data folder seeded before sign-in existed gets them too.
      for (const p of DEMO_PARTICIPANTS) await deps.participants.indexNationalId(DEMO_MUNICIPALITY, p.nationalId, p.participantId);
    }
    // DynamoDB Local and the key have made their files by now: close up anything made before umask 077 applied.
    if (dataDir !== null) secureDataDir(dataDir);

    // The provider needs the server's origin for its redirect URIs, so it is made once the server listens.
    let oidc: LocalOidc | undefined;
    http = await startHttpServer({
      issuer,
      ...(demo ? { oidc: async (req, res) => (oidc === undefined ? false : oidc.handle(req, res)) } : {}),
      port: options.port ?? 0,
      ...(options.host !== undefined ? { host: options.host } : {}),
      ...(options.routes !== undefined ? { routes: options.routes } : {}),
      resolveHandler: options.resolveHandler ?? moduleHandlerResolver(handlerEntry, deps),
      ...(options.staticDir !== undefined ? { staticDir: options.staticDir } : {}),
      ...(options.maxInFlight !== undefined ? { maxInFlight: options.maxInFlight } : {}),
      ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
      ...(options.handlerTimeoutMs !== undefined ? { handlerTimeoutMs: options.handlerTimeoutMs } : {}),
      ...(demo ? { demoUsers: DEMO_USERS, demoKiosks: DEMO_KIOSKS } : {}),
      tokenEndpoint: {
        authenticate: deviceAuthenticator(deps),
        issue: (clientId, scope, ttlSeconds) => issuer.issueAccessToken({ clientId, scope, ttlSeconds }),
        ttlSeconds: DEFAULT_DEVICE_TOKEN_MINUTES * 60,
      },
      ...(options.allowDemoOnNetwork === true ? { allowDemoOnNetwork: true } : {}),
      log: options.quiet === true ? null : (options.log ?? undefined),
      exportLinks: (key, query) => serveExportLink(deps, key, query),
    });
    previousEnv.set('EXPORT_LINK_BASE_URL', process.env.EXPORT_LINK_BASE_URL);
    process.env.EXPORT_LINK_BASE_URL = http.url;
    env.EXPORT_LINK_BASE_URL = http.url;
    // The kiosk authorizer (functions/checkin-authorizer) checks tokens against this issuer's public keys (the set
    // it publishes at /.well-known/jwks.json, handed over in-process), as on AWS against the pool's.
    const authorizerEnv: Record<string, string> = { TOKEN_ISSUER: issuer.issuer, TOKEN_JWKS: JSON.stringify(issuer.jwks()), WEB_CLIENT_ID: issuer.audience };
    for (const [k, v] of Object.entries(authorizerEnv)) {
      previousEnv.set(k, process.env[k]);
      process.env[k] = v;
      env[k] = v;
    }

    if (demo) {
      const port = http.port;
      oidc = await createLocalOidc({
        origins: [http.url, `http://127.0.0.1:${port}`, `http://localhost:${port}`].filter((o, i, all) => all.indexOf(o) === i),
        issuer,
        identities: () => DEMO_IDENTITIES,
        tokenStep: {
          municipalities: [DEMO_MUNICIPALITY],
          staffGroups: DEMO_STAFF_GROUPS,
          // The same repository read the pre-token trigger makes on AWS.
          nationalIdHolder: (m, nid) => deps.participants.nationalIdHolder(m, nid),
          endDeviceBindings: async (pid) => {
            await deps.deviceBindings.revokeAll(pid, new Date().toISOString(), 'ID_PORTEN');
          },
        },
        onStaffSignIn: (u) => directory.add(u),
        devices: createDeviceSignIn({
          issuer,
          tokenSeconds: ID_TOKEN_SECONDS,
          deps: async () => ({ bindings: deps.deviceBindings, participants: deps.participants }),
        }),
      });
    }

    const server = http;
    let stopping: Promise<void> | undefined;
    return {
      baseUrl: server.url,
      dynamoEndpoint: dyn.endpoint,
      dynamoPid: dyn.pid,
      env,
      tables,
      issuer,
      issueToken: (r) => {
        directory.add(r);
        return issuer.issueToken(r);
      },
      demoUsers: demo ? DEMO_USERS : [],
      seed,
      audit: { ...auditRuntime, dir: auditDir, keyFile: env.AUDIT_MAC_KEY_FILE!, anchorFile: env.AUDIT_ANCHOR_FILE! },
      http: server,
      oidc,
      deps,
      workflow: runner,
      stop: () =>
        (stopping ??= (async () => {
          try {
            // Executions of this process (a run, an export job) write to the store that is going away: end them first.
            await runner.abortAll().catch(() => undefined);
            await server.close();
            await auditRuntime.stop();
          } finally {
            if (runtimeFile !== undefined) rmSync(runtimeFile, { force: true });
            await dyn.stop();
            directory.close();
            removeTempAudit();
            restoreEnv();
                    await removeExports();
            running = false;
          }
        })()),
    };
  } catch (err) {
    await workflow?.abortAll().catch(() => undefined);
    await http?.close().catch(() => undefined);
    await audit?.stop().catch(() => undefined);
    if (runtimeFile !== undefined) rmSync(runtimeFile, { force: true });
    await dynamo?.stop().catch(() => undefined);
    staff?.close();
    removeTempAudit();
    restoreEnv();
    await removeExports();
    running = false;
    throw err;
  }
}
