/**
 * The payroll workflow on one machine (architecture.md "Local runtime"): the
 * ASL that CDK synthesizes for the stateless stack, run by
 * aws-local-stepfunctions, with each Lambda task state mapped by name to the
 * same handler module as on AWS (infra/constructs/payroll-workflow.ts
 * PAYROLL_TASKS). There is no second definition of the workflow.
 *
 * - The definition's Fn::Join is resolved with placeholder ARNs (the tasks
 *   never call them: every task state is overridden locally).
 * - A task's result keeps Lambda's invoke shape `{ Payload, StatusCode }`; a
 *   thrown error keeps AWS's shape (Error = the error's name, Cause = the
 *   JSON `{ errorType, errorMessage }`), so Retry and Catch match as on AWS.
 * - Executions run in this process, in the background; `wait` gives their end.
 *   A stopped process leaves its runs COMPUTING: POST /payroll-runs resumes them.
 * - Tests inject failures by state name, before or after the handler's
 *   writes, and shorten the retry intervals.
 */
import { ExecutionAbortedError, ExecutionError, StateMachine } from 'aws-local-stepfunctions';
import { PAYROLL_TASKS, type PayrollTaskState } from '../constructs/payroll-workflow.js';
import { synthesizeTemplates } from '../synth.js';
import type { Deps, DepsHandler } from '../../shared/adapters/deps.js';
import type { PayrollWorkflowPort, WorkflowJob } from '../../shared/adapters/workflow.js';
import { workflowInput } from '../../shared/adapters/workflow.js';

type Json = Record<string, unknown>;
type StateMachineDefinition = ConstructorParameters<typeof StateMachine>[0];

const PLACEHOLDER = { partition: 'aws', region: 'eu-north-1', account: '000000000000' };

/** Resolves the intrinsic functions CDK leaves in a DefinitionString: Fn::Join, Fn::GetAtt (→ placeholder ARN), Ref of pseudo parameters. */
export function resolveIntrinsic(v: unknown): string {
  if (typeof v === 'string') return v;
  const o = v as Json;
  if (Array.isArray(o['Fn::Join'])) {
    const [sep, parts] = o['Fn::Join'] as [string, unknown[]];
    return parts.map(resolveIntrinsic).join(sep);
  }
  if (Array.isArray(o['Fn::GetAtt'])) {
    const [logicalId] = o['Fn::GetAtt'] as [string, string];
    return `arn:${PLACEHOLDER.partition}:lambda:${PLACEHOLDER.region}:${PLACEHOLDER.account}:function:${logicalId}`;
  }
  if (typeof o.Ref === 'string') {
    const pseudo: Record<string, string> = { 'AWS::Partition': PLACEHOLDER.partition, 'AWS::Region': PLACEHOLDER.region, 'AWS::AccountId': PLACEHOLDER.account, 'AWS::URLSuffix': 'amazonaws.com' };
    const r = pseudo[o.Ref];
    if (r !== undefined) return r;
  }
  throw new Error(`LOCAL_WORKFLOW_UNRESOLVABLE: ${JSON.stringify(v).slice(0, 200)}`);
}

/** The payroll state machine's ASL from a synthesized stateless template. */
export function payrollDefinitionOf(stateless: Json): StateMachineDefinition {
  const resources = Object.values((stateless.Resources ?? {}) as Record<string, { Type: string; Properties: Json }>);
  const machines = resources.filter((r) => r.Type === 'AWS::StepFunctions::StateMachine');
  if (machines.length !== 1) throw new Error(`LOCAL_WORKFLOW_NO_MACHINE: expected one state machine in the stateless template, found ${machines.length}`);
  return JSON.parse(resolveIntrinsic(machines[0]!.Properties.DefinitionString)) as StateMachineDefinition;
}

let definition: StateMachineDefinition | undefined;

/** Synthesized once per process (a few seconds), then cached. */
export function payrollDefinition(): StateMachineDefinition {
  definition ??= payrollDefinitionOf(synthesizeTemplates().stateless);
  return definition;
}

export type Phase = 'before' | 'after';
/** Called around each task invocation; throwing fails that attempt as the handler would (the state's Retry/Catch apply). */
export type Injector = (state: PayrollTaskState, phase: Phase, payload: unknown) => void | Promise<void>;

export interface RunnerOptions {
  /** Wait between retries, ms, instead of the ASL's backoff (default 200; tests: 1). */
  retryIntervalMs?: number;
  inject?: Injector;
  /** Called after each Map iteration and task state (progress bars). */
  onStateExited?: (state: string) => void;
}

export type ExecutionOutcome = { status: 'SUCCEEDED'; output: unknown } | { status: 'FAILED'; error: string; cause: string } | { status: 'ABORTED' };

interface Execution {
  runId: string;
  running: boolean;
  abort: () => void;
  done: Promise<ExecutionOutcome>;
  /** Set by `abort`: no further task handler is called. */
  aborted: boolean;
  /** Task handler calls in progress (the interpreter's abort does not wait for them; `abort` does). */
  inFlight: Set<Promise<unknown>>;
}

type TaskHandler = (event: unknown) => Promise<unknown>;

/** An error as Step Functions reports a Lambda function error: name = errorType, message = the Lambda error JSON. */
function asLambdaError(err: unknown): Error {
  const name = err instanceof Error ? err.name : 'Error';
  const e = new Error(JSON.stringify({ errorType: name, errorMessage: err instanceof Error ? err.message : String(err) }));
  e.name = name;
  return e;
}

export class LocalPayrollRunner implements PayrollWorkflowPort {
  readonly #executions = new Map<string, Execution>();
  #handlers: Promise<Record<PayrollTaskState, TaskHandler>> | undefined;
  readonly #deps: () => Deps;
  options: RunnerOptions;

  /** `deps`: the dependency object the task handlers are bound to (the local system's, which holds this runner as its workflow). */
  constructor(deps: () => Deps, options: RunnerOptions = {}) {
    this.#deps = deps;
    this.options = options;
  }

  private handlers(): Promise<Record<PayrollTaskState, TaskHandler>> {
    this.#handlers ??= (async () => {
      // One after another: modules that share imports, loaded at the same time,
      // race in jest's VM module linker ("module has not been linked").
      const handlers: Partial<Record<PayrollTaskState, TaskHandler>> = {};
      for (const [state, fn] of Object.entries(PAYROLL_TASKS) as [PayrollTaskState, string][]) {
        const mod = (await import(`../../functions/${fn}/handler.js`)) as { handler: DepsHandler<TaskHandler> };
        handlers[state] = mod.handler.withDeps(this.#deps());
      }
      return handlers as Record<PayrollTaskState, TaskHandler>;
    })();
    return this.#handlers;
  }

  /**
   * Loads the task handlers and synthesizes the definition now (seconds of
   * CPU that block this process), so the first run or export a user starts
   * is not the one that waits for it.
   */
  async warm(): Promise<void> {
    await this.handlers();
    payrollDefinition();
  }

  async start(runId: string, executionName: string, job: WorkflowJob = 'compute'): Promise<void> {
    const existing = this.#executions.get(executionName);
    if (existing !== undefined) return;
    const handlers = await this.handlers();
    const machine = new StateMachine(payrollDefinition(), { validationOptions: { checkArn: false } });
    const interval = this.options.retryIntervalMs ?? 200;
    const control = { aborted: false, inFlight: new Set<Promise<unknown>>() };
    const taskResourceLocalHandlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    const retryIntervalOverrides: Record<string, number> = {};
    for (const state of Object.keys(PAYROLL_TASKS) as PayrollTaskState[]) {
      retryIntervalOverrides[state] = interval;
      taskResourceLocalHandlers[state] = async (input) => {
        const payload = (input as Json).Payload;
        try {
          // An aborted execution calls no handler again (the interpreter would go on retrying the state it was in).
          if (control.aborted) throw Object.assign(new Error('the execution was aborted'), { name: 'ExecutionAborted' });
          await this.options.inject?.(state, 'before', payload);
          const call = handlers[state](payload);
          control.inFlight.add(call);
          const result = await call.finally(() => control.inFlight.delete(call));
          await this.options.inject?.(state, 'after', payload);
          this.options.onStateExited?.(state);
          return { Payload: result, StatusCode: 200, ExecutedVersion: '$LATEST' };
        } catch (err) {
          throw asLambdaError(err);
        }
      };
    }
    const execution = machine.run(workflowInput(runId, job) as never, { overrides: { taskResourceLocalHandlers: taskResourceLocalHandlers as never, retryIntervalOverrides } });
    const entry: Execution = {
      runId,
      running: true,
      get aborted() {
        return control.aborted;
      },
      set aborted(v: boolean) {
        control.aborted = v;
      },
      inFlight: control.inFlight,
      abort: execution.abort,
      done: execution.result.then(
        (output): ExecutionOutcome => ({ status: 'SUCCEEDED', output }),
        (err: unknown): ExecutionOutcome => {
          if (err instanceof ExecutionAbortedError) return { status: 'ABORTED' };
          if (err instanceof ExecutionError) {
            const cause = (err as Error & { cause?: { name?: string; message?: string } }).cause;
            return { status: 'FAILED', error: cause?.name ?? err.name, cause: cause?.message ?? err.message };
          }
          return { status: 'FAILED', error: err instanceof Error ? err.name : 'Error', cause: err instanceof Error ? err.message : String(err) };
        },
      ),
    };
    void entry.done.then(() => {
      entry.running = false;
    });
    this.#executions.set(executionName, entry);
  }

  async isRunning(executionName: string): Promise<boolean> {
    return this.#executions.get(executionName)?.running ?? false;
  }

  /** The end of an execution started in this process. */
  wait(executionName: string): Promise<ExecutionOutcome> {
    const e = this.#executions.get(executionName);
    if (e === undefined) return Promise.reject(new Error(`LOCAL_WORKFLOW_UNKNOWN_EXECUTION: ${executionName}`));
    return e.done;
  }

  /** Stops an execution as a killed process would: no Catch runs, the run stays COMPUTING. */
  async abort(executionName: string): Promise<ExecutionOutcome> {
    const e = this.#executions.get(executionName);
    if (e === undefined) throw new Error(`LOCAL_WORKFLOW_UNKNOWN_EXECUTION: ${executionName}`);
    e.aborted = true;
    e.abort();
    // What a handler was doing when the process "died" finishes (or fails) before the caller goes on.
    await Promise.allSettled([...e.inFlight]);
    return e.done;
  }

  /** Every execution of this process still running. */
  running(): string[] {
    return [...this.#executions].filter(([, e]) => e.running).map(([name]) => name);
  }

  /**
   * Aborts what this runner still runs, before the store it writes to stops (a run stays
   * COMPUTING, an export job RUNNING, and the next start resumes them, as after a killed process).
   */
  async abortAll(): Promise<void> {
    await Promise.all(this.running().map((name) => this.abort(name)));
  }
}
