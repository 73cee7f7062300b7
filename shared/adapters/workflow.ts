/**
 * Port: start the payroll workflow for a run, and ask whether an execution is
 * still running (a run whose execution ended without finishing is resumed
 * with a new execution). On AWS: Step Functions StartExecution /
 * DescribeExecution on the state machine in PAYROLL_STATE_MACHINE_ARN. Locally
 * (`PAYROLL_WORKFLOW_MODE=local`, set by infra/local): the same synthesized
 * ASL in aws-local-stepfunctions, in this process (infra/local/workflow-runner.ts),
 * given to the local runtime's dependency object.
 */
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ConfigError, type Config } from '../config.js';

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

/**
 * The configured port: the state machine named by its ARN. In local mode the local runtime
 * builds its runner and gives it in the dependency object (infra/local/system.ts), so a
 * dependency object without one is a mistake, not a reason to call Step Functions.
 */
export function workflowOf(config: Pick<Config, 'payrollWorkflowMode' | 'payrollStateMachineArn'>): PayrollWorkflowPort {
  if (config.payrollWorkflowMode === 'local') throw new ConfigError('PAYROLL_WORKFLOW_MODE=local: the local runtime gives its workflow runner in the dependency object (createDeps(config, { workflow }))');
  const arn = config.payrollStateMachineArn;
  if (arn === undefined || !/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]+$/.test(arn))
    throw new Error('PAYROLL_STATE_MACHINE_ARN must be a state machine ARN (or set PAYROLL_WORKFLOW_MODE=local)');
  return new StepFunctionsWorkflow(new SFNClient({ maxAttempts: 4 }), arn);
}
