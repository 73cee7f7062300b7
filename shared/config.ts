/**
 * The environment, parsed with zod (quality.md style 6): once per Lambda process
 * (shared/adapters/deps.ts `processDeps`), by the local runtime from the
 * environment it makes, by tests from the tables they create. Table names
 * come from the env vars named in shared/contract/tables.ts; a function only needs the
 * tables its route uses (shared/contract/routes.ts), so `requireTables` checks those on
 * the first request and fails with a message naming every missing variable.
 */
import * as z from 'zod';
import type { TableKey } from './contract/tables.js';
import { TABLES } from './contract/tables.js';

/** 100 participants per batch: one batch's decisions fit a Lambda invocation with room (docs/scale.md). */
export const DEFAULT_PAYROLL_BATCH_SIZE = 100;

/**
 * How old (seconds) an app check-in's file check may be (shared/adapters/file-checks.ts): a change written
 * straight into the table, or through another Lambda process, refuses check-ins at the latest this long after.
 */
export const DEFAULT_CHECKIN_FILE_CHECK_MAX_AGE_SECONDS = 5;

/** A kiosk's access token lives this long; the kiosk fetches the next one before it ends. */
export const DEFAULT_DEVICE_TOKEN_MINUTES = 15;

const tableName = z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, { message: 'must be a DynamoDB table name' });

const envSchema = z.object({
  AWS_REGION: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: 'must be an AWS region such as eu-north-1' }).default('eu-north-1'),
  /** Set by the local runtime and the tests (DynamoDB Local); absent on AWS. */
  AWS_ENDPOINT_URL_DYNAMODB: z.url().optional(),
  POWERTOOLS_SERVICE_NAME: z.string().min(1).default('introflyt'),
  /** On AWS: the user pool whose app clients are the kiosks' credentials (device-register, device-deactivate). Absent: the local issuer's clients. */
  USER_POOL_ID: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d_[A-Za-z0-9]+$/, { message: 'must be a Cognito user pool id' }).optional(),
  /** The OAuth scope a kiosk's token carries: <resource server>/checkin. */
  DEVICE_SCOPE: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, { message: 'must be <resource server>/<scope>' }).default('introflyt/checkin'),
  /** Lifetime of a kiosk's access token in minutes (Cognito: 5 to 1440). */
  DEVICE_TOKEN_MINUTES: z.coerce.number().int().min(5).max(1440).default(DEFAULT_DEVICE_TOKEN_MINUTES),
  /** Where staff members are looked up (shared/adapters/staff-directory.ts): the staff user pool on AWS, a file locally. */
  STAFF_DIRECTORY: z
    .string()
    .regex(/^(cognito:[\w-]+_[0-9A-Za-z]+|file:\/.+)$/, { message: 'must be cognito:<user pool id> or file:<absolute path>' })
    .optional(),
  /** `local`: the payroll workflow runs in this process (infra/local); otherwise PAYROLL_STATE_MACHINE_ARN names it (checked where it is used, shared/adapters/workflow.ts). */
  PAYROLL_WORKFLOW_MODE: z.string().optional(),
  PAYROLL_STATE_MACHINE_ARN: z.string().optional(),
  /** Participants per batch of a payroll run (functions/payroll-prepare). */
  PAYROLL_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(DEFAULT_PAYROLL_BATCH_SIZE),
  /**
   * The bound of the check-in's file-check cache in seconds; 0 reads the file on every check-in. At most 60:
   * a closed file may check in at most this long on another process, so the bound stays short.
   */
  CHECKIN_FILE_CHECK_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(60).default(DEFAULT_CHECKIN_FILE_CHECK_MAX_AGE_SECONDS),
  ...Object.fromEntries(TABLES.map((t) => [t.envVar, tableName.optional()])),
});

export interface Config {
  region: string;
  dynamoEndpoint: string | undefined;
  serviceName: string;
  tables: Readonly<Partial<Record<TableKey, string>>>;
  /** Kiosk credentials (issue 8 item 3): Cognito app clients when set, else the local issuer. */
  userPoolId: string | undefined;
  deviceScope: string;
  deviceTokenMinutes: number;
  staffDirectory: string | undefined;
  payrollWorkflowMode: string | undefined;
  payrollStateMachineArn: string | undefined;
  payrollBatchSize: number;
  /** How old an app check-in's cached file check may be, in seconds (0: none is kept). */
  checkinFileCheckMaxAgeSeconds: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const r = envSchema.safeParse(env);
  if (!r.success) throw new ConfigError(`Invalid environment: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const e = r.data as unknown as Record<string, string | undefined>;
  const tables: Partial<Record<TableKey, string>> = {};
  for (const t of TABLES) {
    const name = e[t.envVar];
    if (name !== undefined) tables[t.key] = name;
  }
  return {
    region: e.AWS_REGION!,
    dynamoEndpoint: e.AWS_ENDPOINT_URL_DYNAMODB,
    serviceName: e.POWERTOOLS_SERVICE_NAME!,
    tables,
    userPoolId: e.USER_POOL_ID,
    deviceScope: r.data.DEVICE_SCOPE,
    deviceTokenMinutes: r.data.DEVICE_TOKEN_MINUTES,
    staffDirectory: e.STAFF_DIRECTORY,
    payrollWorkflowMode: e.PAYROLL_WORKFLOW_MODE,
    payrollStateMachineArn: e.PAYROLL_STATE_MACHINE_ARN,
    payrollBatchSize: r.data.PAYROLL_BATCH_SIZE,
    checkinFileCheckMaxAgeSeconds: r.data.CHECKIN_FILE_CHECK_MAX_AGE_SECONDS,
  };
}

/** Throws a ConfigError naming every env var that is missing for these tables. */
export function requireTables(config: Config, keys: readonly TableKey[]): void {
  const missing = TABLES.filter((t) => keys.includes(t.key) && config.tables[t.key] === undefined).map((t) => t.envVar);
  if (missing.length > 0) throw new ConfigError(`Missing environment variable${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
}

export function tableNameOf(config: Config, key: TableKey): string {
  requireTables(config, [key]);
  return config.tables[key]!;
}

/** The staff directory setting; only the functions that look staff up need it. */
export function staffDirectoryOf(config: Config): string {
  if (config.staffDirectory === undefined) throw new ConfigError('Missing environment variable: STAFF_DIRECTORY');
  return config.staffDirectory;
}
