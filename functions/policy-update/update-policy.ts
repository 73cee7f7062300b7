/**
 * Saves a new version of the municipality's policy (benefit-rules.md §10 and
 * the attendance settings). Versions are numbered 1, 2, … with optimistic
 * concurrency: the admin quotes the version they read (409 POLICY_CHANGED if
 * another admin saved first). Every version is kept as an immutable item
 * (policy-repo.ts `savePolicy`), and the stored benefit policy carries
 * its content hash `policyVersion` (shared/domain/policy.ts), the same string
 * decisions record, so a decision's policy can always be looked up.
 * The policy holds no personal data, so there is no access-log entry; each
 * version records who saved it (pseudonymous ref) and when.
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { MunicipalityPolicy } from '../../shared/adapters/policy-repo.js';
import { policyVersion } from '../../shared/domain/policy.js';
import type { AuthContext } from '../../shared/http/auth.js';
import { ConflictError } from '../../shared/http/errors.js';
import { DEFAULT_ATTENDANCE_SETTINGS } from '../../shared/adapters/policy-repo.js';
import { DEFAULT_PAYROLL_SETTINGS } from '../../shared/domain/payroll/correction-window.js';
import { DEFAULT_POLICY } from '../../shared/domain/policy.js';
import type { PolicyBody } from './schema.js';

/**
 * There is no GET route for the policy, so the conflict names the current
 * version (a number, no personal data): the admin can check what is stored
 * and send again with it.
 */
const policyChanged = (current: number) => new ConflictError('POLICY_CHANGED', `The policy is at version ${current}, not the version given; check it and send again with expectedVersion ${current}`);

/** What the admin reads: the current version with every field filled in (the defaults where a saved version predates a field). */
export interface PolicyView {
  municipality: string;
  /** 0: nothing saved yet (the defaults apply); send it as expectedVersion. */
  version: number;
  benefit: typeof DEFAULT_POLICY;
  attendance: MunicipalityPolicy['attendance'];
  payroll: NonNullable<MunicipalityPolicy['payroll']>;
  complaintAddress: string | null;
  policyVersion: string;
  updatedAt: string | null;
}

export async function readPolicy(deps: Deps, auth: AuthContext): Promise<PolicyView> {
  const p = await deps.policies.getPolicy(auth.municipality);
  const benefit = { ...DEFAULT_POLICY, ...(p?.benefit ?? {}) };
  return {
    municipality: auth.municipality,
    version: p?.version ?? 0,
    benefit,
    attendance: p?.attendance ?? DEFAULT_ATTENDANCE_SETTINGS,
    payroll: p?.payroll ?? DEFAULT_PAYROLL_SETTINGS,
    complaintAddress: p?.complaintAddress ?? null,
    policyVersion: policyVersion(benefit),
    updatedAt: p?.updatedAt ?? null,
  };
}

export async function updatePolicy(deps: Deps, auth: AuthContext, body: PolicyBody): Promise<MunicipalityPolicy> {
  const current = await deps.policies.getPolicy(auth.municipality);
  if ((current?.version ?? 0) !== body.expectedVersion) throw policyChanged(current?.version ?? 0);
  const policy: MunicipalityPolicy = {
    municipality: auth.municipality,
    benefit: body.benefit,
    attendance: body.attendance,
    payroll: body.payroll,
    complaintAddress: body.complaintAddress,
    version: body.expectedVersion + 1,
    policyVersion: policyVersion(body.benefit),
    updatedByRef: auth.actorRef,
    updatedAt: deps.clock.now().toISOString(),
  };
  if (!(await deps.policies.savePolicy(policy, body.expectedVersion))) throw policyChanged((await deps.policies.getPolicy(auth.municipality))?.version ?? 0);
  return policy;
}
