/**
 * The one dependency object: what a handler gets besides its request (clock,
 * ids, every repository and port). `createDeps(config)` builds it from the
 * parsed environment (shared/config.ts); each repository is made on first use,
 * so a function never needs a table its route does not use. The HTTP wrapper
 * (shared/http/middleware.ts) and the workflow-task wrapper
 * (shared/adapters/workflow-task.ts) pass it to the handler's body; nothing
 * else in shared/ builds or caches a repository. Nothing is cached per
 * request: assignments and policies are read on every request. The one
 * cache is `fileChecks` (the app check-in's file check, bounded age).
 *
 * Which object a handler gets (`handlerWithDeps` below): the process's, built
 * once from its environment on AWS, or the one bound with `withDeps(deps)` by
 * the local runtime and by tests. There is no setter: nothing replaces the
 * process's object once built.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseConfig, tableNameOf, type Config } from '../config.js';
import type { TableKey } from '../contract/tables.js';
import { DynamoAttendanceRepo, type AttendanceRepo } from './attendance-repo.js';
import { auditServicesOf, type AuditServices } from './audit-config.js';
import { DynamoAuditLog, type AuditLog } from './audit-log.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { DynamoDecisionReviewsRepo, type DecisionReviewsRepo } from './decision-reviews-repo.js';
import { DynamoDecisionsRepo, type DecisionsRepo } from './decisions-repo.js';
import { lazyCognitoDeviceClients, localDeviceClients, type DeviceClients } from './device-clients.js';
import { lazyCognitoDeviceUsers, localDeviceUsers } from './device-users.js';
import type { DeviceUsers } from '../identity/device-sign-in.js';
import { createDocumentClient } from './dynamo.js';
import { FileChecks } from './file-checks.js';
import { DynamoExplanationsRepo, type ExplanationsRepo } from './explanations-repo.js';
import { DynamoArchiveJobsRepo, type ArchiveJobsRepo } from './archive-jobs-repo.js';
import { exportStoreFromEnv, type ExportFileStore } from './export-store.js';
import type { Ids } from './ids.js';
import { randomIds } from './ids.js';
import { DynamoKioskRepo, type KioskRepo } from './kiosk-repo.js';
import { DynamoDeviceBindingsRepo, type DeviceBindingsRepo } from './device-bindings-repo.js';
import { DynamoParticipantFilesRepo, type ParticipantFilesRepo } from './participant-files-repo.js';
import { DynamoAssignmentsRepo, type AssignmentsRepo } from './assignments-repo.js';
import { DynamoKioskCredentialsRepo, type KioskCredentialsRepo } from './kiosk-credentials-repo.js';
import { DynamoKioskDevicesRepo, type KioskDevicesRepo } from './kiosk-devices-repo.js';
import { DynamoPolicyRepo, type PolicyRepo } from './policy-repo.js';
import { DynamoPayrollRunsRepo, type PayrollRunsRepo } from './payroll-runs-repo.js';
import { DynamoReportsRepo, type ComplaintReader, type ReportsRepo } from './reports-repo.js';
import { DynamoRetentionRepo, type CorrectionTextStore, type RetentionRepo } from './retention-repo.js';
import { complaintReaderOf, correctionTextStoreOf } from './rights-report-views.js';
import { DynamoRightsRepo, type RightsRepo } from './rights-repo.js';
import type { StaffDirectory } from './staff-directory.js';
import { workflowOf, type PayrollWorkflowPort } from './workflow.js';

export interface Deps {
  clock: Clock;
  ids: Ids;
  /** Participants' files: profile, fact history, identity, own access, registration (Participants table). */
  participants: ParticipantFilesRepo;
  /**
   * The app check-in's file checks, remembered for at most CHECKIN_FILE_CHECK_MAX_AGE_SECONDS
   * (file-checks.ts: the guarantee and its bound). Its own per object: the repositories of this
   * object forget a participant when they change the file, access or device bindings.
   */
  fileChecks: FileChecks;
  /** Which advisers are assigned to which participants (Participants table). */
  assignments: AssignmentsRepo;
  /** Participants' kiosk cards and QR tokens with their PIN (Participants table). */
  kioskCredentials: KioskCredentialsRepo;
  /** Registered kiosk devices (Participants table). */
  kioskDevices: KioskDevicesRepo;
  /** The municipality policy and its saved versions (Participants table). */
  policies: PolicyRepo;
  attendance: AttendanceRepo;
  decisions: DecisionsRepo;
  audit: AuditLog;
  /** Attempt counters and identifications of kiosks (Participants table). */
  kiosk: KioskRepo;
  /** Activation codes and participants' bound devices (Participants table; shared/identity/device-activation.ts). */
  deviceBindings: DeviceBindingsRepo;
  /** The kiosks' OAuth clients: Cognito app clients on AWS, the local issuer's otherwise. */
  deviceClients: DeviceClients;
  /** Bound devices' sign-in accounts: participant-pool users on AWS, none locally (shared/adapters/device-users.ts). */
  deviceUsers: DeviceUsers;
  /** Resolutions and seen-marks of decisions (Decisions table). */
  reviews: DecisionReviewsRepo;
  payrollRuns: PayrollRunsRepo;
  /** Stored explanation versions (Decisions table). */
  explanations: ExplanationsRepo;
  /** Starts and watches the payroll workflow (Step Functions, or the local runner). */
  workflow: PayrollWorkflowPort;
  /** Correction requests and complaints (Decisions table; an accepted request corrects the Attendance table). */
  rights: RightsRepo;
  /** NIR registrations (Participants table). */
  reports: ReportsRepo;
  /** The complaints of `rights`, read as facts without their text (reports, retention). */
  complaintReader: ComplaintReader;
  /** Minimising writes of the retention run (Attendance table). */
  retention: RetentionRepo;
  /** The correction requests' text, minimised by the retention run (Decisions table). */
  correctionTexts: CorrectionTextStore;
  /** Where payroll export files are kept: S3 (EXPORT_BUCKET) on AWS, a local directory with signed links otherwise. */
  exportStore: ExportFileStore;
  /** Archive package jobs (shared/domain/reports/archive-job.ts), in the payroll runs table. */
  archiveJobs: ArchiveJobsRepo;
  /**
   * Staff members by sub (the user directory), when replaced (tests). Otherwise the functions that
   * look staff up or name them build it from STAFF_DIRECTORY (staff-directory.ts
   * `configuredStaffDirectory`; on AWS the Cognito client loads on the first lookup).
   */
  staff?: StaffDirectory;
  /** The audit key and the anchor store (AUDIT_MAC_KEY_* and AUDIT_ANCHOR_*, read when first used; shared/adapters/audit-config.ts). */
  auditServices: AuditServices;
  /** The parsed configuration this object was built from (the kiosks' OAuth scope, the staff directory setting, …). */
  config: Config;
  /**
   * A table's name and the one document client of this object, for the few reads and writes that
   * belong to no repository (the payroll tasks' batched profile reads, the audit sealer and verifier).
   */
  table(key: TableKey): { db: DynamoDBDocumentClient; name: string };
}

/** What the decision, review and release reads need besides the decisions themselves. */
export type DecisionDeps = Pick<Deps, 'reviews' | 'payrollRuns'>;

/** The dependency object of a configuration; `parts` replaces any member (a fixed clock, a failing audit log, …). */
export function createDeps(config: Config, parts: Partial<Deps> = {}): Deps {
  let db: DynamoDBDocumentClient | undefined;
  const client = () => (db ??= createDocumentClient(config));
  const made: Partial<Deps> = { ...parts };
  const once = <K extends keyof Deps>(key: K, make: () => NonNullable<Deps[K]>): NonNullable<Deps[K]> => (made[key] ??= make()) as NonNullable<Deps[K]>;
  return {
    get clock() {
      return once('clock', () => systemClock);
    },
    get ids() {
      return once('ids', () => randomIds);
    },
    get participants() {
      return once('participants', () => new DynamoParticipantFilesRepo(client(), tableNameOf(config, 'participants'), (pid) => this.fileChecks.forget(pid)));
    },
    get fileChecks() {
      return once('fileChecks', () => new FileChecks(this, config.checkinFileCheckMaxAgeSeconds * 1000));
    },
    get assignments() {
      return once('assignments', () => new DynamoAssignmentsRepo(client(), tableNameOf(config, 'participants')));
    },
    get kioskCredentials() {
      return once('kioskCredentials', () => new DynamoKioskCredentialsRepo(client(), tableNameOf(config, 'participants')));
    },
    get kioskDevices() {
      return once('kioskDevices', () => new DynamoKioskDevicesRepo(client(), tableNameOf(config, 'participants')));
    },
    get policies() {
      return once('policies', () => new DynamoPolicyRepo(client(), tableNameOf(config, 'participants')));
    },
    get attendance() {
      return once('attendance', () => new DynamoAttendanceRepo(client(), tableNameOf(config, 'attendance')));
    },
    get decisions() {
      return once('decisions', () => new DynamoDecisionsRepo(client(), tableNameOf(config, 'decisions')));
    },
    get audit() {
      return once('audit', () => new DynamoAuditLog(client(), tableNameOf(config, 'auditLog')));
    },
    get kiosk() {
      return once('kiosk', () => new DynamoKioskRepo(client(), tableNameOf(config, 'participants')));
    },
    get deviceBindings() {
      return once('deviceBindings', () => new DynamoDeviceBindingsRepo(client(), tableNameOf(config, 'participants'), (pid) => this.fileChecks.forget(pid)));
    },
    get deviceClients() {
      return once('deviceClients', () => deviceClientsOf(config));
    },
    get deviceUsers() {
      return once('deviceUsers', () => (config.userPoolId === undefined ? localDeviceUsers : lazyCognitoDeviceUsers(config.userPoolId, config.region)));
    },
    get reviews() {
      return once('reviews', () => new DynamoDecisionReviewsRepo(client(), tableNameOf(config, 'decisions')));
    },
    get payrollRuns() {
      return once('payrollRuns', () => new DynamoPayrollRunsRepo(client(), tableNameOf(config, 'payrollRuns')));
    },
    get explanations() {
      return once('explanations', () => new DynamoExplanationsRepo(client(), tableNameOf(config, 'decisions')));
    },
    get workflow() {
      return once('workflow', () => workflowOf(config));
    },
    get rights() {
      return once('rights', () => new DynamoRightsRepo(client(), tableNameOf(config, 'decisions'), tableNameOf(config, 'attendance')));
    },
    get reports() {
      return once('reports', () => new DynamoReportsRepo(client(), tableNameOf(config, 'participants')));
    },
    get complaintReader() {
      return once('complaintReader', () => complaintReaderOf(this.rights));
    },
    get retention() {
      return once('retention', () => new DynamoRetentionRepo(client(), tableNameOf(config, 'attendance')));
    },
    get correctionTexts() {
      return once('correctionTexts', () => correctionTextStoreOf(this.rights, client(), tableNameOf(config, 'decisions')));
    },
    get exportStore() {
      // EXPORT_BUCKET, or EXPORT_DIR + EXPORT_LINK_BASE_URL: read when first used, so only the functions that keep files need them.
      return once('exportStore', () => exportStoreFromEnv(process.env));
    },
    get archiveJobs() {
      return once('archiveJobs', () => new DynamoArchiveJobsRepo(client(), tableNameOf(config, 'payrollRuns')));
    },
    get staff() {
      return made.staff;
    },
    get auditServices() {
      return once('auditServices', () => auditServicesOf(process.env));
    },
    config,
    table: (key) => ({ db: client(), name: tableNameOf(config, key) }),
  };
}

function deviceClientsOf(config: Config): DeviceClients {
  if (config.userPoolId === undefined) return localDeviceClients;
  return lazyCognitoDeviceClients(config.userPoolId, config.region, config.deviceScope, config.deviceTokenMinutes);
}

let fromProcess: Deps | undefined;

/**
 * The dependency object of this Lambda process: built once from the parsed
 * environment on first use. Nothing replaces it: a test or the local runtime
 * builds its own (`createDeps`) and binds it to the handler (`withDeps`).
 */
export function processDeps(): Deps {
  fromProcess ??= createDeps(parseConfig(process.env));
  return fromProcess;
}

/** A Lambda handler that can be given its dependency object: `withDeps(deps)` is the same handler using `deps`. */
export type DepsHandler<H> = H & {
  /** The same handler with `deps` instead of the process's dependency object (tests, the local runtime). */
  withDeps(deps: Deps): DepsHandler<H>;
};

/**
 * Makes a handler from `make(deps)`, where `deps()` gives the dependency
 * object of each invocation: the process's (`processDeps`, built on the first
 * invocation, so loading a module reads no environment) unless the handler
 * was bound with `withDeps`. The one way an entry point gets its
 * dependencies: the HTTP and workflow-task wrappers and every entry point
 * that is no handler body (authorizer, audit, retention, pre-token).
 */
export function handlerWithDeps<H extends object>(make: (deps: () => Deps) => H): DepsHandler<H> {
  const bound = (source: () => Deps): DepsHandler<H> => Object.assign(make(source), { withDeps: (deps: Deps) => bound(() => deps) });
  return bound(processDeps);
}
