/**
 * The workflow's small adapters: task error classification for the state
 * machine's Retry, the task wrapper's input check, the port chosen from the
 * environment, and the local runner's resolution of CDK intrinsics.
 */
import * as z from 'zod';
import { classify, PermanentTaskError, TransientTaskError, workflowTask } from '../../shared/adapters/workflow-task.js';
import { executionArnOf, StepFunctionsWorkflow, workflowOf } from '../../shared/adapters/workflow.js';
import { CaseError } from '../../shared/domain/case.js';
import { RunRejected } from '../../shared/domain/payroll/run.js';
import { resolveIntrinsic } from '../../infra/local/workflow-runner.js';
import { captureLogs } from '../support/capture-logs.js';

test('errors a retry cannot cure are permanent; everything else is transient, named by type only', () => {
  expect(classify(new RunRejected('RUN_NOT_COMPUTING', 'x'))).toMatchObject({ name: 'PermanentTaskError', code: 'RUN_NOT_COMPUTING' });
  expect(classify(new CaseError('CASE_INVALID', []))).toMatchObject({ name: 'PermanentTaskError', code: 'CASE_INVALID' });
  expect(classify(new RangeError('no payroll run run-1'))).toMatchObject({ name: 'PermanentTaskError', code: 'NOT_FOUND' });
  const throttled = Object.assign(new Error('Rate of requests exceeds the allowed throughput for Zelmira'), { name: 'ProvisionedThroughputExceededException' });
  const t = classify(throttled);
  expect(t).toBeInstanceOf(TransientTaskError);
  expect(t.message).toBe('ProvisionedThroughputExceededException');
  expect(classify('boom')).toMatchObject({ name: 'TransientTaskError', code: 'UNKNOWN' });
  const p = new PermanentTaskError('X');
  expect(classify(p)).toBe(p);
});

test('a task rejects input it does not know without logging it, and logs ids only', async () => {
  const task = workflowTask('payroll-test', z.strictObject({ runId: z.string() }), async ({ runId }) => ({ runId }));
  const logs = captureLogs();
  try {
    await expect(task({ runId: 'run-1', name: 'Zelmira Quistgaard' })).rejects.toMatchObject({ name: 'PermanentTaskError', code: 'TASK_INPUT_INVALID' });
    await expect(task({ runId: 'run-1' })).resolves.toEqual({ runId: 'run-1' });
  } finally {
    logs.stop();
  }
  expect(logs.text()).not.toContain('Zelmira');
  expect(logs.lines().map((l) => l.message)).toEqual(['task input rejected', 'task done']);
});

test('the workflow port: local mode, or a state machine ARN; the execution ARN of a name', () => {
  const arn = 'arn:aws:states:eu-north-1:123456789012:stateMachine:IntroflytStateless-PayrollRun';
  expect(workflowOf({ payrollWorkflowMode: undefined, payrollStateMachineArn: arn })).toBeInstanceOf(StepFunctionsWorkflow);
  expect(() => workflowOf({ payrollWorkflowMode: 'local', payrollStateMachineArn: undefined })).toThrow(/local runtime gives its workflow runner/);
  expect(() => workflowOf({ payrollWorkflowMode: undefined, payrollStateMachineArn: undefined })).toThrow(/PAYROLL_STATE_MACHINE_ARN/);
  expect(() => workflowOf({ payrollWorkflowMode: undefined, payrollStateMachineArn: 'arn:aws:lambda:eu-north-1:123456789012:function:x' })).toThrow(/PAYROLL_STATE_MACHINE_ARN/);
  expect(executionArnOf(arn, 'run-1-2')).toBe('arn:aws:states:eu-north-1:123456789012:execution:IntroflytStateless-PayrollRun:run-1-2');
});

test('the local runner resolves the intrinsics CDK leaves in a definition, and refuses others', () => {
  expect(resolveIntrinsic({ 'Fn::Join': ['', ['{"a":"', { 'Fn::GetAtt': ['Fn1', 'Arn'] }, '","p":"', { Ref: 'AWS::Partition' }, '"}']] })).toBe(
    '{"a":"arn:aws:lambda:eu-north-1:000000000000:function:Fn1","p":"aws"}',
  );
  expect(() => resolveIntrinsic({ Ref: 'SomeBucket' })).toThrow(/LOCAL_WORKFLOW_UNRESOLVABLE/);
  expect(() => resolveIntrinsic({ 'Fn::ImportValue': 'x' })).toThrow(/LOCAL_WORKFLOW_UNRESOLVABLE/);
});
