/**
 * Port: start the payroll workflow for a run, and ask whether an execution is
 * still running (a run whose execution ended without finishing is resumed
 * with a new execution). On AWS: Step Functions StartExecution /
 * DescribeExecution on the state machine in PAYROLL_STATE_MACHINE_ARN. Locally
 * (`PAYROLL_WORKFLOW_MODE=local`, set by infra/local): the same synthesized
 * ASL in aws-local-stepfunctions, in this process (infra/local/workflow-runner.ts).
 */
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { Config } from '../config.js';

/** What an execution does: compute the run (the default), write the export file of a released run, or build an archive package. */
export type WorkflowJob = 'compute' | 'export' | 'archive';

export interface PayrollWorkflowPort {
  /**
   * Starts an execution named `executionName` with input `{ runId }` (and
   * `job: 'export'` for the export; `{ jobId, job: 'archive' }` for an
   * archive package, whose id is the first argument); starting the same name
   * again is harmless.
   */
  start(runId: string, executionName: string, job?: WorkflowJob): Promise<void>;
  /** True while the named execution runs; false once it ended or if it is unknown. */
  isRunning(executionName: string): Promise<boolean>;
}

/** The execution's input: ids only (the state machine's first state chooses the job by `job`). */
export function workflowInput(id: string, job: WorkflowJob = 'compute'): { runId: string; job?: 'export' } | { jobId: string; job: 'archive' } {
  if (job === 'archive') return { jobId: id, job };
  return job === 'export' ? { runId: id, job } : { runId: id };
}

/** The execution ARN of a named execution of a state machine (same account, region and machine name). */
export function executionArnOf(stateMachineArn: string, executionName: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName}`;
}

export class StepFunctionsWorkflow implements PayrollWorkflowPort {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async start(runId: string, executionName: string, job: WorkflowJob = 'compute'): Promise<void> {
    try {
      await this.client.send(new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name: executionName, input: JSON.stringify(workflowInput(runId, job)) }));
    } catch (err) {
      // Names are unique per machine for 90 days: the execution was started by an earlier attempt of this request.
      if (err instanceof Error && err.name === 'ExecutionAlreadyExists') return;
      throw err;
    }
  }

  async isRunning(executionName: string): Promise<boolean> {
    try {
      const r = await this.client.send(new DescribeExecutionCommand({ executionArn: executionArnOf(this.stateMachineArn, executionName) }));
      return r.status === 'RUNNING' || r.status === 'PENDING_REDRIVE';
    } catch (err) {
      if (err instanceof Error && err.name === 'ExecutionDoesNotExist') return false;
      throw err;
    }
  }
}

/** The local runner's surface (infra/local/workflow-runner.ts), loaded only in local mode. */
interface LocalRunnerModule {
  localWorkflow(): PayrollWorkflowPort & { running(): string[]; abort(executionName: string): Promise<unknown> };
}

/** Delegates to the in-process runner, imported on first use so Lambda bundles never contain it. */
class LocalWorkflow implements PayrollWorkflowPort {
  #port: Promise<ReturnType<LocalRunnerModule['localWorkflow']>> | undefined;
  private port(): Promise<ReturnType<LocalRunnerModule['localWorkflow']>> {
    // A computed specifier: esbuild leaves it alone, tsx and jest resolve it at run time.
    const specifier = ['..', '..', 'infra', 'local', 'workflow-runner.js'].join('/');
    this.#port ??= (import(specifier) as Promise<LocalRunnerModule>).then((m) => m.localWorkflow());
    return this.#port;
  }
  async start(runId: string, executionName: string, job?: WorkflowJob): Promise<void> {
    return (await this.port()).start(runId, executionName, job);
  }
  async isRunning(executionName: string): Promise<boolean> {
    return (await this.port()).isRunning(executionName);
  }
  /** Aborts what this process still runs (a stopped process would leave it so); nothing when the runner was never loaded. */
  async abortAll(): Promise<void> {
    if (this.#port === undefined) return;
    const runner = await this.#port;
    await Promise.all(runner.running().map((name) => runner.abort(name)));
  }
}

/**
 * Local runtime only: aborts the in-process executions still running, before
 * the store they write to stops (a run stays COMPUTING, an export job
 * RUNNING, and the next start resumes them, as after a killed process).
 */
export async function abortLocalExecutions(workflow: PayrollWorkflowPort): Promise<void> {
  if (workflow instanceof LocalWorkflow) await workflow.abortAll();
}

/** The configured port: the local runner (`PAYROLL_WORKFLOW_MODE=local`), else the state machine named by its ARN. */
export function workflowOf(config: Pick<Config, 'payrollWorkflowMode' | 'payrollStateMachineArn'>): PayrollWorkflowPort {
  if (config.payrollWorkflowMode === 'local') return new LocalWorkflow();
  const arn = config.payrollStateMachineArn;
  if (arn === undefined || !/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]+$/.test(arn))
    throw new Error('PAYROLL_STATE_MACHINE_ARN must be a state machine ARN (or set PAYROLL_WORKFLOW_MODE=local)');
  return new StepFunctionsWorkflow(new SFNClient({ maxAttempts: 4 }), arn);
}
