/**
 * The scheduled anchor checkpoint (daily on AWS, hourly and at start
 * locally): folds the seal anchors into a checkpoint of every chain's head
 * in the write-once store (shared/adapters/audit-anchors.ts). It reads and
 * writes the anchor store only, never the table, so tampering with the
 * table cannot reach the checkpoint.
 */
import { writeCheckpoint, type Checkpoint } from '../../shared/adapters/audit-anchors.js';
import { handlerWithDeps } from '../../shared/adapters/deps.js';
import { ConfigError } from '../../shared/config.js';
import { requestLog } from '../../shared/http/logger.js';

export const handler = handlerWithDeps((deps) => async (): Promise<Pick<Checkpoint, 'key' | 'at' | 'folded'> & { chains: number }> => {
  const log = requestLog({ fn: 'audit-anchor' });
  const { anchors } = deps().auditServices;
  if (anchors === undefined) throw new ConfigError('The anchor checkpoint needs the anchor store (AUDIT_ANCHOR_BUCKET or AUDIT_ANCHOR_FILE)');
  try {
    const c = await writeCheckpoint(anchors, deps().clock.now());
    const out = { key: c.key, at: c.at, folded: c.folded, chains: Object.keys(c.heads).length };
    log.info('audit anchor checkpoint written', { ...out, conflicts: Object.keys(c.conflicts).length });
    return out;
  } catch (err) {
    log.error('audit anchor checkpoint failed', { errorName: err instanceof Error ? err.name : typeof err });
    throw err;
  }
});
