/**
 * The whole product on one machine (architecture.md "Local runtime"):
 * DynamoDB Local, the tables of the synthesized stateful template, the
 * environment the handlers read (shared/config.ts), a local token issuer and
 * the HTTP front serving infra/routes.ts with the real handler modules.
 *
 * The handlers read their configuration from `process.env`, as on Lambda, so
 * one process runs one local system at a time; `stop()` puts the previous
 * values back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createLocalIssuer, type LocalIssuer, type TokenRequest } from './auth.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoLocal, type DynamoLocal } from './dynamo.js';
import { startHttpServer, type DemoUser, type LocalHttpServer, type LocalHttpServerOptions, type LogLine } from './http-server.js';
import { DEMO_USERS, seedDemo, type SeedReport } from './seed.js';
import { ensureTables, synthesizeStatefulTemplate, type CfnTemplate, type EnsureTablesResult } from './tables.js';

/** `routes` and `resolveHandler` (tests), `staticDir` and the limits go to the HTTP front as they are. */
export interface LocalSystemOptions extends Pick<LocalHttpServerOptions, 'routes' | 'resolveHandler' | 'staticDir' | 'maxInFlight' | 'maxBodyBytes' | 'handlerTimeoutMs'> {
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
}

export interface LocalSystem {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  dynamoEndpoint: string;
  /** Process id of DynamoDB Local's Java child. */
  dynamoPid: number;
  /** What was set in process.env for the handlers: table names, endpoint, region, dummy credentials, PAYROLL_WORKFLOW_MODE=local, EXPORT_DIR, EXPORT_LINK_BASE_URL. */
  env: Readonly<Record<string, string>>;
  tables: EnsureTablesResult;
  issuer: LocalIssuer;
  issueToken(request: TokenRequest): Promise<string>;
  demoUsers: readonly DemoUser[];
  /** What the seed wrote, when `seed` was asked for. */
  seed: SeedReport | undefined;
  http: LocalHttpServer;
  /** Stops the HTTP server and DynamoDB Local, and restores process.env. Safe to call twice. */
  stop(): Promise<void>;
}

let running = false;

/**
 * `GET /local/exports/<key>`: a signed export link, checked against the
 * handlers' clock (tests move it), answered from the export folder.
 */
async function serveExportLink(key: string, query: URLSearchParams): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const [{ getExportStore, LocalFileExportStore, serveLocalLink }, { getDeps }] = await Promise.all([import('../../shared/adapters/export-store.js'), import('../../shared/adapters/deps.js')]);
  const store = getExportStore();
  if (!(store instanceof LocalFileExportStore)) return { status: 404, headers: { 'content-type': 'application/json; charset=utf-8' }, body: Buffer.from('{"code":"NOT_FOUND","message":"Not found"}') };
  return serveLocalLink(store, key, query, getDeps().clock.now().getTime());
}

/** Forget what the handler modules cached from the previous environment (config, clients). */
async function resetHandlerCaches(): Promise<void> {
  const [{ resetConfig }, { resetDeps }] = await Promise.all([import('../../shared/config.js'), import('../../shared/adapters/deps.js')]);
  resetConfig();
  resetDeps();
}

export async function startLocalSystem(options: LocalSystemOptions = {}): Promise<LocalSystem> {
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
  const previousEnv = new Map<string, string | undefined>();
  const restoreEnv = (): void => {
    for (const [k, v] of previousEnv) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    previousEnv.clear();
  };

  try {
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

    const env: Record<string, string> = {
      ...tables.env,
      AWS_ENDPOINT_URL_DYNAMODB: dyn.endpoint,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      // No Step Functions here: the payroll-runs handler runs the synthesized
      // state machine in-process with the local ASL interpreter (infra/local/workflow-runner.ts).
      PAYROLL_WORKFLOW_MODE: 'local',
      // No S3 here: export files go to a folder, their links to this server (set below once its port is known).
      EXPORT_DIR: exportDir,
    };
    for (const [k, v] of Object.entries(env)) {
      previousEnv.set(k, process.env[k]);
      process.env[k] = v;
    }
    await resetHandlerCaches();

    const seed = options.seed === true ? await seedDemo({ endpoint: dyn.endpoint, tables: tables.env, ...(options.seedNow ? { now: options.seedNow } : {}) }) : undefined;
    const demo = options.demo ?? options.seed === true;

    http = await startHttpServer({
      issuer,
      port: options.port ?? 0,
      ...(options.host !== undefined ? { host: options.host } : {}),
      ...(options.routes !== undefined ? { routes: options.routes } : {}),
      ...(options.resolveHandler !== undefined ? { resolveHandler: options.resolveHandler } : {}),
      ...(options.staticDir !== undefined ? { staticDir: options.staticDir } : {}),
      ...(options.maxInFlight !== undefined ? { maxInFlight: options.maxInFlight } : {}),
      ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
      ...(options.handlerTimeoutMs !== undefined ? { handlerTimeoutMs: options.handlerTimeoutMs } : {}),
      ...(demo ? { demoUsers: DEMO_USERS } : {}),
      log: options.quiet === true ? null : (options.log ?? undefined),
      exportLinks: serveExportLink,
    });
    previousEnv.set('EXPORT_LINK_BASE_URL', process.env.EXPORT_LINK_BASE_URL);
    process.env.EXPORT_LINK_BASE_URL = http.url;
    env.EXPORT_LINK_BASE_URL = http.url;

    const server = http;
    let stopping: Promise<void> | undefined;
    return {
      baseUrl: server.url,
      dynamoEndpoint: dyn.endpoint,
      dynamoPid: dyn.pid,
      env,
      tables,
      issuer,
      issueToken: (r) => issuer.issueToken(r),
      demoUsers: demo ? DEMO_USERS : [],
      seed,
      http: server,
      stop: () =>
        (stopping ??= (async () => {
          try {
            // Executions of this process (a run, an export job) write to the store that is going away: end them first.
            await (await import('../../shared/adapters/workflow.js')).abortLocalExecutions().catch(() => undefined);
            await server.close();
          } finally {
            await dyn.stop();
            restoreEnv();
            await resetHandlerCaches();
            await removeExports();
            running = false;
          }
        })()),
    };
  } catch (err) {
    await http?.close().catch(() => undefined);
    await dynamo?.stop().catch(() => undefined);
    restoreEnv();
    await removeExports();
    running = false;
    throw err;
  }
}
