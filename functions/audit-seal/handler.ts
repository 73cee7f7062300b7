/**
 * The sealing function: the only function with GenerateMac on the audit key
 * and write access to sealed entries (infra/constructs/audit-trail.ts). Fed
 * by the AuditLog table's stream (on AWS the event source mapping, locally
 * the runtime's stream poller, with the same event), and once a day by a
 * schedule that sweeps the inbox.
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { handlerWithDeps, type Deps } from '../../shared/adapters/deps.js';
import { ConfigError } from '../../shared/config.js';
import { requestLog } from '../../shared/http/logger.js';
import { sealStreamRecords, sweepInbox, type SealServices, type SealSummary } from './seal.js';

const FN = 'audit-seal';

function isStreamEvent(event: unknown): event is DynamoDBStreamEvent {
  return typeof event === 'object' && event !== null && Array.isArray((event as { Records?: unknown }).Records);
}

function services(deps: Deps): SealServices {
  const { mac, anchors } = deps.auditServices;
  if (mac === undefined || anchors === undefined) throw new ConfigError('The sealer needs the audit key and the anchor store (AUDIT_MAC_KEY_* and AUDIT_ANCHOR_*)');
  const { db, name } = deps.table('auditLog');
  return { db, table: name, mac, anchors, clock: deps.clock };
}

export const handler = handlerWithDeps((deps) => async (event: unknown): Promise<SealSummary> => {
  const started = Date.now();
  const log = requestLog({ fn: FN });
  const stream = isStreamEvent(event);
  try {
    const summary = stream ? await sealStreamRecords(services(deps()), event.Records, log) : await sweepInbox(services(deps()), log);
    log.info(stream ? 'audit batch sealed' : 'audit inbox swept', { ...summary, anchorKey: summary.anchorKey ?? undefined, durationMs: Date.now() - started });
    return summary;
  } catch (err) {
    log.error('audit sealing failed; the batch is retried', { errorName: err instanceof Error ? err.name : typeof err, durationMs: Date.now() - started });
    throw err;
  }
});
