/**
 * The sealing function: the only function with GenerateMac on the audit key
 * and write access to sealed entries (infra/constructs/audit-trail.ts). Fed
 * by the AuditLog table's stream (on AWS the event source mapping, locally
 * the runtime's stream poller, with the same event), and once a day by a
 * schedule that sweeps the inbox.
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { auditServices } from '../../shared/adapters/audit-config.js';
import { getDeps } from '../../shared/adapters/deps.js';
import { createDocumentClient } from '../../shared/adapters/dynamo.js';
import { ConfigError, getConfig, tableNameOf } from '../../shared/config.js';
import { requestLog } from '../../shared/http/logger.js';
import { sealStreamRecords, sweepInbox, type SealServices, type SealSummary } from './seal.js';

const FN = 'audit-seal';

function isStreamEvent(event: unknown): event is DynamoDBStreamEvent {
  return typeof event === 'object' && event !== null && Array.isArray((event as { Records?: unknown }).Records);
}

let client: { config: ReturnType<typeof getConfig>; db: SealServices['db'] } | undefined;

function services(): SealServices {
  const config = getConfig();
  if (client?.config !== config) client = { config, db: createDocumentClient(config) };
  const { mac, anchors } = auditServices();
  if (mac === undefined || anchors === undefined) throw new ConfigError('The sealer needs the audit key and the anchor store (AUDIT_MAC_KEY_* and AUDIT_ANCHOR_*)');
  return { db: client.db, table: tableNameOf(config, 'auditLog'), mac, anchors, clock: getDeps().clock };
}

export const handler = async (event: unknown): Promise<SealSummary> => {
  const started = Date.now();
  const log = requestLog({ fn: FN });
  const stream = isStreamEvent(event);
  try {
    const summary = stream ? await sealStreamRecords(services(), event.Records, log) : await sweepInbox(services(), log);
    log.info(stream ? 'audit batch sealed' : 'audit inbox swept', { ...summary, anchorKey: summary.anchorKey ?? undefined, durationMs: Date.now() - started });
    return summary;
  } catch (err) {
    log.error('audit sealing failed; the batch is retried', { errorName: err instanceof Error ? err.name : typeof err, durationMs: Date.now() - started });
    throw err;
  }
};
