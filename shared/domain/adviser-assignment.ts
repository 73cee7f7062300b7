/**
 * Replacing a participant's advisers (PUT /participants/{id}/advisers): the
 * set the admin asks for, compared with the set assigned now. A removed
 * adviser loses access on their next request; an adviser in both sets keeps
 * their assignment as it is.
 */
export interface AssignmentChange {
  /** The advisers asked for, each once, sorted. */
  wanted: string[];
  /** Assigned now and not wanted: their assignments end. */
  removed: string[];
  /** Wanted and not assigned now: their assignments start. */
  added: string[];
}

export function assignmentChange(current: readonly string[], asked: readonly string[]): AssignmentChange {
  const wanted = [...new Set(asked)].sort();
  return { wanted, removed: current.filter((s) => !wanted.includes(s)), added: wanted.filter((s) => !current.includes(s)) };
}
