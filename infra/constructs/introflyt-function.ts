/**
 * One Lambda function of Introflyt (an API route's `fn` now, a workflow task
 * later): ESM bundle built by the local esbuild (never Docker), its own log
 * group with retention (encrypted with the logs key), its own role (no AWS managed policies: the role may
 * write only to its log group, send traces, and use the tables it is given),
 * the table-name variables of exactly those tables, X-Ray tracing, and alarms
 * on errors and throttles.
 */
import { Duration } from 'aws-cdk-lib';
import { Role as IamRole, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type BundlingOptions, type ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TableKey } from '../../shared/contract/tables.js';
import { TABLES } from '../../shared/contract/tables.js';
import type { SharedTables } from './shared-tables.js';
import { grantTableAccess, type TableAccess } from './table-access.js';

export interface IntroflytFunctionProps {
  /** The function's folder name under functions/. */
  fn: string;
  /** Absolute path of its handler module. */
  entry: string;
  /** Absolute path of the repository (lock file and node_modules live there). */
  projectRoot: string;
  data: SharedTables;
  /** The tables this function may use, and how. */
  tables: Readonly<Partial<Record<TableKey, TableAccess>>>;
  logRetention: RetentionDays;
  memorySize?: number;
  timeout?: Duration;
  /** Files copied into the asset after bundling, and the environment that points at them (archive-bundling.ts). */
  assets?: { hooks: ICommandHooks; environment: Readonly<Record<string, string>>; esbuildArgs?: Readonly<Record<string, string>> };
}

/**
 * esbuild emits ESM, but some dependencies are CommonJS and call `require`;
 * Node has no `require` in ES modules, so the bundle defines one up front.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __introflytCreateRequire } from 'node:module'; const require = __introflytCreateRequire(import.meta.url);";

/** How every function is bundled: ESM by the local esbuild, minified, with source maps; `hooks` copy files into the asset. */
export function bundlingOptions(hooks?: ICommandHooks, esbuildArgs?: Readonly<Record<string, string>>): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    target: 'node22',
    mainFields: ['module', 'main'],
    banner: ESM_REQUIRE_BANNER,
    minify: true,
    sourceMap: true,
    // Source maps map stack traces to file and line; the sources themselves stay out of the bundle.
    sourcesContent: false,
    forceDockerBundling: false,
    ...(hooks ? { commandHooks: hooks } : {}),
    ...(esbuildArgs ? { esbuildArgs: { ...esbuildArgs } } : {}),
  };
}

export class IntroflytFunction extends Construct {
  /** The function's name in the route table and the bundles (its alarm group names it: function-alarms.ts). */
  readonly fn: string;
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly tableAccess: Readonly<Partial<Record<TableKey, TableAccess>>>;

  constructor(scope: Construct, id: string, props: IntroflytFunctionProps) {
    super(scope, id);
    this.fn = props.fn;
    this.tableAccess = { ...props.tables };

    // Encrypted with the logs key (quality.md S8; its key policy admits CloudWatch Logs, infra/stateful-stack.ts).
    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, encryptionKey: props.data.logsKey });

    const role = new IamRole(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Introflyt function ${props.fn}`,
    });
    this.logGroup.grantWrite(role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: `${props.projectRoot}/package-lock.json`,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      environment: {
        ...tableEnvironment(props.data, props.tables),
        POWERTOOLS_SERVICE_NAME: 'introflyt',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.assets?.environment,
      },
      bundling: bundlingOptions(props.assets?.hooks, props.assets?.esbuildArgs),
    });

    grantTableAccess(this.function, props.data.tables, props.data.dataKey, props.tables);

  }
}

/**
 * The table-name variables of shared/contract/tables.ts for the tables a function may
 * use, and no others: a variable is present exactly when the permission is
 * (shared/config.ts names any that are missing).
 */
export function tableEnvironment(data: SharedTables, access: Readonly<Partial<Record<TableKey, TableAccess>>>): Record<string, string> {
  return Object.fromEntries(TABLES.filter((t) => access[t.key] !== undefined).map((t) => [t.envVar, data.tables[t.key].tableName]));
}
