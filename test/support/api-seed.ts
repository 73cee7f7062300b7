/**
 * Seeds participants, advisers, kiosk devices and credentials for the API
 * tests through the same repositories the handlers use. Names and national
 * ids are synthetic and distinctive, so a test can assert they never appear
 * in logs or error bodies (quality.md S7).
 */
import type { Deps } from '../../shared/adapters/deps.js';
import type { ParticipantProfile } from '../../shared/adapters/participant-files-repo.js';
import { credentialSecretHash, deviceSecretHash } from '../../shared/domain/attendance/kiosk-credentials.js';
import { hashPin } from '../../shared/adapters/pin.js';
import { normalizeCardNumber } from '../../shared/domain/attendance/kiosk-card.js';
import type { Schedule } from '../../shared/domain/schedule/schedule.js';

const DAY = [
  { start: '08:30', end: '11:30' },
  { start: '12:00', end: '15:00' },
];
export const WEEKDAY_SCHEDULE: Schedule = { plans: [{ from: '2025-01-01', weekly: { MON: DAY, TUE: DAY, WED: DAY, THU: DAY, FRI: DAY } }], exceptions: [] };

export interface SeededParticipant {
  participantId: string;
  givenName: string;
  familyName: string;
  nationalId: string;
}

export async function seedParticipant(deps: Deps, participantId: string, over: { givenName?: string; municipality?: string; schedule?: Schedule; children?: number } = {}): Promise<SeededParticipant> {
  const givenName = over.givenName ?? `Zelmira${participantId.replace(/[^a-z0-9]/gi, '')}`;
  const familyName = `Quistgaard${participantId.replace(/[^a-z0-9]/gi, '')}`;
  const nationalId = `${String(10000000000 + (hashCode(participantId) % 89999999999)).padStart(11, '0')}`;
  const profile: ParticipantProfile = {
    participantId,
    municipality: over.municipality ?? '5001',
    birthDate: '1990-06-15',
    regime: 'integreringsloven',
    livesWithParent: false,
    coupleReduction: false,
    children: over.children ?? 1,
    soleCarer: false,
    programStart: '2025-09-01',
    enrolments: [{ from: '2025-09-01', to: null }],
    unpaidLeave: [],
    schedule: over.schedule ?? WEEKDAY_SCHEDULE,
    version: 1,
    updatedAt: '2026-09-01T00:00:00.000Z',
  };
  const r = await deps.participants.createParticipant(profile, { participantId, givenName, familyName, nationalId });
  if (r !== 'created') throw new Error(`seed: ${participantId} exists`);
  return { participantId, givenName, familyName, nationalId };
}

export async function seedCard(deps: Deps, participantId: string, cardNumber: string, pin: string, municipality = '5001'): Promise<void> {
  await deps.kioskCredentials.putKioskCredential({
    municipality,
    kind: 'CARD',
    secretHash: credentialSecretHash('CARD', normalizeCardNumber(cardNumber)),
    participantId,
    pinHash: await hashPin(pin),
    createdAt: '2026-09-01T00:00:00.000Z',
  });
}

/** A seeded kiosk's OAuth client id and secret (POST /devices makes random ones). */
export const seededClientId = (deviceId: string) => `client-${deviceId}`;
export const seededClientSecret = (deviceId: string) => `secret-of-${deviceId}-0123456789abcdef`;

export async function seedDevice(deps: Deps, deviceId: string, municipality = '5001', active = true): Promise<void> {
  await deps.kioskDevices.registerDevice({
    deviceId,
    municipality,
    label: 'Learning centre entrance',
    active,
    registeredAt: '2026-09-01T00:00:00.000Z',
    clientId: seededClientId(deviceId),
    credentialHash: deviceSecretHash(seededClientSecret(deviceId)),
  });
}

export async function assign(deps: Deps, participantId: string, adviserSub: string, municipality = '5001'): Promise<void> {
  await deps.assignments.assignAdviser(participantId, adviserSub, municipality, '2026-09-01T00:00:00.000Z');
}

function hashCode(s: string): number {
  let h = 7;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) % 1_000_000_007;
  return h;
}
