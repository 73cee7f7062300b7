/**
 * The municipality policy (benefit-rules.md §10): every choice the law leaves
 * to the municipality, with the defaults the spec names. Validated with zod;
 * a case carries only overrides, absent fields take the defaults.
 */
import * as z from 'zod';
import { createHash } from 'node:crypto';

export const policySchema = z.strictObject({
  /** §4: HOURLY = u · H / 60; DAILY = D · u / P. */
  deductionUnit: z.enum(['HOURLY', 'DAILY']).default('HOURLY'),
  /** §3: P1 = min(M, nEnrolled · D); P3 = M · nEnrolled / daysInMonth. */
  proration: z.enum(['P1', 'P3']).default('P1'),
  /** §7: WITHHOLD deducts pending absences provisionally; PAY pays them provisionally. */
  pending: z.enum(['WITHHOLD', 'PAY']).default('WITHHOLD'),
  /** §7: days after the absence within which a pending document may arrive. */
  documentationDeadlineDays: z.number().int().min(0).max(365).default(7),
  /** §4: welfare-leave cap in days per 12 months; null = no cap. */
  welfareLeaveDaysPer12Months: z.number().int().min(0).max(366).nullable().default(null),
});

export type Policy = z.output<typeof policySchema>;
export type PolicyOverrides = z.input<typeof policySchema>;

export const DEFAULT_POLICY: Policy = policySchema.parse({});

/** Canonical JSON of a policy: keys sorted, defaults applied. */
export function canonicalPolicyJson(p: Policy): string {
  return `{"deductionUnit":"${p.deductionUnit}","documentationDeadlineDays":${p.documentationDeadlineDays},"pending":"${p.pending}","proration":"${p.proration}","welfareLeaveDaysPer12Months":${p.welfareLeaveDaysPer12Months}}`;
}

// A municipality has one policy at a time, so a handful of versions cover a
// whole payroll run; the cache is bounded all the same.
const versions = new Map<string, string>();

/** A policy's version is the hash of its effective (defaulted) content. */
export function policyVersion(policy: Policy): string {
  const json = canonicalPolicyJson(policy);
  let v = versions.get(json);
  if (v === undefined) {
    v = `policy-${createHash('sha256').update(json).digest('hex').slice(0, 12)}`;
    if (versions.size >= 64) versions.clear();
    versions.set(json, v);
  }
  return v;
}
