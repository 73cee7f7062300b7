/**
 * Creates the local DynamoDB tables from the synthesized stateful template
 * (architecture.md: "The local runtime reads the tables … from the
 * synthesized CDK template; it does not redefine them").
 *
 * Every `AWS::DynamoDB::Table` resource becomes a CreateTable call with the
 * template's KeySchema, AttributeDefinitions, GSIs, LSIs, billing and stream
 * settings, plus UpdateTimeToLive where the template has TTL. Settings that
 * DynamoDB Local ignores or cannot express (KMS encryption, PITR, deletion
 * protection, tags) are left out. Existing tables are kept, so data survives
 * restarts; a GSI added to the template since is added to the existing table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AttributeDefinition,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  type LocalSecondaryIndex,
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { TableKey } from '../../shared/contract/tables.js';
import { TABLES } from '../../shared/contract/tables.js';

export type CfnTemplate = Record<string, unknown>;

/** One table of the template, as the local runtime creates it. */
export interface LocalTableSpec {
  logicalId: string;
  tableKey: TableKey;
  envVar: string;
  tableName: string;
  create: CreateTableCommandInput;
  /** TTL attribute, if the template enables TTL. */
  ttlAttribute: string | undefined;
}

export interface EnsureTablesResult {
  /** `TABLE_PARTICIPANTS=introflyt-Participants`, … : what the handlers read (shared/config.ts). */
  env: Record<string, string>;
  tables: LocalTableSpec[];
  created: string[];
  existing: string[];
}

export class LocalTablesError extends Error {
  constructor(
    readonly code: 'LOCAL_TEMPLATE_INVALID' | 'LOCAL_TABLE_UNKNOWN' | 'LOCAL_TABLE_MISSING' | 'LOCAL_TABLE_MISMATCH',
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'LocalTablesError';
  }
}

export const DEFAULT_TABLE_PREFIX = 'introflyt';

/**
 * Synthesizes the stateful stack alone, with the same stack class, stack name
 * and cdk.json context that `infra/synth.ts` uses. The tables live only in
 * that stack, and the stateless stack (functions, API) is not needed to
 * create them: this works before every handler exists, and in about half the time.
 */
export async function synthesizeStatefulTemplate(): Promise<CfnTemplate> {
  const [{ App }, { addStatefulStack }, { readCdkContext }] = await Promise.all([import('aws-cdk-lib'), import('../introflyt-app.js'), import('../project.js')]);
  const outdir = mkdtempSync(join(tmpdir(), 'introflyt-local-synth-'));
  try {
    const app = new App({ outdir, context: readCdkContext(), analyticsReporting: false });
    const stack = addStatefulStack(app);
    return app.synth().getStackByName(stack.stackName).template as CfnTemplate;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// Reading the template

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(logicalId: string, what: string): never {
  throw new LocalTablesError('LOCAL_TEMPLATE_INVALID', `table ${logicalId}: ${what}`);
}

function str(v: unknown, logicalId: string, what: string): string {
  if (typeof v !== 'string' || v.length === 0) fail(logicalId, `${what} must be a literal string (got ${JSON.stringify(v)})`);
  return v;
}

function keySchema(v: unknown, logicalId: string, what: string): KeySchemaElement[] {
  if (!Array.isArray(v) || v.length === 0 || v.length > 2) fail(logicalId, `${what} must list one or two keys`);
  return v.map((k, i) => {
    if (!isRecord(k)) fail(logicalId, `${what}[${i}] must be an object`);
    const type = str(k.KeyType, logicalId, `${what}[${i}].KeyType`);
    if (type !== 'HASH' && type !== 'RANGE') fail(logicalId, `${what}[${i}].KeyType must be HASH or RANGE`);
    return { AttributeName: str(k.AttributeName, logicalId, `${what}[${i}].AttributeName`), KeyType: type };
  });
}

function projection(v: unknown, logicalId: string, what: string): GlobalSecondaryIndex['Projection'] {
  if (v === undefined) return { ProjectionType: 'ALL' };
  if (!isRecord(v)) fail(logicalId, `${what} must be an object`);
  const type = v.ProjectionType === undefined ? 'ALL' : str(v.ProjectionType, logicalId, `${what}.ProjectionType`);
  if (type !== 'ALL' && type !== 'KEYS_ONLY' && type !== 'INCLUDE') fail(logicalId, `${what}.ProjectionType must be ALL, KEYS_ONLY or INCLUDE`);
  const nonKey = v.NonKeyAttributes;
  if (nonKey !== undefined && (!Array.isArray(nonKey) || nonKey.some((a) => typeof a !== 'string'))) fail(logicalId, `${what}.NonKeyAttributes must be strings`);
  return { ProjectionType: type, ...(nonKey !== undefined ? { NonKeyAttributes: nonKey as string[] } : {}) };
}

function throughput(v: unknown, logicalId: string, what: string): { ReadCapacityUnits: number; WriteCapacityUnits: number } {
  if (!isRecord(v)) fail(logicalId, `${what} is required for PROVISIONED billing`);
  const r = Number(v.ReadCapacityUnits);
  const w = Number(v.WriteCapacityUnits);
  if (!Number.isInteger(r) || !Number.isInteger(w) || r < 1 || w < 1) fail(logicalId, `${what} must have positive integer capacities`);
  return { ReadCapacityUnits: r, WriteCapacityUnits: w };
}

/** `ParticipantsTable064D2F22` → `Participants`: drop CDK's 8-hex hash and the `Table` suffix. */
export function baseNameOf(logicalId: string): string {
  const noHash = logicalId.replace(/[0-9A-F]{8}$/, '');
  const base = noHash.replace(/Table$/, '');
  return base.length > 0 ? base : noHash;
}

function contractRow(logicalId: string, base: string, metadata: unknown): (typeof TABLES)[number] {
  const meta = isRecord(metadata) && isRecord(metadata.Introflyt) ? metadata.Introflyt : undefined;
  if (meta !== undefined) {
    const row = TABLES.find((t) => t.key === meta.tableKey);
    if (row === undefined) throw new LocalTablesError('LOCAL_TABLE_UNKNOWN', `table ${logicalId} names tableKey ${JSON.stringify(meta.tableKey)}, which shared/contract/tables.ts does not have`);
    if (meta.envVar !== undefined && meta.envVar !== row.envVar) {
      throw new LocalTablesError('LOCAL_TABLE_UNKNOWN', `table ${logicalId} names env var ${JSON.stringify(meta.envVar)}, shared/contract/tables.ts says ${row.envVar}`);
    }
    return row;
  }
  const row = TABLES.find((t) => t.id === base);
  if (row === undefined) throw new LocalTablesError('LOCAL_TABLE_UNKNOWN', `table ${logicalId} matches no row of shared/contract/tables.ts (by Metadata.Introflyt.tableKey or id ${base})`);
  return row;
}

/**
 * The tables of a synthesized template, as local CreateTable inputs.
 * Throws LocalTablesError naming the resource and property for anything it cannot read,
 * and when a table of shared/contract/tables.ts is not in the template.
 */
export function tablesFromTemplate(template: CfnTemplate, prefix = DEFAULT_TABLE_PREFIX): LocalTableSpec[] {
  if (!isRecord(template) || !isRecord(template.Resources)) throw new LocalTablesError('LOCAL_TEMPLATE_INVALID', 'the template has no Resources object');
  const specs: LocalTableSpec[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (!isRecord(resource) || resource.Type !== 'AWS::DynamoDB::Table') continue;
    const p = resource.Properties;
    if (!isRecord(p)) fail(logicalId, 'Properties missing');
    const base = baseNameOf(logicalId);
    const row = contractRow(logicalId, base, resource.Metadata);
    const tableName = `${prefix}-${base}`;

    const attrs = p.AttributeDefinitions;
    if (!Array.isArray(attrs) || attrs.length === 0) fail(logicalId, 'AttributeDefinitions must be a non-empty list');
    const attributeDefinitions: AttributeDefinition[] = attrs.map((a, i) => {
      if (!isRecord(a)) fail(logicalId, `AttributeDefinitions[${i}] must be an object`);
      const type = str(a.AttributeType, logicalId, `AttributeDefinitions[${i}].AttributeType`);
      if (type !== 'S' && type !== 'N' && type !== 'B') fail(logicalId, `AttributeDefinitions[${i}].AttributeType must be S, N or B`);
      return { AttributeName: str(a.AttributeName, logicalId, `AttributeDefinitions[${i}].AttributeName`), AttributeType: type };
    });

    const billing = p.BillingMode === undefined ? 'PROVISIONED' : str(p.BillingMode, logicalId, 'BillingMode');
    if (billing !== 'PROVISIONED' && billing !== 'PAY_PER_REQUEST') fail(logicalId, 'BillingMode must be PROVISIONED or PAY_PER_REQUEST');
    const provisioned = billing === 'PROVISIONED';

    const gsis = p.GlobalSecondaryIndexes;
    if (gsis !== undefined && !Array.isArray(gsis)) fail(logicalId, 'GlobalSecondaryIndexes must be a list');
    const globalSecondaryIndexes: GlobalSecondaryIndex[] = (gsis ?? []).map((g: unknown, i: number) => {
      if (!isRecord(g)) fail(logicalId, `GlobalSecondaryIndexes[${i}] must be an object`);
      return {
        IndexName: str(g.IndexName, logicalId, `GlobalSecondaryIndexes[${i}].IndexName`),
        KeySchema: keySchema(g.KeySchema, logicalId, `GlobalSecondaryIndexes[${i}].KeySchema`),
        Projection: projection(g.Projection, logicalId, `GlobalSecondaryIndexes[${i}].Projection`),
        ...(provisioned ? { ProvisionedThroughput: throughput(g.ProvisionedThroughput, logicalId, `GlobalSecondaryIndexes[${i}].ProvisionedThroughput`) } : {}),
      };
    });

    const lsis = p.LocalSecondaryIndexes;
    if (lsis !== undefined && !Array.isArray(lsis)) fail(logicalId, 'LocalSecondaryIndexes must be a list');
    const localSecondaryIndexes: LocalSecondaryIndex[] = (lsis ?? []).map((l: unknown, i: number) => {
      if (!isRecord(l)) fail(logicalId, `LocalSecondaryIndexes[${i}] must be an object`);
      return {
        IndexName: str(l.IndexName, logicalId, `LocalSecondaryIndexes[${i}].IndexName`),
        KeySchema: keySchema(l.KeySchema, logicalId, `LocalSecondaryIndexes[${i}].KeySchema`),
        Projection: projection(l.Projection, logicalId, `LocalSecondaryIndexes[${i}].Projection`),
      };
    });

    const stream = p.StreamSpecification;
    let streamSpecification: CreateTableCommandInput['StreamSpecification'];
    if (stream !== undefined) {
      if (!isRecord(stream)) fail(logicalId, 'StreamSpecification must be an object');
      const viewType = str(stream.StreamViewType, logicalId, 'StreamSpecification.StreamViewType');
      if (!['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'].includes(viewType)) fail(logicalId, 'StreamSpecification.StreamViewType is not a stream view type');
      streamSpecification = { StreamEnabled: true, StreamViewType: viewType as 'KEYS_ONLY' };
    }

    const ttl = p.TimeToLiveSpecification;
    let ttlAttribute: string | undefined;
    if (ttl !== undefined) {
      if (!isRecord(ttl)) fail(logicalId, 'TimeToLiveSpecification must be an object');
      if (ttl.Enabled === true || ttl.Enabled === 'true') ttlAttribute = str(ttl.AttributeName, logicalId, 'TimeToLiveSpecification.AttributeName');
    }

    specs.push({
      logicalId,
      tableKey: row.key,
      envVar: row.envVar,
      tableName,
      ttlAttribute,
      create: {
        TableName: tableName,
        KeySchema: keySchema(p.KeySchema, logicalId, 'KeySchema'),
        AttributeDefinitions: attributeDefinitions,
        BillingMode: billing,
        ...(provisioned ? { ProvisionedThroughput: throughput(p.ProvisionedThroughput, logicalId, 'ProvisionedThroughput') } : {}),
        ...(globalSecondaryIndexes.length > 0 ? { GlobalSecondaryIndexes: globalSecondaryIndexes } : {}),
        ...(localSecondaryIndexes.length > 0 ? { LocalSecondaryIndexes: localSecondaryIndexes } : {}),
        ...(streamSpecification !== undefined ? { StreamSpecification: streamSpecification } : {}),
      },
    });
  }
  for (const row of TABLES) {
    const found = specs.filter((s) => s.tableKey === row.key);
    if (found.length === 0) throw new LocalTablesError('LOCAL_TABLE_MISSING', `the template has no table for ${row.key} (${row.envVar})`);
    if (found.length > 1) throw new LocalTablesError('LOCAL_TEMPLATE_INVALID', `the template has ${found.length} tables for ${row.key}: ${found.map((f) => f.logicalId).join(', ')}`);
  }
  return specs;
}

// ---------------------------------------------------------------------------
// Creating them

const sameKeys = (a: readonly KeySchemaElement[] | undefined, b: readonly KeySchemaElement[] | undefined): boolean =>
  JSON.stringify((a ?? []).map((k) => [k.AttributeName, k.KeyType])) === JSON.stringify((b ?? []).map((k) => [k.AttributeName, k.KeyType]));

async function reconcileExisting(client: DynamoDBClient, spec: LocalTableSpec): Promise<void> {
  const { Table: table } = await client.send(new DescribeTableCommand({ TableName: spec.tableName }));
  if (!sameKeys(table?.KeySchema, spec.create.KeySchema)) {
    throw new LocalTablesError(
      'LOCAL_TABLE_MISMATCH',
      `table ${spec.tableName} exists with a different primary key than the template; remove the local data folder (.local/dynamodb) to recreate it`,
    );
  }
  const wantStream = spec.create.StreamSpecification;
  if (wantStream !== undefined && table?.StreamSpecification?.StreamEnabled !== true) {
    // The template enabled the stream since the data folder was made (the audit sealer reads it): enable it, keeping the data.
    await client.send(new UpdateTableCommand({ TableName: spec.tableName, StreamSpecification: wantStream }));
  } else if (wantStream !== undefined && table?.StreamSpecification?.StreamViewType !== wantStream.StreamViewType) {
    throw new LocalTablesError('LOCAL_TABLE_MISMATCH', `table ${spec.tableName} streams ${table?.StreamSpecification?.StreamViewType}, the template ${wantStream.StreamViewType}; remove .local/dynamodb to recreate it`);
  }
  const existing = new Map((table?.GlobalSecondaryIndexes ?? []).map((g) => [g.IndexName, g]));
  for (const gsi of spec.create.GlobalSecondaryIndexes ?? []) {
    const have = existing.get(gsi.IndexName);
    if (have !== undefined) {
      if (!sameKeys(have.KeySchema, gsi.KeySchema)) {
        throw new LocalTablesError('LOCAL_TABLE_MISMATCH', `index ${gsi.IndexName} of ${spec.tableName} has other keys than the template; remove .local/dynamodb to recreate it`);
      }
      continue;
    }
    // The template gained an index since the data folder was made: add it, keeping the data.
    const attrs = spec.create.AttributeDefinitions?.filter((a) => gsi.KeySchema?.some((k) => k.AttributeName === a.AttributeName));
    await client.send(
      new UpdateTableCommand({
        TableName: spec.tableName,
        AttributeDefinitions: attrs,
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: gsi.IndexName, KeySchema: gsi.KeySchema, Projection: gsi.Projection, ...(gsi.ProvisionedThroughput ? { ProvisionedThroughput: gsi.ProvisionedThroughput } : {}) } }],
      }),
    );
  }
}

async function ensureTtl(client: DynamoDBClient, spec: LocalTableSpec): Promise<void> {
  if (spec.ttlAttribute === undefined) return;
  const d = await client.send(new DescribeTimeToLiveCommand({ TableName: spec.tableName }));
  const status = d.TimeToLiveDescription?.TimeToLiveStatus;
  if ((status === 'ENABLED' || status === 'ENABLING') && d.TimeToLiveDescription?.AttributeName === spec.ttlAttribute) return;
  await client.send(new UpdateTimeToLiveCommand({ TableName: spec.tableName, TimeToLiveSpecification: { AttributeName: spec.ttlAttribute, Enabled: true } }));
}

async function waitActive(client: DynamoDBClient, tableName: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      const { Table: t } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (t?.TableStatus === 'ACTIVE' && (t.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === undefined || g.IndexStatus === 'ACTIVE')) return;
    } catch (err) {
      if (!(err instanceof ResourceNotFoundException)) throw err;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`LOCAL_TABLE_NOT_ACTIVE: ${tableName} did not become ACTIVE`);
}

/**
 * Creates every table of the template that does not exist yet, keeps those
 * that do (their data too), enables TTL where the template has it, and
 * returns the env var map the handlers read.
 */
export async function ensureTables(client: DynamoDBClient, template: CfnTemplate, opts: { prefix?: string } = {}): Promise<EnsureTablesResult> {
  const specs = tablesFromTemplate(template, opts.prefix ?? DEFAULT_TABLE_PREFIX);
  const created: string[] = [];
  const existing: string[] = [];
  await Promise.all(
    specs.map(async (spec) => {
      try {
        await client.send(new CreateTableCommand(spec.create));
        created.push(spec.tableName);
      } catch (err) {
        if (!(err instanceof ResourceInUseException)) throw err;
        existing.push(spec.tableName);
        await reconcileExisting(client, spec);
      }
      await waitActive(client, spec.tableName);
      await ensureTtl(client, spec);
    }),
  );
  const env: Record<string, string> = {};
  for (const spec of specs) env[spec.envVar] = spec.tableName;
  return { env, tables: specs, created: created.sort(), existing: existing.sort() };
}
