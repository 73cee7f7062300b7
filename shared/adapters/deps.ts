/**
 * What a handler gets besides its request: clock, ids and the repositories.
 * Built lazily from the environment (shared/config.ts) on first use; tests and
 * the local runtime replace any part with `setDeps` (a fixed clock, a failing
 * audit log, …). Nothing is cached per request: assignments and policies are
 * read on every request.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getConfig, tableNameOf } from '../config.js';
import { DynamoAttendanceRepo, type AttendanceRepo } from './attendance-repo.js';
import { DynamoAuditLog, type AuditLog } from './audit-log.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { DynamoDecisionsRepo, type DecisionsRepo } from './decisions-repo.js';
import { lazyCognitoDeviceClients, localDeviceClients, type DeviceClients } from './device-clients.js';
import { createDocumentClient } from './dynamo.js';
import type { Ids } from './ids.js';
import { randomIds } from './ids.js';
import { DynamoKioskRepo, type KioskRepo } from './kiosk-repo.js';
import { DynamoDeviceBindingsRepo, type DeviceBindingsRepo } from './device-bindings-repo.js';
import { DynamoParticipantsRepo, type ParticipantsRepo } from './participants-repo.js';
import type { StaffDirectory } from './staff-directory.js';

export interface Deps {
  clock: Clock;
  ids: Ids;
  participants: ParticipantsRepo;
  attendance: AttendanceRepo;
  decisions: DecisionsRepo;
  audit: AuditLog;
  /** Attempt counters and identifications of kiosks (Participants table). */
  kiosk: KioskRepo;
  /** Activation codes and participants' bound devices (Participants table; shared/identity/device-activation.ts). */
  deviceBindings: DeviceBindingsRepo;
  /** The kiosks' OAuth clients: Cognito app clients on AWS, the local issuer's otherwise. */
  deviceClients: DeviceClients;
  /**
   * Staff members by sub (the user directory), when replaced (tests). Otherwise the one function
   * that looks staff up builds it from STAFF_DIRECTORY itself, so no other bundle carries the
   * Cognito client (functions/participant-assign).
   */
  staff?: StaffDirectory;
}

function defaultDeps(): Deps {
  let db: DynamoDBDocumentClient | undefined;
  const client = () => (db ??= createDocumentClient(getConfig()));
  const cache: Partial<Deps> = {};
  // Each repository is made on first use, so a function never needs a table its route does not use.
  return {
    clock: systemClock,
    ids: randomIds,
    get participants() {
      return (cache.participants ??= new DynamoParticipantsRepo(client(), tableNameOf(getConfig(), 'participants')));
    },
    get attendance() {
      return (cache.attendance ??= new DynamoAttendanceRepo(client(), tableNameOf(getConfig(), 'attendance')));
    },
    get decisions() {
      return (cache.decisions ??= new DynamoDecisionsRepo(client(), tableNameOf(getConfig(), 'decisions')));
    },
    get audit() {
      return (cache.audit ??= new DynamoAuditLog(client(), tableNameOf(getConfig(), 'auditLog')));
    },
    get kiosk() {
      return (cache.kiosk ??= new DynamoKioskRepo(client(), tableNameOf(getConfig(), 'participants')));
    },
    get deviceBindings() {
      return (cache.deviceBindings ??= new DynamoDeviceBindingsRepo(client(), tableNameOf(getConfig(), 'participants')));
    },
    get deviceClients() {
      return (cache.deviceClients ??= deviceClientsOf(getConfig()));
    },
  };
}

function deviceClientsOf(config: ReturnType<typeof getConfig>): DeviceClients {
  if (config.userPoolId === undefined) return localDeviceClients;
  return lazyCognitoDeviceClients(config.userPoolId, config.region, config.deviceScope, config.deviceTokenMinutes);
}

let defaults: Deps | undefined;
let overrides: Partial<Deps> | undefined;

export function getDeps(): Deps {
  defaults ??= defaultDeps();
  if (overrides === undefined) return defaults;
  const base = defaults;
  const o = overrides;
  return {
    get clock() {
      return o.clock ?? base.clock;
    },
    get ids() {
      return o.ids ?? base.ids;
    },
    get participants() {
      return o.participants ?? base.participants;
    },
    get attendance() {
      return o.attendance ?? base.attendance;
    },
    get decisions() {
      return o.decisions ?? base.decisions;
    },
    get audit() {
      return o.audit ?? base.audit;
    },
    get kiosk() {
      return o.kiosk ?? base.kiosk;
    },
    get deviceBindings() {
      return o.deviceBindings ?? base.deviceBindings;
    },
    get deviceClients() {
      return o.deviceClients ?? base.deviceClients;
    },
    get staff() {
      return o.staff;
    },
  };
}

/** Replaces parts of the deps (tests, local runtime); `undefined` restores the defaults. */
export function setDeps(partial: Partial<Deps> | undefined): void {
  overrides = partial;
}

/** Forget the default deps (after the environment changed, e.g. between test suites). */
export function resetDeps(): void {
  defaults = undefined;
  overrides = undefined;
}

/** True when every repository is replaced, so the environment's tables are not needed. */
export function depsOverridden(): boolean {
  const o = overrides;
  return o !== undefined && o.participants !== undefined && o.attendance !== undefined && o.decisions !== undefined && o.audit !== undefined;
}
