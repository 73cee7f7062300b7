/**
 * The export job's rules (shared/domain/payroll/export-job.ts): when a
 * request starts a new attempt, what a new attempt carries over, the
 * progress shown, and the names, keys and link expiry it uses.
 */
import type { ExportJob } from '../../shared/domain/payroll/export-job.js';
import { LINK_TTL_SECONDS, START_GRACE_MS, exportExecutionName, exportFilename, exportObjectKey, exportPercent, linkExpiresAt, needsNewAttempt, newExportJob, nextAttempt } from '../../shared/domain/payroll/export-job.js';

const job = (over: Partial<ExportJob> = {}): ExportJob => ({ ...newExportJob('run-x', 'staff-a', '2026-11-05T10:00:00.000Z'), ...over });

test('a new job is attempt 1, queued, with its execution named after run and attempt', () => {
  expect(job()).toEqual({
    runId: 'run-x',
    status: 'PENDING',
    phase: 'QUEUED',
    done: 0,
    total: 0,
    attempts: 1,
    executionName: 'run-x-export-1',
    requestedBy: 'staff-a',
    requestedAt: '2026-11-05T10:00:00.000Z',
    updatedAt: '2026-11-05T10:00:00.000Z',
    failure: null,
    file: null,
  });
  expect(exportExecutionName('run-x', 3)).toBe('run-x-export-3');
});

test('a request starts a new attempt only when there is none, the last failed, or its execution stopped (not while one is being started)', () => {
  const at = Date.parse('2026-11-05T10:00:00.000Z');
  const later = at + START_GRACE_MS + 1;
  expect(needsNewAttempt(undefined, false, at)).toBe(true);
  expect(needsNewAttempt(job({ status: 'READY' }), false, later)).toBe(false);
  expect(needsNewAttempt(job({ status: 'FAILED' }), true, at)).toBe(true);
  expect(needsNewAttempt(job({ status: 'RUNNING' }), true, later)).toBe(false);
  expect(needsNewAttempt(job({ status: 'RUNNING' }), false, at)).toBe(true);
  expect(needsNewAttempt(job({ status: 'PENDING' }), true, later)).toBe(false);
  // Just written by another request, whose execution is not seen yet: it is being started.
  expect(needsNewAttempt(job({ status: 'PENDING' }), false, at + START_GRACE_MS)).toBe(false);
  expect(needsNewAttempt(job({ status: 'PENDING' }), false, later)).toBe(true);
});

test('the next attempt counts on and keeps the access-log entries already written', () => {
  expect(nextAttempt(undefined, 'run-x', 'staff-b', 't1')).toMatchObject({ attempts: 1, executionName: 'run-x-export-1', requestedBy: 'staff-b', done: 0 });
  const failed = job({ status: 'FAILED', attempts: 2, phase: 'ACCESS_LOG', done: 500, total: 900, failure: 'TransientTaskError' });
  expect(nextAttempt(failed, 'run-x', 'staff-b', 't2')).toEqual({ ...newExportJob('run-x', 'staff-b', 't2', 3), done: 500, total: 900 });
});

test('progress: queued 0, reading 5, access log 10–90 by participants, writing 95, done 100', () => {
  expect(exportPercent({ phase: 'QUEUED', done: 0, total: 0 })).toBe(0);
  expect(exportPercent({ phase: 'READING', done: 0, total: 0 })).toBe(5);
  expect(exportPercent({ phase: 'ACCESS_LOG', done: 0, total: 0 })).toBe(10);
  expect(exportPercent({ phase: 'ACCESS_LOG', done: 500, total: 1000 })).toBe(50);
  expect(exportPercent({ phase: 'ACCESS_LOG', done: 2000, total: 1000 })).toBe(90);
  expect(exportPercent({ phase: 'WRITING', done: 1000, total: 1000 })).toBe(95);
  expect(exportPercent({ phase: 'DONE', done: 1000, total: 1000 })).toBe(100);
});

test('file name, store key and link expiry', () => {
  const run = { municipalityCode: '0301', period: '2026-10', runId: 'run-7' };
  expect(exportFilename(run)).toBe('introflyt-0301-2026-10-run-7.csv');
  expect(exportObjectKey(run)).toBe('exports/0301/2026-10/run-7.csv');
  expect(linkExpiresAt(Date.parse('2026-11-05T10:00:00.900Z'))).toBe(Date.parse('2026-11-05T10:00:00Z') / 1000 + LINK_TTL_SECONDS);
  expect(linkExpiresAt(0, 60)).toBe(60);
});
