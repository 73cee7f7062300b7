/** POST /absences (participant): own or child illness (self-certification) or a leave application. */
import { created, httpHandler } from '../../shared/http/middleware.js';
import { reportAbsence } from './report-absence.js';
import { absenceReportSchema } from './schema.js';

export const handler = httpHandler({ fn: 'absence-report', body: absenceReportSchema }, async ({ auth, body, deps, log }) => {
  log.append({ participantRef: auth.participantId });
  return created(await reportAbsence(deps, auth, body));
});
