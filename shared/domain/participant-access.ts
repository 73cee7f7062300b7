/**
 * Whether a participant may use their own login (the participant routes).
 * CLOSED is an admin's act (a wrongly made account, a login that must stop);
 * leaving the programme is not: a participant whose enrolment has ended still
 * reads their decisions and explanations (their right to complain).
 */
export type AccessStatus = 'OPEN' | 'CLOSED';

/**
 * The status a stored access record says: no record means the access was
 * never changed (OPEN); anything but an explicit OPEN in a written record is
 * CLOSED, so a damaged or hand-edited record fails shut.
 */
export function accessStatusOf(stored: { status?: unknown } | undefined): AccessStatus {
  return stored === undefined || stored.status === 'OPEN' ? 'OPEN' : 'CLOSED';
}
