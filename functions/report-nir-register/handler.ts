/**
 * POST /reports/nir/registrations (admin, payroll, adviser): marks records of
 * the NIR report as registered in NIR. Only a record the caller's own report
 * of that period holds can be marked (a made-up key, another municipality's
 * or, for an adviser, an unassigned participant's record is refused with
 * 400 NIR_RECORD_UNKNOWN naming its position, and nothing is marked). Each
 * mark is create-only (the first one stays) and is written to the
 * participant's access log before it is stored.
 */
import { BadRequestError } from '../../shared/http/errors.js';
import { httpHandler, ok, routeOf } from '../../shared/http/middleware.js';
import { recordAccess } from '../../shared/http/staff-access.js';
import { buildNirReport, inBatches } from '../../shared/features/reports/nir-inputs.js';
import { registrationBodySchema } from '../../shared/features/reports/schema.js';

const ROUTE = routeOf('report-nir-register');
const PURPOSE = 'nir-registration';

export const handler = httpHandler({ fn: 'report-nir-register', body: registrationBodySchema }, async ({ auth, body, deps, log }) => {
  const repo = deps.reports;
  const report = await buildNirReport(deps, auth, body.from, body.to);
  const rows = new Map(report.rows.map((r) => [r.key, r]));
  const keys = [...new Set(body.keys)];
  // The issues name the position of each unknown key, never the key (it may carry another municipality's id).
  const unknown = body.keys.flatMap((k, i) => (rows.has(k) ? [] : [i]));
  if (unknown.length > 0)
    throw new BadRequestError('NIR_RECORD_UNKNOWN', 'Not a record of your NIR report for this period', unknown.map((i) => ({ path: `body.keys[${i}]`, message: 'not a record of your NIR report for this period' })));
  const route = `${ROUTE.method} ${ROUTE.path}`;
  const results = await inBatches(keys, async (key) => {
    const row = rows.get(key)!;
    if (row.registeredAt !== null) return { key, registeredAt: row.registeredAt, created: false };
    const at = await recordAccess(deps, auth, row.participantId, 'WRITE', PURPOSE, route);
    const r = await repo.markNirRegistered(auth.municipality, { key, registeredAt: at, byRef: auth.actorRef });
    const registeredAt = r === 'created' ? at : ((await repo.listNirRegistrations(auth.municipality)).get(key)?.registeredAt ?? at);
    return { key, registeredAt, created: r === 'created' };
  });
  log.append({ marked: results.filter((r) => r.created).length, already: results.filter((r) => !r.created).length });
  return ok({ registered: results });
});
