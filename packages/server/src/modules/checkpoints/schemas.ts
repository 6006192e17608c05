import { type Static, Type } from 'typebox';
import { JurisdictionCode, NullableTimestamp, Timestamp } from '../../http/common-schemas.js';

export const CHECKPOINT_TYPES = ['highway_exit', 'road', 'station'] as const;
export type CheckpointType = (typeof CHECKPOINT_TYPES)[number];

/** Maximum officers on one checkpoint's roster. */
export const MAX_CHECKPOINT_OFFICERS = 200;

const Uuid = Type.String({ format: 'uuid' });
const NullableString = Type.Union([Type.String(), Type.Null()]);
/** WGS-84 degrees as text, up to 8 decimals (about 1 mm); the service checks the range. */
const Coordinate = Type.String({ minLength: 1, maxLength: 13, pattern: '^-?\\d{1,3}(\\.\\d{1,8})?$' });

export const CheckpointOfficer = Type.Object({ userId: Type.String(), displayName: Type.String(), username: Type.String() });

export const Checkpoint = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: Type.Enum(CHECKPOINT_TYPES),
  nodeCode: Type.String(),
  nodeName: Type.String(),
  location: Type.String(),
  longitude: NullableString,
  latitude: NullableString,
  active: Type.Boolean(),
  officers: Type.Array(CheckpointOfficer),
  activeDeviceCount: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type CheckpointResult = Static<typeof Checkpoint>;

export const CheckpointList = Type.Object({ items: Type.Array(Checkpoint) });

export const CheckpointListQuery = Type.Object({ includeInactive: Type.Optional(Type.Boolean({ default: false })) });

export const CreateCheckpointBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  type: Type.Enum(CHECKPOINT_TYPES),
  nodeCode: JurisdictionCode,
  location: Type.String({ minLength: 1, maxLength: 200 }),
  longitude: Type.Optional(Coordinate),
  latitude: Type.Optional(Coordinate),
});
export type CreateCheckpointInput = Static<typeof CreateCheckpointBody>;

/** Changes of a checkpoint; null clears a coordinate. */
export const UpdateCheckpointBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  type: Type.Optional(Type.Enum(CHECKPOINT_TYPES)),
  location: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  longitude: Type.Optional(Type.Union([Coordinate, Type.Null()])),
  latitude: Type.Optional(Type.Union([Coordinate, Type.Null()])),
  active: Type.Optional(Type.Boolean()),
});
export type UpdateCheckpointInput = Static<typeof UpdateCheckpointBody>;

export const AssignOfficersBody = Type.Object({
  userIds: Type.Array(Uuid, { maxItems: MAX_CHECKPOINT_OFFICERS }),
});

export const OfficerCandidateList = Type.Object({
  items: Type.Array(Type.Object({ userId: Type.String(), displayName: Type.String(), username: Type.String(), nodeName: Type.String() })),
});

export const CheckpointDevice = Type.Object({
  id: Type.String(),
  name: Type.String(),
  keyPrefix: Type.String(),
  createdAt: Timestamp,
  lastUsedAt: NullableTimestamp,
  revokedAt: NullableTimestamp,
});
export const CheckpointDeviceList = Type.Object({ items: Type.Array(CheckpointDevice) });

export const CheckpointDeviceParams = Type.Object({ id: Uuid, deviceId: Uuid });

export const CreateEnrolmentBody = Type.Object({ deviceName: Type.String({ minLength: 1, maxLength: 50 }) });

export const Enrolment = Type.Object({ id: Type.String(), token: Type.String(), url: Type.String(), expiresAt: Timestamp });

export const ENROLMENT_STATUSES = ['waiting', 'used', 'expired'] as const;
export const EnrolmentStatus = Type.Object({
  id: Type.String(),
  status: Type.Enum(ENROLMENT_STATUSES),
  deviceId: NullableString,
  expiresAt: Timestamp,
});

export const EnrolmentParams = Type.Object({ id: Uuid });

/** The token from the QR code; any text up to 100 characters gets the same "invalid" error as an unknown token. */
export const ExchangeEnrolmentBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }) });

export const EnrolmentExchange = Type.Object({
  key: Type.String(),
  device: Type.Object({ id: Type.String(), name: Type.String() }),
  checkpoint: Type.Object({ id: Type.String(), name: Type.String(), location: Type.String() }),
});
