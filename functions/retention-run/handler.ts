/**
 * The scheduled retention run (EventBridge → this function, daily on AWS;
 * `npm run retention` locally): every municipality with participants, or the
 * ones the event names (`{"municipalities": ["5001"]}`), one after another
 * (run-retention.ts). Logs ids and counts only.
 */
import { handlerWithDeps } from '../../shared/adapters/deps.js';
import { requestLog } from '../../shared/http/logger.js';
import { runRetention, type RetentionRunResult } from './run-retention.js';

export const handler = handlerWithDeps((depsOf) => async (event: { municipalities?: unknown } = {}): Promise<{ runs: RetentionRunResult[] }> => {
  const log = requestLog({ fn: 'retention-run' });
  const named = Array.isArray(event.municipalities) ? event.municipalities.filter((m): m is string => typeof m === 'string' && /^\d{4}$/.test(m)) : undefined;
  const deps = depsOf();
  const municipalities = named ?? (await deps.reports.municipalitiesWithParticipants());
  const runs: RetentionRunResult[] = [];
  for (const m of municipalities) {
    const r = await runRetention(deps, m);
    log.info('retention run', { municipality: m, events: r.events, absences: r.absences, correctionRequests: r.correctionRequests, finalMonths: r.finalMonths });
    runs.push(r);
  }
  return { runs };
});
