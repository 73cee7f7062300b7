/**
 * Registered kiosk devices (Participants table). A participant's own bound
 * phones are device-bindings-repo.ts; a kiosk's attempt counters kiosk-repo.ts.
 *
 * Key layout (pk / sk; gsi1pk / gsi1sk):
 *   DEVICE#<deviceId>       / DEVICE ; M#<muni>#DEVICES / DEVICE#<id>   a registered kiosk
 *   DEVICECLIENT#<clientId> / DEVICE                                   the kiosk whose OAuth client this is
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { getRecord, isConditionFailed, transactUnlessExists, withoutKeys, type TransactItem } from './dynamo.js';

export { deviceSecretHash } from '../domain/attendance/kiosk-credentials.js';

export interface Device {
  deviceId: string;
  municipality: string;
  label: string;
  active: boolean;
  registeredAt: string;
  /** `deviceSecretHash` of the device's own credential (POST /devices); the secret itself is never stored. Local issuer only: on AWS Cognito keeps the client secret. */
  credentialHash?: string;
  /** The OAuth client the kiosk exchanges its secret with (client-credentials grant); absent for devices made before clients existed. */
  clientId?: string;
  /** Pseudonymous ref of the admin who registered it. */
  registeredByRef?: string;
  deactivatedAt?: string;
  /** Pseudonymous ref of the admin who deactivated it. */
  deactivatedByRef?: string;
}

export interface KioskDevicesRepo {
  /** 'exists' when the device id (or its client id) is taken; nothing is written then. */
  registerDevice(device: Device): Promise<'created' | 'exists'>;
  getDevice(deviceId: string): Promise<Device | undefined>;
  /** The device whose OAuth client this is (the kiosk authorizer and the local token endpoint). */
  getDeviceByClientId(clientId: string): Promise<Device | undefined>;
  /** Marks a device of `municipality` inactive (once; later calls return it as it is); undefined if there is no such device there. */
  deactivateDevice(deviceId: string, municipality: string, at: string, byRef: string): Promise<Device | undefined>;
}

const deviceKey = (id: string) => ({ pk: `DEVICE#${id}`, sk: 'DEVICE' });
const deviceClientKey = (clientId: string) => ({ pk: `DEVICECLIENT#${clientId}`, sk: 'DEVICE' });

export class DynamoKioskDevicesRepo implements KioskDevicesRepo {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async registerDevice(d: Device): Promise<'created' | 'exists'> {
    const device: TransactItem = {
      Put: {
        TableName: this.table,
        Item: { ...deviceKey(d.deviceId), gsi1pk: `M#${d.municipality}#DEVICES`, gsi1sk: `DEVICE#${d.deviceId}`, ...d },
        // A device id names one kiosk: registering it again must not move it to another municipality.
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
    // The client pointer in the same transaction: a client id names one device, written once.
    const client: TransactItem[] =
      d.clientId === undefined ? [] : [{ Put: { TableName: this.table, Item: { ...deviceClientKey(d.clientId), deviceId: d.deviceId }, ConditionExpression: 'attribute_not_exists(pk)' } }];
    return (await transactUnlessExists(this.db, [device, ...client])) ? 'created' : 'exists';
  }

  async getDevice(deviceId: string): Promise<Device | undefined> {
    return getRecord<Device>(this.db, this.table, deviceKey(deviceId));
  }

  async getDeviceByClientId(clientId: string): Promise<Device | undefined> {
    const pointer = (await this.db.send(new GetCommand({ TableName: this.table, Key: deviceClientKey(clientId), ConsistentRead: true }))).Item;
    if (pointer === undefined) return undefined;
    const device = await this.getDevice(String(pointer.deviceId));
    // Both ways: the pointer and the device must name each other.
    return device?.clientId === clientId ? device : undefined;
  }

  async deactivateDevice(deviceId: string, municipality: string, at: string, byRef: string): Promise<Device | undefined> {
    try {
      const r = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: deviceKey(deviceId),
          UpdateExpression: 'SET active = :false, deactivatedAt = :at, deactivatedByRef = :by',
          // Only a device of the admin's municipality, and only once: the first deactivation's time and admin stay.
          ConditionExpression: 'attribute_exists(pk) AND municipality = :m AND active = :true',
          ExpressionAttributeValues: { ':false': false, ':true': true, ':at': at, ':by': byRef, ':m': municipality },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return withoutKeys<Device>(r.Attributes, ['expiresAt']);
    } catch (err) {
      if (!isConditionFailed(err)) throw err;
      const existing = await this.getDevice(deviceId);
      return existing?.municipality === municipality ? existing : undefined;
    }
  }
}
