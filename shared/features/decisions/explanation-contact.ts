/**
 * Who the explanation names as the participant's contact and where it says a
 * complaint goes (explanations.md layer 7; issue 11): the name (or unit) the
 * municipality gives the participant's assigned adviser in the staff
 * directory, and the complaint address of the municipality's policy. Both
 * come from the participant's file and the municipality's own settings,
 * never from a request.
 *
 * With several advisers assigned, the first (by sub, so every render picks
 * the same one) that is an enabled adviser of the participant's municipality
 * with a name or unit; none: the text says "your programme adviser". A
 * directory that cannot be read fails the request or the batch (which the
 * workflow retries) rather than storing a text that silently lacks the name.
 */
import type { AssignmentsRepo } from '../../adapters/assignments-repo.js';
import type { MunicipalityPolicy } from '../../adapters/policy-repo.js';
import type { StaffDirectory } from '../../adapters/staff-directory.js';
import { staffLabel } from '../../adapters/staff-directory.js';
import type { ExplanationContact } from '../../domain/explanation/render.js';

export interface ContactIo {
  assignments: Pick<AssignmentsRepo, 'listAdvisers'>;
  /** Undefined where no directory is configured: no name. */
  staff: StaffDirectory | undefined;
}

/** The name or unit of the first adviser in `advisers` the municipality shows; undefined when none. */
export async function adviserNameOf(staff: StaffDirectory | undefined, advisers: readonly string[], municipality: string): Promise<string | undefined> {
  if (staff === undefined) return undefined;
  for (const sub of [...advisers].sort()) {
    const member = await staff.find(sub);
    if (member === undefined || !member.enabled || !member.groups.includes('adviser')) continue;
    const name = staffLabel(member, municipality);
    if (name !== undefined) return name;
  }
  return undefined;
}

/** The contact of one participant's explanation now. */
export async function explanationContact(
  io: ContactIo,
  participantId: string,
  municipality: string,
  policy: Pick<MunicipalityPolicy, 'complaintAddress'> | undefined,
): Promise<ExplanationContact> {
  const adviserName = await adviserNameOf(io.staff, await io.assignments.listAdvisers(participantId), municipality);
  const address = policy?.complaintAddress ?? undefined;
  return { ...(adviserName === undefined ? {} : { adviserName }), ...(address === undefined ? {} : { complaintAddress: address }) };
}
