/**
 * `npm start`: the product on this machine, no AWS account (architecture.md
 * "Local runtime"). Data and the token signing key live in `.local/` and
 * survive restarts; the demo municipality is seeded on the first start.
 *
 *   PORT=3000 (default; 0 = any free port)   HOST=127.0.0.1 (default)
 *   QUIET=1   no request log lines
 *   INTROFLYT_DATA_DIR=<folder>   instead of `.local/` (tests; a second demo)
 *   INTROFLYT_ALLOW_DEMO_ON_NETWORK=1   allow a non-loopback HOST although demo sign-in
 *                                       (tokens without a password) is on; refused otherwise
 *
 * Ctrl-C (or SIGTERM) stops the HTTP server and DynamoDB Local's Java process.
 */
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../project.js';
import { osloTime } from '../../shared/domain/attendance/oslo-time.js';
import { parsePort } from './ports.js';
import { DEMO_KIOSK_DEVICE, DEMO_KIOSK_SETUP_CODE, DEMO_PARTICIPANTS, DEMO_PIN } from './seed.js';
import { startLocalSystem, type LocalSystem } from './system.js';

const PAGES = [
  ['kiosk', '/kiosk/'],
  ['participant', '/participant/'],
  ['adviser', '/adviser/'],
  ['payroll', '/payroll/'],
  ['admin', '/admin/'],
] as const;

function banner(system: LocalSystem, dataDir: string): string {
  const base = system.baseUrl;
  const s = system.seed;
  const seedLine = s === undefined ? '' : s.seeded ? `seeded: ${s.participants} participants, ${s.events} check-ins/outs, ${s.absences} absences (${s.from} … ${s.to})` : 'data: kept from the last start';
  const users = system.demoUsers.map((u) => u.username).join(', ');
  return [
    '',
    'Introflyt is running locally.',
    '',
    `  API         ${base}`,
    ...PAGES.map(([name, path]) => `  ${name.padEnd(11)} ${base}${path}`),
    '',
    `  DynamoDB    ${system.dynamoEndpoint} (Java pid ${system.dynamoPid})`,
    `  data        ${dataDir}`,
    `  audit       ${system.audit.dir} (key file and append-only anchor; npm run audit:verify checks the log)`,
    ...(seedLine ? [`  ${seedLine}`] : []),
    '',
    `Demo users (municipality 5001): ${users}`,
    `  the pages sign in through the local OpenID Connect provider ${base}/oidc (its page is the demo user picker)`,
    `Kiosk ${DEMO_KIOSK_DEVICE}: setup code ${DEMO_KIOSK_SETUP_CODE}`,
    `  cards ${DEMO_PARTICIPANTS.map((p) => p.cardNumber).join(', ')}, PIN ${DEMO_PIN}`,
    '',
    'Get a token and call the API:',
    `  TOKEN=$(curl -s -X POST ${base}/local/token -H 'content-type: application/json' -d '{"username":"p1"}' | sed -E 's/.*"token":"([^"]+)".*/\\1/')`,
    `  curl -s '${base}/me/attendance?month=${osloTime(Date.now()).date.slice(0, 7)}' -H "authorization: Bearer $TOKEN"`,
    '',
    'Ctrl-C stops everything.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const port = parsePort(process.env.PORT, 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  const dataDir = resolve(process.env.INTROFLYT_DATA_DIR ?? join(PROJECT_ROOT, '.local'));
  const quiet = process.env.QUIET === '1' || process.env.QUIET === 'true';
  const allowDemoOnNetwork = process.env.INTROFLYT_ALLOW_DEMO_ON_NETWORK === '1' || process.env.INTROFLYT_ALLOW_DEMO_ON_NETWORK === 'true';
  process.stdout.write(`Starting DynamoDB Local and the API (data in ${dataDir}) …\n`);
  const system = await startLocalSystem({ port, host, dataDir, seed: true, demo: true, quiet, allowDemoOnNetwork });
  process.stdout.write(banner(system, dataDir));
  // The payroll workflow's definition and task handlers, loaded while nobody waits (a run or export would wait otherwise).
  system.workflow.warm().catch((err: unknown) => process.stderr.write(`payroll workflow not loaded: ${err instanceof Error ? err.message : String(err)}\n`));

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second Ctrl-C: stop waiting. The exit handler still ends Java.
      process.exit(130);
    }
    stopping = true;
    process.stdout.write(`\n${signal}: stopping …\n`);
    system.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`stop failed: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  const inUse = (err as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE';
  const hint = inUse ? ` (another program uses port ${process.env.PORT ?? 3000}: stop it, or start with PORT=0 for any free port)` : '';
  process.stderr.write(`npm start failed: ${err instanceof Error ? err.message : String(err)}${hint}\n`);
  process.exit(1);
});
