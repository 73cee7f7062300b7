/**
 * GET /reports/nir?from=YYYY-MM&to=YYYY-MM[&format=json|csv] and
 * POST /reports/nir/registrations {from, to, keys}: a period of at most 12
 * months (the report reads every participant's file of the municipality).
 */
import * as z from 'zod';
import { periodSchema } from '../decisions/period-schema.js';

export const MAX_REPORT_MONTHS = 12;

const monthsBetween = (from: string, to: string) => (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;

const periodRange = <T extends { from: string; to: string }>(s: z.ZodType<T>) =>
  s.superRefine((v, ctx) => {
    if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if (monthsBetween(v.from, v.to) > MAX_REPORT_MONTHS) ctx.addIssue({ code: 'custom', path: ['to'], message: `the period is at most ${MAX_REPORT_MONTHS} months` });
  });

export const reportQuerySchema = periodRange(z.strictObject({ from: periodSchema, to: periodSchema, format: z.enum(['json', 'csv']).optional() }));

/** NIR record keys as nir-report.ts makes them. */
export const nirKeySchema = z.string().regex(/^(LEAVE|ABSENCE|COMPLAINT)#[A-Za-z0-9_.#:-]{1,200}$/, { message: 'must be a record key of the NIR report' });

export const registrationBodySchema = periodRange(z.strictObject({ from: periodSchema, to: periodSchema, keys: z.array(nirKeySchema).min(1).max(100) }));
