/**
 * PUT /municipality/policy (admin): the municipality's whole policy, replacing
 * the previous version. `benefit` is validated by the engine's own schema
 * (shared/domain/policy.ts, benefit-rules.md §10), so the API cannot store a
 * policy the engine would refuse; omitted fields take the spec's defaults.
 */
import * as z from 'zod';
import type { MissingCheckoutPolicy } from '../../shared/domain/attendance/presence.js';
import { DEFAULT_ATTENDANCE_SETTINGS } from '../../shared/adapters/policy-repo.js';
import { DEFAULT_PAYROLL_SETTINGS, MAX_CORRECTION_LOOKBACK_MONTHS, MIN_CORRECTION_LOOKBACK_MONTHS } from '../../shared/domain/payroll/correction-window.js';
import { ONE_LINE_TEXT } from '../../shared/domain/explanation/render.js';
import { policySchema } from '../../shared/domain/policy.js';

const MISSING_CHECKOUT = ['END_OF_SESSION', 'COUNT_NOTHING'] as const satisfies readonly MissingCheckoutPolicy[];

/** Longest complaint address (an address line with the office's name fits well within it). */
export const MAX_COMPLAINT_ADDRESS = 300;

export const attendanceSettingsSchema = z.strictObject({
  /** How old an offline kiosk's queued check-in may be (hours): at most 30 days. */
  replayWindowHours: z.number().int().min(1).max(720),
  /** A check-in without check-out: counted to the end of the session, or not at all. */
  missingCheckout: z.enum(MISSING_CHECKOUT),
});

export const payrollSettingsSchema = z.strictObject({
  /** Months a payroll run looks back for changed inputs of released months (shared/domain/payroll/correction-window.ts). */
  correctionLookbackMonths: z.number().int().min(MIN_CORRECTION_LOOKBACK_MONTHS).max(MAX_CORRECTION_LOOKBACK_MONTHS),
});

export const policyBodySchema = z.strictObject({
  /** The version the admin read; 0 when the municipality has none yet (stale → 409 POLICY_CHANGED). */
  expectedVersion: z.number().int().min(0).max(1_000_000_000),
  benefit: policySchema.default(policySchema.parse({})),
  attendance: attendanceSettingsSchema.default(DEFAULT_ATTENDANCE_SETTINGS),
  payroll: payrollSettingsSchema.default(DEFAULT_PAYROLL_SETTINGS),
  /**
   * Where participants send a complaint about the benefit (postal address or
   * secure digital mailbox), on one line: every explanation's "Your rights"
   * names it (shared/domain/explanation/render.ts). null: not given, and the
   * text asks the reader to get it from their adviser. Not part of the
   * benefit policy: it changes no amount, so no policy version.
   */
  complaintAddress: z
    .string()
    .trim()
    .min(1)
    .max(MAX_COMPLAINT_ADDRESS)
    .regex(ONE_LINE_TEXT, 'one line, without control or direction characters')
    .nullable()
    .default(null),
});

export type PolicyBody = z.output<typeof policyBodySchema>;
