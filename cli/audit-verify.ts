/**
 * `npm run audit:verify`: checks every audit chain of the AuditLog table
 * against the audit key and the outside anchor (quality.md R7, S11) and
 * reports the first bad entry of each broken chain, or that all is intact,
 * with counts and what the anchor was compared with.
 *
 *   npm run audit:verify                          the local store in .local/ (npm start running or not)
 *   npm run audit:verify -- --data-dir DIR        another local data folder
 *   npm run audit:verify -- --endpoint URL --table NAME --key-file F --anchor-file F
 *   npm run audit:verify -- --mac-key-id ARN --anchor-bucket NAME --table NAME [--region R]   on AWS
 *   --quick   verify the last MAC of each chain (bisecting on failure) instead of every MAC, and compare
 *             with the latest checkpoint and the seal anchors after it instead of every seal anchor
 *   --json    print the report as JSON
 *
 * Exit code 0: intact; 1: a chain is broken; 2: bad arguments or setup;
 * 3: the store, key or anchor could not be read.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoLocal, type DynamoLocal } from '../infra/local/dynamo.js';
import { DEFAULT_TABLE_PREFIX } from '../infra/local/tables.js';
import { PROJECT_ROOT } from '../infra/project.js';
import { TABLES } from '../shared/contract/tables.js';
import { FileAnchorStore, readAnchoredState, S3AnchorStore, type AnchorStore } from '../shared/adapters/audit-anchors.js';
import type { ChainProblem } from '../shared/adapters/audit-chain.js';
import { KmsAuditMac, LocalAuditMac, readKeyFile, type AuditMac } from '../shared/adapters/audit-mac.js';
import { scanChains, verifyChains, type VerificationReport } from '../shared/adapters/audit-verify.js';

export const PROBLEM_TEXT: Readonly<Record<ChainProblem, string>> = {
  MALFORMED: 'the stored item is not a sealed entry',
  SEQUENCE_GAP: 'positions are not 1, 2, 3, … : an entry was removed, inserted or moved',
  BROKEN_LINK: "the entry does not link to the previous entry's hash",
  HASH_MISMATCH: 'the content was edited (it no longer hashes to the stored hash)',
  MAC_INVALID: 'the hash was recomputed, but the audit key did not MAC it: edited, forged, renumbered or reordered',
  TRUNCATED: 'the chain ends before entries the outside anchor recorded: entries were cut off',
  ANCHOR_MISMATCH: 'the entry is not the one the outside anchor recorded: replaced after it was anchored',
};

export class UsageError extends Error {}

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

interface Setup {
  db: DynamoDBDocumentClient;
  table: string;
  mac: AuditMac;
  anchors: AnchorStore;
  close: () => Promise<void>;
}

function runningEndpoint(dataDir: string): string | undefined {
  const file = join(dataDir, 'runtime.json');
  if (!existsSync(file)) return undefined;
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as { pid?: number; dynamoEndpoint?: string };
    if (typeof r.pid !== 'number' || typeof r.dynamoEndpoint !== 'string') return undefined;
    process.kill(r.pid, 0);
    return r.dynamoEndpoint;
  } catch {
    // A leftover of a system that is gone.
    return undefined;
  }
}

async function setup(values: Record<string, string | boolean | undefined>): Promise<Setup> {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const aws = str('mac-key-id') !== undefined || str('anchor-bucket') !== undefined;
  const defaultTable = `${DEFAULT_TABLE_PREFIX}-${TABLES.find((t) => t.key === 'auditLog')!.id}`;
  if (aws) {
    const keyId = str('mac-key-id');
    const bucket = str('anchor-bucket');
    const table = str('table');
    if (keyId === undefined || bucket === undefined || table === undefined) throw new UsageError('On AWS give --mac-key-id, --anchor-bucket and --table together');
    const region = str('region') ?? process.env.AWS_REGION ?? 'eu-north-1';
    const client = new DynamoDBClient({ region, ...(str('endpoint') !== undefined ? { endpoint: str('endpoint') } : {}) });
    const kms = new KMSClient({ region });
    const s3 = new S3Client({ region });
    return {
      db: DynamoDBDocumentClient.from(client),
      table,
      mac: new KmsAuditMac(kms, keyId),
      anchors: new S3AnchorStore(s3, bucket),
      close: async () => {
        client.destroy();
        kms.destroy();
        s3.destroy();
      },
    };
  }
  const dataDir = resolve(str('data-dir') ?? process.env.INTROFLYT_DATA_DIR ?? join(PROJECT_ROOT, '.local'));
  const keyFile = str('key-file') ?? join(dataDir, 'audit', 'audit-mac.key');
  const anchorFile = str('anchor-file') ?? join(dataDir, 'audit', 'anchors.jsonl');
  if (!existsSync(keyFile)) throw new UsageError(`No audit key at ${keyFile}: give --data-dir of a local system that has run, or --key-file`);
  let dynamo: DynamoLocal | undefined;
  let endpoint = str('endpoint') ?? runningEndpoint(dataDir);
  if (endpoint === undefined) {
    if (!existsSync(join(dataDir, 'dynamodb'))) throw new UsageError(`No local store at ${join(dataDir, 'dynamodb')}: start the system once (npm start), or give --endpoint`);
    // Nothing runs on this folder: read it with a DynamoDB Local of our own, stopped when done.
    dynamo = await startDynamoLocal({ dataDir: join(dataDir, 'dynamodb') });
    endpoint = dynamo.endpoint;
  }
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } });
  return {
    db: DynamoDBDocumentClient.from(client),
    table: str('table') ?? defaultTable,
    mac: new LocalAuditMac(readKeyFile(keyFile)),
    anchors: new FileAnchorStore(anchorFile),
    close: async () => {
      client.destroy();
      await dynamo?.stop();
    },
  };
}

export function formatReport(r: VerificationReport): string {
  const lines: string[] = [];
  const counts = `${r.chains} chain${r.chains === 1 ? '' : 's'}, ${r.entries} sealed entr${r.entries === 1 ? 'y' : 'ies'} (${r.pending} pending)`;
  const how = r.mode === 'full' ? 'every MAC verified, every seal anchor compared' : 'last MAC of each chain verified, compared with the latest checkpoint';
  if (r.status === 'INTACT') lines.push(`Audit log: INTACT. ${counts}; ${how}.`);
  else {
    const f = r.firstBad!;
    lines.push(`Audit log: BROKEN. First bad entry: participant ${f.participantId}, seq ${f.seq}, ${f.problem} (${PROBLEM_TEXT[f.problem]}).`);
    lines.push(`${counts}; ${how}. First bad entry of each broken chain:`);
    for (const p of r.problems) lines.push(`  ${p.participantId}  seq ${p.seq}  ${p.problem}`);
  }
  const a = r.anchor;
  lines.push(
    `Anchor: checkpoint ${a.checkpointAt ?? 'none yet'}; ${a.sealAnchorsRead} seal anchor${a.sealAnchorsRead === 1 ? '' : 's'} after it` +
      `${a.lastSealAnchorAt !== null ? ` (last ${a.lastSealAnchorAt})` : ''}; ${a.chainsAnchored} chains anchored, ${a.pointsCompared} anchored positions compared; ` +
      `${a.entriesNotYetAnchored} sealed entr${a.entriesNotYetAnchored === 1 ? 'y' : 'ies'} not yet anchored.`,
  );
  for (const w of r.warnings) lines.push(`Warning: ${w}`);
  return `${lines.join('\n')}\n`;
}

export async function runAuditVerify(argv: readonly string[], io: CliIo, now: () => Date = () => new Date()): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        'data-dir': { type: 'string' },
        endpoint: { type: 'string' },
        table: { type: 'string' },
        'key-file': { type: 'string' },
        'anchor-file': { type: 'string' },
        'mac-key-id': { type: 'string' },
        'anchor-bucket': { type: 'string' },
        region: { type: 'string' },
        quick: { type: 'boolean' },
        json: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    io.err(`audit:verify: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  let s: Setup;
  try {
    s = await setup(values);
  } catch (err) {
    io.err(`audit:verify: ${err instanceof Error ? err.message : String(err)}\n`);
    return err instanceof UsageError ? 2 : 3;
  }
  try {
    const quick = values.quick === true;
    const [chains, anchored] = await Promise.all([scanChains(s.db, s.table), readAnchoredState(s.anchors, { allSealAnchors: !quick })]);
    const report = await verifyChains(chains, { mac: s.mac, anchored, mode: quick ? 'quick' : 'full', now: now(), includeAnchoredOnly: true });
    io.out(values.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return report.status === 'INTACT' ? 0 : 1;
  } catch (err) {
    io.err(`audit:verify: could not read the audit log: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}\n`);
    return 3;
  } finally {
    await s.close();
  }
}

// Run as a script (npm run audit:verify), not when imported by a test.
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  runAuditVerify(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`audit:verify failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(3);
    },
  );
}
