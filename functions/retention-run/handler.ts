/**
 * The scheduled retention run (EventBridge → this function, daily on AWS;
 * `npm run retention` locally): every municipality with participants, or the
 * ones the event names (`{"municipalities": ["5001"]}`), one after another
 * (run-retention.ts). Logs ids and counts only.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { getDeps } from '../../shared/adapters/deps.js';
import { createDocumentClient } from '../../shared/adapters/dynamo.js';
import { getComplaintReader, getReportsRepo } from '../../shared/adapters/reports-repo.js';
import { getCorrectionTextStore, getRetentionRepo } from '../../shared/adapters/retention-repo.js';
import { getConfig, tableNameOf } from '../../shared/config.js';
import { requestLog } from '../../shared/http/logger.js';
import { runRetention, type RetentionRunResult } from './run-retention.js';

/** The municipalities that have participant files (profile items), from one projected scan. */
export async function municipalitiesWithParticipants(): Promise<string[]> {
  const config = getConfig();
  const db = createDocumentClient(config);
  const found = new Set<string>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({ TableName: tableNameOf(config, 'participants'), FilterExpression: 'sk = :p', ExpressionAttributeValues: { ':p': 'PROFILE' }, ProjectionExpression: 'municipality', ExclusiveStartKey: start }),
    );
    for (const i of page.Items ?? []) if (typeof i.municipality === 'string') found.add(i.municipality);
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return [...found].sort();
}

export const handler = async (event: { municipalities?: unknown } = {}): Promise<{ runs: RetentionRunResult[] }> => {
  const log = requestLog({ fn: 'retention-run' });
  const named = Array.isArray(event.municipalities) ? event.municipalities.filter((m): m is string => typeof m === 'string' && /^\d{4}$/.test(m)) : undefined;
  const municipalities = named ?? (await municipalitiesWithParticipants());
  const services = { reports: getReportsRepo(), retention: getRetentionRepo(), complaints: getComplaintReader(), corrections: getCorrectionTextStore() };
  const runs: RetentionRunResult[] = [];
  for (const m of municipalities) {
    const r = await runRetention(getDeps(), services, m);
    log.info('retention run', { municipality: m, events: r.events, absences: r.absences, correctionRequests: r.correctionRequests, finalMonths: r.finalMonths });
    runs.push(r);
  }
  return { runs };
};
