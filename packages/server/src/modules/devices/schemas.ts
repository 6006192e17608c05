import { DEVICE_KINDS } from '@cordon/core';
import { Type } from 'typebox';
import { JurisdictionCode, NullableTimestamp, Timestamp } from '../../http/common-schemas.js';

export const Device = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  nodeCode: Type.String(),
  nodeName: Type.String(),
  keyPrefix: Type.String(),
  createdAt: Timestamp,
  lastUsedAt: NullableTimestamp,
  revokedAt: NullableTimestamp,
});

export const DeviceList = Type.Object({ items: Type.Array(Device) });

export const CreateDeviceBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 50 }),
  kind: Type.Enum(DEVICE_KINDS),
  nodeCode: JurisdictionCode,
});

export const CreateDeviceResult = Type.Object({ device: Device, key: Type.String() });

export const DeviceIdentity = Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String(), nodeCode: Type.String() });
