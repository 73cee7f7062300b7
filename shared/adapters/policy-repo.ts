/**
 * The municipality policy (Participants table): the benefit choices the law
 * leaves to the municipality (shared/domain/policy.ts), attendance and payroll
 * settings, every saved version kept.
 *
 * Key layout (pk / sk):
 *   M#<muni> / POLICY                               the policy in force, with its version
 *   M#<muni> / POLICY#<version, 10 digits>          every saved version (immutable)
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MissingCheckoutPolicy } from '../domain/attendance/presence.js';
import type { PayrollSettings } from '../domain/payroll/correction-window.js';
import type { PolicyOverrides } from '../domain/policy.js';
import { getRecord, putVersioned, requireNextVersion, sortableNumber } from './dynamo.js';

export interface AttendanceSettings {
  /** How old a new check-in's device time may be (an offline kiosk's queue). */
  replayWindowHours: number;
  missingCheckout: MissingCheckoutPolicy;
}

export const DEFAULT_ATTENDANCE_SETTINGS: AttendanceSettings = { replayWindowHours: 72, missingCheckout: 'END_OF_SESSION' };

export interface MunicipalityPolicy {
  municipality: string;
  /** Overrides of benefit-rules.md §10 (the engine's policySchema input). */
  benefit: PolicyOverrides;
  attendance: AttendanceSettings;
  /** The payroll run's settings (absent on policies saved before they existed: the defaults apply). */
  payroll?: PayrollSettings;
  /** Where complaints are sent, as every explanation names it (functions/policy-update/schema.ts); absent or null: not given. */
  complaintAddress?: string | null;
  version: number;
  /** `policyVersion(...)` of the effective benefit policy (shared/domain/policy.ts). */
  policyVersion?: string;
  /** Pseudonymous ref of who saved it. */
  updatedByRef?: string;
  updatedAt: string;
}

export interface PolicyRepo {
  getPolicy(municipality: string): Promise<MunicipalityPolicy | undefined>;
  /**
   * Saves a policy whose version must be expectedVersion + 1 (0 = none yet),
   * and keeps the version as an immutable history item; false if someone saved first.
   */
  savePolicy(policy: MunicipalityPolicy, expectedVersion: number): Promise<boolean>;
  /** A saved version of the municipality's policy. */
  getPolicyVersion(municipality: string, version: number): Promise<MunicipalityPolicy | undefined>;
}

const policyKey = (m: string) => ({ pk: `M#${m}`, sk: 'POLICY' });
const policyVersionKey = (m: string, version: number) => ({ pk: `M#${m}`, sk: `POLICY#${sortableNumber(version)}` });

export class DynamoPolicyRepo implements PolicyRepo {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async getPolicy(municipality: string): Promise<MunicipalityPolicy | undefined> {
    return getRecord<MunicipalityPolicy>(this.db, this.table, policyKey(municipality));
  }

  async savePolicy(policy: MunicipalityPolicy, expectedVersion: number): Promise<boolean> {
    requireNextVersion('savePolicy', policy, expectedVersion);
    // Two admins at once: only the one who read `expectedVersion` writes. Every version is kept: what a municipality's policy was at any time stays readable.
    return putVersioned(this.db, this.table, { current: policyKey(policy.municipality), history: policyVersionKey(policy.municipality, policy.version) }, policy, expectedVersion);
  }

  async getPolicyVersion(municipality: string, version: number): Promise<MunicipalityPolicy | undefined> {
    return getRecord<MunicipalityPolicy>(this.db, this.table, policyVersionKey(municipality, version));
  }
}
