/**
 * A participant asks for a day or a fact of their file to be corrected
 * (issue 12 item 1; shared/domain/rights/correction-request.ts). Only their
 * own file (the token's participant; the middleware has checked the file is
 * open). The request goes to the adviser's queue (GET /rights-cases).
 *
 * Refused before anything is written:
 * - a day after today (Oslo): 400 CORRECTION_DATE_IN_FUTURE; a month after
 *   this one: 400 PERIOD_IN_FUTURE (nothing has been recorded yet);
 * - an `absenceId` that is not one of the participant's own reports: 404
 *   ABSENCE_NOT_FOUND (another participant's report is not revealed);
 * - the same request id with a different request: 409 REQUEST_ID_CONFLICT.
 *   The same request again (a retry after a lost answer) returns the stored
 *   request, `created: false`.
 */
import { createHash } from 'node:crypto';
import { parseAbsenceId } from '../../adapters/attendance-repo.js';
import type { Deps } from '../../adapters/deps.js';
import type { CorrectionRequestRecord, RightsCase } from '../../adapters/rights-repo.js';
import { osloTime } from '../../domain/attendance/oslo-time.js';
import { canonicalJson } from '../../domain/canonical-json.js';
import { periodOfSubject } from '../../domain/rights/correction-request.js';
import type { AuthContext } from '../../http/auth.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../http/errors.js';
import type { RightsCaseView } from '../../features/rights/rights-view.js';
import { rightsCaseView } from '../../features/rights/rights-view.js';
import type { CorrectionRequestBody } from './schema.js';

export const requestHashOf = (kind: string, participantId: string, body: unknown) =>
  `sha256:${createHash('sha256').update(canonicalJson({ kind, participantId, body })).digest('hex')}`;

/** Stores a new case, or finds the one this same request made; another request with its id is a conflict. */
export async function createCase(rights: Pick<Deps, 'rights'>['rights'], record: RightsCase): Promise<{ view: RightsCaseView; created: boolean }> {
  const put = await rights.createOnce(record);
  if (put.created) return { view: rightsCaseView(record), created: true };
  if (put.existing.requestHash === record.requestHash) return { view: rightsCaseView(put.existing), created: false };
  throw new ConflictError('REQUEST_ID_CONFLICT', 'This request id was used for another request; send a new request id');
}

export async function fileCorrectionRequest(deps: Deps, auth: AuthContext, body: CorrectionRequestBody): Promise<{ view: RightsCaseView; created: boolean }> {
  const participantId = auth.participantId!;
  const now = deps.clock.now();
  const today = osloTime(now.getTime()).date;
  if (body.subject.kind === 'DAY' && body.subject.date > today) throw new BadRequestError('CORRECTION_DATE_IN_FUTURE', 'A day that has not come yet cannot be corrected');
  if (body.subject.kind === 'FACT' && body.subject.period > today.slice(0, 7)) throw new BadRequestError('PERIOD_IN_FUTURE', 'A month that has not begun cannot be corrected');
  if (body.absenceId !== undefined) {
    const parsed = parseAbsenceId(body.absenceId);
    const absence = parsed?.participantId === participantId ? await deps.attendance.getAbsence(body.absenceId) : undefined;
    if (absence === undefined) throw new NotFoundError('No such absence report of yours', 'ABSENCE_NOT_FOUND');
  }
  const createdAt = now.toISOString();
  const record: CorrectionRequestRecord = {
    kind: 'CORRECTION_REQUEST',
    caseId: `cr-${body.requestId}`,
    participantId,
    municipality: auth.municipality,
    period: periodOfSubject(body.subject),
    version: 1,
    createdAt,
    requestHash: requestHashOf('CORRECTION_REQUEST', participantId, body),
    text: body.text,
    history: [{ status: 'OPEN', at: createdAt, byRole: 'participant' }],
    status: 'OPEN',
    subject: body.subject,
    ...(body.absenceId === undefined ? {} : { absenceId: body.absenceId }),
  };
  return createCase(deps.rights, record);
}
