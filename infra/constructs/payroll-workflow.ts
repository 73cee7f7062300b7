/**
 * The monthly payroll run (architecture.md flow 3) as a Standard Step
 * Functions workflow in JSONPath mode, so the same synthesized ASL also runs
 * locally in aws-local-stepfunctions (stack-notes.md: no JSONata, no
 * variables, no Distributed Map, no task tokens):
 *
 *   Prepare (freeze the month's participant ids in batches, in the table)
 *   → ComputeBatches: inline Map over batch numbers, bounded concurrency
 *       → ComputeBatch (build each case from the database, decide, store create-only)
 *   → Summarise (totals, counts per review class; run AWAITING_APPROVAL)
 *
 * The same machine writes a released run's export file (issue 15: the
 * export is a job, not a request): an execution with `job: "export"` goes
 * straight to ExportFile (list the run's decisions, one access-log entry
 * per participant, the CSV written create-only to the exports store), whose
 * failure is recorded on the export job by ExportFailed. Payroll requests
 * start it (the release, or POST /payroll-runs/{id}/export) and poll it.
 *
 * Every Lambda task retries transient errors with backoff and catches the
 * rest into FailRun (run FAILED with the error name as reason; a failed run is
 * never released). State payloads carry the run id and batch numbers only:
 * participant ids stay in the PayrollRuns table, personal data in theirs.
 * Standard, not Express: a payout run must be exactly-once per step
 * transition and auditable (quality.md R6).
 */
import { ArnFormat, Duration, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { Grant, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import {
  Choice,
  Condition,
  DefinitionBody,
  Errors,
  Fail,
  JsonPath,
  LogLevel,
  CustomerManagedEncryptionConfiguration,
  Map as MapState,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
  JitterType,
  type IChainable,
  type RetryProps,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { TableKey } from '../../shared/contract/tables.js';
import { ARCHIVE_ASSETS } from './archive-bundling.js';
import { grantExportWrite } from './exports-bucket.js';
import { IntroflytFunction } from './introflyt-function.js';
import type { SharedTables } from './shared-tables.js';
import type { TableAccess } from './table-access.js';

/** Task state name → function folder under functions/ (the local runner maps the same names to the same modules). */
export const PAYROLL_TASKS = {
  Prepare: 'payroll-prepare',
  ComputeBatch: 'payroll-compute-batch',
  Summarise: 'payroll-summarise',
  FailRun: 'payroll-fail-run',
  ExportFile: 'payroll-export-file',
  ExportFailed: 'payroll-export-failed',
  ArchivePackage: 'report-archive-build',
} as const;
export type PayrollTaskState = keyof typeof PAYROLL_TASKS;

/** The tables each task function uses (granted through IntroflytFunction; env vars for exactly these). */
export const PAYROLL_TASK_TABLES: Readonly<Record<PayrollTaskState, Readonly<Partial<Record<TableKey, TableAccess>>>>> = {
  Prepare: { participants: 'r', decisions: 'r', payrollRuns: 'rw' },
  ComputeBatch: { participants: 'r', attendance: 'r', decisions: 'rw', payrollRuns: 'rw' },
  Summarise: { payrollRuns: 'rw' },
  FailRun: { payrollRuns: 'rw' },
  // The export reads the run's decisions and resolutions, the payroll references, and writes one access-log entry per participant.
  ExportFile: { participants: 'r', decisions: 'r', payrollRuns: 'rw', auditLog: 'rw' },
  ExportFailed: { payrollRuns: 'rw' },
  // An archive package (issue 12 item 5): the month's released decisions, explanations and profiles; the job item; one staff read per participant.
  ArchivePackage: { participants: 'r', decisions: 'r', payrollRuns: 'rw', auditLog: 'rw' },
};

/** Tasks whose work grows with the month (a batch, a whole run's export, an archive package): more memory is more CPU, and more time. */
const LONG_TASKS: ReadonlySet<PayrollTaskState> = new Set(['ComputeBatch', 'ExportFile', 'ArchivePackage']);

/**
 * An archive package renders every decision's PDFs in one invocation (docs/archive.md): the most CPU Lambda gives a
 * single thread (about 1.8 GB and up buy a full vCPU) and close to Lambda's 15-minute limit.
 */
const ARCHIVE_TASK_SIZE = { memorySize: 2048, timeout: Duration.minutes(14) };

/** Errors a retry can cure: Lambda service hiccups and what the task handlers classify as transient (throttling, network). */
export const TRANSIENT_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.Unknown',
  Errors.TIMEOUT,
  'TransientTaskError',
] as const;

/** Map concurrency: 10 batches of 100 participants at a time stays far below on-demand DynamoDB and Lambda limits (docs/scale.md). */
export const DEFAULT_MAX_CONCURRENCY = 10;

export interface PayrollWorkflowProps {
  data: SharedTables;
  entryFor: (fn: string) => string;
  projectRoot: string;
  logRetention: RetentionDays;
  /** @default DEFAULT_MAX_CONCURRENCY */
  maxConcurrency?: number;
  /** Where ExportFile writes the export files (the stateful stack's exports bucket). */
  exportBucket: IBucket;
  /** The CloudFormation export name of that bucket's ARN (how cdk-nag names the granted resource). */
  exportBucketArnExport: string;
}

export class PayrollWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  readonly functions: ReadonlyMap<PayrollTaskState, IntroflytFunction>;
  readonly logGroup: LogGroup;
  private readonly encryptionKeyArn: string;

  constructor(scope: Construct, id: string, props: PayrollWorkflowProps) {
    super(scope, id);
    this.encryptionKeyArn = props.data.dataKey.keyArn;
    const fns = new Map<PayrollTaskState, IntroflytFunction>();
    for (const state of Object.keys(PAYROLL_TASKS) as PayrollTaskState[]) {
      const fn = PAYROLL_TASKS[state];
      fns.set(
        state,
        new IntroflytFunction(this, `Fn-${fn}`, {
          fn,
          entry: props.entryFor(fn),
          projectRoot: props.projectRoot,
          data: props.data,
          tables: PAYROLL_TASK_TABLES[state],
          logRetention: props.logRetention,
          // A batch of 100 decisions with explanations in two languages, or a whole run's export: more memory is more CPU.
          ...(state === 'ArchivePackage' ? ARCHIVE_TASK_SIZE : LONG_TASKS.has(state) ? { memorySize: 1024, timeout: Duration.minutes(5) } : { timeout: Duration.minutes(1) }),
          // The archive PDFs' font and pdfkit's colour profile travel in that function's asset (archive-bundling.ts).
          ...(state === 'ArchivePackage' ? { assets: ARCHIVE_ASSETS } : {}),
        }),
      );
    }
    this.functions = fns;
    // The export job writes the file once (create-only) and checks what is there; it never deletes or lists.
    // So does the archive package job (under exports/archive/).
    for (const writer of ['ExportFile', 'ArchivePackage'] as const) {
      const f = fns.get(writer)!.function;
      grantExportWrite(props.exportBucket, f, props.exportBucketArnExport);
      f.addEnvironment('EXPORT_BUCKET', props.exportBucket.bucketName);
    }

    const retry: RetryProps = {
      errors: [...TRANSIENT_ERRORS],
      interval: Duration.seconds(2),
      backoffRate: 2,
      maxAttempts: 6,
      maxDelay: Duration.seconds(60),
      // Ten batches retrying in step would hit a throttled table together; full jitter spreads them.
      jitterStrategy: JitterType.FULL,
    };
    const task = (state: PayrollTaskState, payload: TaskInput, resultSelector: Record<string, string> | undefined, resultPath: string) =>
      LambdaInvoke.jsonPath(this, state, {
        stateName: state,
        lambdaFunction: fns.get(state)!.function,
        payload,
        // Our own Retry below covers the Lambda service errors too.
        retryOnServiceExceptions: false,
        ...(resultSelector ? { resultSelector } : {}),
        resultPath,
        taskTimeout: Timeout.duration(state === 'ArchivePackage' ? ARCHIVE_TASK_SIZE.timeout.plus(Duration.minutes(1)) : LONG_TASKS.has(state) ? Duration.minutes(6) : Duration.minutes(2)),
      });

    const runFailed = new Fail(this, 'RunFailed', { stateName: 'RunFailed', error: 'PayrollRunFailed', cause: 'The run was marked FAILED; see the run status.' });
    const failRun = task('FailRun', TaskInput.fromObject({ runId: JsonPath.stringAt('$.runId'), error: JsonPath.stringAt('$.error.Error') }), undefined, JsonPath.DISCARD);
    failRun.addRetry({ ...retry, maxAttempts: 10 });
    // Even when marking the run fails, the execution ends failed (the run stays COMPUTING, which blocks release; an operator resumes it).
    failRun.addCatch(runFailed, { errors: [Errors.ALL], resultPath: '$.failRunError' });
    failRun.next(runFailed);

    const catchInto = (t: LambdaInvoke | MapState) => t.addCatch(failRun, { errors: [Errors.ALL], resultPath: '$.error' });
    const runIdOnly = TaskInput.fromObject({ runId: JsonPath.stringAt('$.runId') });

    const prepare = task('Prepare', runIdOnly, { 'batches.$': '$.Payload.batches', 'participants.$': '$.Payload.participants' }, '$.prepared');
    prepare.addRetry(retry);
    catchInto(prepare);

    const computeBatch = task('ComputeBatch', TaskInput.fromJsonPathAt('$'), { 'batch.$': '$.Payload.batch', 'written.$': '$.Payload.written' }, '$.result');
    computeBatch.addRetry(retry);
    // Inside the Map a caught error ends the iteration; the Map fails with it and its own Catch marks the run.
    const batchFailed = new Fail(this, 'BatchFailed', { stateName: 'BatchFailed', error: 'ComputeBatchFailed', cause: 'A batch failed after its retries.' });
    computeBatch.addCatch(batchFailed, { errors: [Errors.ALL], resultPath: '$.error' });

    const map = MapState.jsonPath(this, 'ComputeBatches', {
      stateName: 'ComputeBatches',
      itemsPath: '$.prepared.batches',
      itemSelector: { runId: JsonPath.stringAt('$.runId'), batch: JsonPath.numberAt('$$.Map.Item.Value') },
      maxConcurrency: props.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY,
      // The batches' results are in the table; the state keeps ids only and stays small.
      resultPath: JsonPath.DISCARD,
    });
    map.itemProcessor(computeBatch);
    catchInto(map);

    const summarise = task('Summarise', runIdOnly, { 'status.$': '$.Payload.status' }, '$.summary');
    summarise.addRetry(retry);
    catchInto(summarise);

    const compute = prepare.next(map).next(summarise).next(new Succeed(this, 'AwaitingApproval', { stateName: 'AwaitingApproval' }));

    // The export of a released run: its failure is the export job's, never the run's (a released run is never FAILED).
    const exportFailedEnd = new Fail(this, 'ExportJobFailed', { stateName: 'ExportJobFailed', error: 'PayrollExportFailed', cause: 'The export job was marked FAILED; see its status.' });
    const exportFailed = task('ExportFailed', TaskInput.fromObject({ runId: JsonPath.stringAt('$.runId'), error: JsonPath.stringAt('$.error.Error') }), undefined, JsonPath.DISCARD);
    exportFailed.addRetry({ ...retry, maxAttempts: 10 });
    exportFailed.addCatch(exportFailedEnd, { errors: [Errors.ALL], resultPath: '$.exportFailedError' });
    exportFailed.next(exportFailedEnd);
    const exportFile = task('ExportFile', runIdOnly, { 'status.$': '$.Payload.status' }, '$.export');
    exportFile.addRetry(retry);
    exportFile.addCatch(exportFailed, { errors: [Errors.ALL], resultPath: '$.error' });
    exportFile.next(new Succeed(this, 'ExportReady', { stateName: 'ExportReady' }));

    // An archive package (shared/domain/reports/archive-job.ts): the task marks a job it cannot make FAILED itself;
    // an execution that ends here otherwise leaves the job RUNNING, which the status route shows as stopped.
    const archiveFailed = new Fail(this, 'ArchiveFailed', { stateName: 'ArchiveFailed', error: 'ArchivePackageFailed', cause: 'The archive package was not made; see its job.' });
    const archivePackage = task('ArchivePackage', TaskInput.fromObject({ jobId: JsonPath.stringAt('$.jobId') }), { 'status.$': '$.Payload.status' }, '$.archive');
    archivePackage.addRetry(retry);
    archivePackage.addCatch(archiveFailed, { errors: [Errors.ALL], resultPath: '$.error' });
    archivePackage.next(new Succeed(this, 'ArchiveReady', { stateName: 'ArchiveReady' }));

    const definition: IChainable = new Choice(this, 'Job', { stateName: 'Job' })
      .when(Condition.and(Condition.isPresent('$.job'), Condition.stringEquals('$.job', 'export')), exportFile)
      .when(Condition.and(Condition.isPresent('$.job'), Condition.stringEquals('$.job', 'archive')), archivePackage)
      .otherwise(compute);

    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY, encryptionKey: props.data.logsKey });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      // A known name gives the start route a literal execution ARN prefix to be granted (and operators a findable machine).
      stateMachineName: `${Stack.of(this).stackName}-PayrollRun`,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(definition),
      tracingEnabled: true,
      // Every event, without execution data: payloads are ids only, but the log need not hold even those.
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: false },
      timeout: Duration.hours(2),
      comment: 'Introflyt monthly payroll run: prepare, compute decisions per batch, summarise; or the export file of a released run; or an archive package',
      // The definition and execution history encrypted with the data key (quality.md S8); CDK grants the machine's role its use
      // for this machine's encryption context, and the key policy lets log delivery decrypt (infra/stateful-stack.ts).
      encryptionConfiguration: new CustomerManagedEncryptionConfiguration(props.data.dataKey, Duration.minutes(5)),
    });

    // cdk-nag: what CDK grants the machine's role, acknowledged finding by finding (infra/nag.ts pattern).
    const stack = Stack.of(this);
    const role = this.stateMachine.role;
    for (const fn of fns.values()) {
      const logicalId = stack.resolve((fn.function.node.defaultChild as CfnElement).logicalId) as string;
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
        reason: 'lambda:InvokeFunction on the versions (<function ARN>:*) of this workflow’s own task functions, as LambdaInvoke grants it; no other function.',
      });
    }
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray PutTraceSegments/PutTelemetryRecords/GetSampling* and the CloudWatch Logs delivery actions (logs:CreateLogDelivery, ' +
        'DescribeResourcePolicies, …) that Step Functions logging needs support no resource-level permissions.',
    });
  }

  /** Lets an API function start executions and read their status (resume after a crash). */
  grantStart(fn: IntroflytFunction): void {
    this.stateMachine.grantStartExecution(fn.function);
    // Execution input and history are encrypted with the data key: starting needs GenerateDataKey, describing Decrypt, for this machine only.
    Grant.addToPrincipal({
      grantee: fn.function,
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resourceArns: [this.encryptionKeyArn],
      conditions: { StringEquals: { 'kms:EncryptionContext:aws:states:stateMachineArn': this.stateMachine.stateMachineArn } },
    });
    // DescribeExecution on this machine's executions (<execution ARN prefix>:*): the start route resumes a run whose execution ended.
    const name = `${Stack.of(this).stackName}-PayrollRun`;
    fn.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['states:DescribeExecution'],
        resources: [Stack.of(this).formatArn({ service: 'states', resource: 'execution', arnFormat: ArnFormat.COLON_RESOURCE_NAME, resourceName: `${name}:*` })],
      }),
    );
    Validations.of(fn.function.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${name}:*]`,
      reason: 'states:DescribeExecution on the executions of the payroll state machine only (its execution ARN prefix); execution names are not known in advance.',
    });
  }
}
