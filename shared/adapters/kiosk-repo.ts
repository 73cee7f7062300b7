/**
 * What identifying at a kiosk keeps in the Participants table besides the
 * credentials themselves (kiosk-credentials-repo.ts): the attempt counters of
 * cards and kiosks (quality.md S10) and the short-lived identifications a
 * kiosk gets once a PIN was right (the PIN is checked before the person
 * chooses check-in or check-out).
 *
 * Key layout (pk / sk), every item with a TTL on expiresAt:
 *   ATTEMPTS#CARD#<muni>#<kind>#<sha256> / ATTEMPTS   PIN checks counted against one card or QR
 *   ATTEMPTS#DEVICE#<deviceId>           / ATTEMPTS   attempts counted against one kiosk, with its back-off
 *   IDENT#<identificationId>             / IDENTIFICATION  a card + PIN that matched, for one check-in/out
 *
 * DynamoDB's TTL deletes lazily (up to days later), so every read and every
 * condition compares expiresAt with the caller's clock: an expired item is
 * treated as absent.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  CARD_ATTEMPT_LIMIT,
  CARD_WINDOW_SECONDS,
  DEVICE_FREE_ATTEMPTS,
  DEVICE_WINDOW_SECONDS,
  deviceBackoffSeconds,
} from '../domain/attendance/kiosk-limits.js';
import { isConditionFailed } from './dynamo.js';
import type { CredentialKind } from '../domain/attendance/kiosk-credentials.js';

export interface AttemptCounter {
  /** Attempts counted in the window (checks still running included). */
  attempts: number;
  /** Epoch seconds when the window ends. */
  expiresAt: number;
}

export type CardReservation = { ok: true; counter: AttemptCounter } | { ok: false; lockedUntil: number };
export type DeviceReservation = { ok: true; windowEndsAt: number } | { ok: false; retryAfterSeconds: number };

export interface Identification {
  identificationId: string;
  participantId: string;
  municipality: string;
  deviceId: string;
  kind: CredentialKind;
  secretHash: string;
  createdAt: string;
  /** Epoch seconds. */
  expiresAt: number;
  /** The event that used it (one check-in or check-out per identification). */
  usedBy?: string;
}

export interface KioskRepo {
  /**
   * Counts one PIN check against a card BEFORE it runs: refused once the
   * window holds CARD_ATTEMPT_LIMIT attempts, so N parallel guesses check at
   * most the limit.
   */
  reserveCardAttempt(cardKey: string, nowSeconds: number): Promise<CardReservation>;
  getCardAttempts(cardKey: string, nowSeconds: number): Promise<AttemptCounter | undefined>;
  /** The right PIN, a new credential or the adviser: the card's window ends. */
  clearCardAttempts(cardKey: string): Promise<void>;

  /** Counts one attempt against a kiosk; refused (with the wait) while its back-off runs. */
  reserveDeviceAttempt(deviceId: string, nowSeconds: number): Promise<DeviceReservation>;
  /** A match gives its attempt back, so people with working cards never slow a kiosk down. */
  refundDeviceAttempt(deviceId: string, windowEndsAt: number): Promise<void>;

  putIdentification(i: Identification): Promise<void>;
  getIdentification(identificationId: string, nowSeconds: number): Promise<Identification | undefined>;
  /** Marks the identification used by this event; 'used' if another event used it first. */
  claimIdentification(identificationId: string, eventId: string): Promise<'claimed' | 'used'>;
}

/** The counter key of a card or QR token: by the hash of its number, so unknown numbers count alike. */
export function cardKeyOf(municipality: string, kind: CredentialKind, secretHash: string): string {
  return `${municipality}#${kind}#${secretHash}`;
}

const cardKey = (key: string) => ({ pk: `ATTEMPTS#CARD#${key}`, sk: 'ATTEMPTS' });
const deviceKey = (deviceId: string) => ({ pk: `ATTEMPTS#DEVICE#${deviceId}`, sk: 'ATTEMPTS' });
const identKey = (id: string) => ({ pk: `IDENT#${id}`, sk: 'IDENTIFICATION' });

/** Contention on one counter settles within a few rounds: each round some writer wins. */
const MAX_ROUNDS = 12;

export class DynamoKioskRepo implements KioskRepo {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private async read(key: Record<string, string>): Promise<Record<string, unknown> | undefined> {
    return (await this.db.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }))).Item;
  }

  /**
   * Adds one attempt to a live window whose count is below `below`, in one
   * conditional update (so the count can never pass `below` under any
   * concurrency); undefined when there is no live window or it is full.
   */
  private async countBelow(key: Record<string, string>, nowSeconds: number, below: number): Promise<AttemptCounter | undefined> {
    try {
      const r = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: key,
          UpdateExpression: 'ADD attempts :one',
          ConditionExpression: 'expiresAt > :now AND attempts < :below',
          ExpressionAttributeValues: { ':one': 1, ':now': nowSeconds, ':below': below },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { attempts: Number(r.Attributes!.attempts), expiresAt: Number(r.Attributes!.expiresAt) };
    } catch (err) {
      if (isConditionFailed(err)) return undefined;
      throw err;
    }
  }

  /** Starts a new window with this attempt, only if none is live (two starters never reset each other). */
  private async startWindow(key: Record<string, string>, nowSeconds: number, windowSeconds: number, extra: Record<string, number>): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...key, attempts: 1, expiresAt: nowSeconds + windowSeconds, ...extra },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      );
      return true;
    } catch (err) {
      if (isConditionFailed(err)) return false;
      throw err;
    }
  }

  async reserveCardAttempt(key: string, nowSeconds: number): Promise<CardReservation> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      // The count and the limit in one atomic step: the limit-th attempt is the last one
      // any writer can add in this window, however many arrive at once.
      const counted = await this.countBelow(cardKey(key), nowSeconds, CARD_ATTEMPT_LIMIT);
      if (counted !== undefined) return { ok: true, counter: counted };
      const item = await this.read(cardKey(key));
      if (item !== undefined && Number(item.expiresAt) > nowSeconds) {
        if (Number(item.attempts) >= CARD_ATTEMPT_LIMIT) return { ok: false, lockedUntil: Number(item.expiresAt) };
        continue; // cleared and restarted meanwhile: count into that window
      }
      if (await this.startWindow(cardKey(key), nowSeconds, CARD_WINDOW_SECONDS, {})) return { ok: true, counter: { attempts: 1, expiresAt: nowSeconds + CARD_WINDOW_SECONDS } };
    }
    throw new Error('reserveCardAttempt: contention did not settle');
  }

  async getCardAttempts(key: string, nowSeconds: number): Promise<AttemptCounter | undefined> {
    const item = await this.read(cardKey(key));
    if (item === undefined || Number(item.expiresAt) <= nowSeconds) return undefined;
    return { attempts: Number(item.attempts), expiresAt: Number(item.expiresAt) };
  }

  async clearCardAttempts(key: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: cardKey(key) }));
  }

  async reserveDeviceAttempt(deviceId: string, nowSeconds: number): Promise<DeviceReservation> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      // Within the free attempts: counted atomically, never more than DEVICE_FREE_ATTEMPTS at once.
      const counted = await this.countBelow(deviceKey(deviceId), nowSeconds, DEVICE_FREE_ATTEMPTS);
      if (counted !== undefined) return { ok: true, windowEndsAt: counted.expiresAt };
      const item = await this.read(deviceKey(deviceId));
      if (item === undefined || Number(item.expiresAt) <= nowSeconds) {
        if (await this.startWindow(deviceKey(deviceId), nowSeconds, DEVICE_WINDOW_SECONDS, { nextAt: 0 })) return { ok: true, windowEndsAt: nowSeconds + DEVICE_WINDOW_SECONDS };
        continue;
      }
      const attempts = Number(item.attempts);
      if (attempts < DEVICE_FREE_ATTEMPTS) continue; // an attempt was given back meanwhile
      const nextAt = Number(item.nextAt ?? 0);
      if (nextAt > nowSeconds) return { ok: false, retryAfterSeconds: nextAt - nowSeconds };
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: deviceKey(deviceId),
            UpdateExpression: 'ADD attempts :one SET nextAt = :next',
            // Past the free attempts: one attempt per back-off interval. Only the writer that saw this
            // exact state moves nextAt on; everyone else racing for the slot is told to wait.
            ConditionExpression: 'expiresAt > :now AND attempts = :seen AND (attribute_not_exists(nextAt) OR nextAt <= :now)',
            ExpressionAttributeValues: { ':one': 1, ':now': nowSeconds, ':seen': attempts, ':next': nowSeconds + deviceBackoffSeconds(attempts) },
          }),
        );
        return { ok: true, windowEndsAt: Number(item.expiresAt) };
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
      }
    }
    throw new Error('reserveDeviceAttempt: contention did not settle');
  }

  async refundDeviceAttempt(deviceId: string, windowEndsAt: number): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: deviceKey(deviceId),
          UpdateExpression: 'ADD attempts :minus',
          // Only into the window the attempt was counted in, and never below zero.
          ConditionExpression: 'expiresAt = :window AND attempts > :zero',
          ExpressionAttributeValues: { ':minus': -1, ':window': windowEndsAt, ':zero': 0 },
        }),
      );
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
    }
  }

  async putIdentification(i: Identification): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...identKey(i.identificationId), ...i },
        // Ids are random and made once: never replace another kiosk's identification.
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async getIdentification(identificationId: string, nowSeconds: number): Promise<Identification | undefined> {
    const item = await this.read(identKey(identificationId));
    if (item === undefined || Number(item.expiresAt) <= nowSeconds) return undefined;
    const { pk: _pk, sk: _sk, ...rest } = item;
    return rest as unknown as Identification;
  }

  async claimIdentification(identificationId: string, eventId: string): Promise<'claimed' | 'used'> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: identKey(identificationId),
          UpdateExpression: 'SET usedBy = :event',
          // One event per identification; the same event again (a lost answer) is fine.
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(usedBy) OR usedBy = :event)',
          ExpressionAttributeValues: { ':event': eventId },
        }),
      );
      return 'claimed';
    } catch (err) {
      if (isConditionFailed(err)) return 'used';
      throw err;
    }
  }
}
