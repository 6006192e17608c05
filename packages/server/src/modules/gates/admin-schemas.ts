import { type Static, Type } from 'typebox';
import { NullableTimestamp, Timestamp } from '../../http/common-schemas.js';
import { MAX_CARD_INPUT_LENGTH } from './passes-input.js';

export const GATE_KINDS = ['pedestrian', 'vehicle', 'both'] as const;
export const PASS_STATUSES = ['active', 'revoked'] as const;
export const KEY_TRACKING_SUBJECTS = ['vehicle', 'person'] as const;
/** Passes printed in one PDF request: 25 sheets of 8. */
export const MAX_PAPER_PASSES = 200;
/** Managers of one compound. */
export const MAX_COMPOUND_MANAGERS = 50;

const Uuid = Type.String({ format: 'uuid' });
const NullableString = Type.Union([Type.String(), Type.Null()]);
/** A calendar day in China, YYYY-MM-DD. */
const CalendarDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const CompoundParams = Type.Object({ compoundId: Uuid });
export const GateParams = Type.Object({ gateId: Uuid });
export const DeviceParams = Type.Object({ deviceId: Uuid });
export const VehicleParams = Type.Object({ vehicleId: Uuid });
export const PassParams = Type.Object({ passId: Uuid });
export const KeyTrackingParams = Type.Object({ id: Uuid });
export const PersonParams = Type.Object({ personId: Uuid });

export const SearchQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 50 })) });

export const CompoundSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  communityCode: Type.String(),
  communityName: Type.String(),
  gateCount: Type.Integer(),
  deviceCount: Type.Integer(),
  vehicleCount: Type.Integer(),
  activePassCount: Type.Integer(),
  managed: Type.Boolean(),
});
export const CompoundSummaryList = Type.Object({ items: Type.Array(CompoundSummary) });

export const GateDevice = Type.Object({
  id: Type.String(),
  name: Type.String(),
  keyPrefix: Type.String(),
  createdAt: Timestamp,
  lastUsedAt: NullableTimestamp,
  revokedAt: NullableTimestamp,
});

export const Gate = Type.Object({
  id: Type.String(),
  compoundId: Type.String(),
  name: Type.String(),
  kind: Type.Enum(GATE_KINDS),
  active: Type.Boolean(),
  devices: Type.Array(GateDevice),
});
export const GateList = Type.Object({ items: Type.Array(Gate) });

export const CreateGateBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 50 }), kind: Type.Enum(GATE_KINDS) });
export type CreateGateInput = Static<typeof CreateGateBody>;

export const UpdateGateBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  kind: Type.Optional(Type.Enum(GATE_KINDS)),
  active: Type.Optional(Type.Boolean()),
});
export type UpdateGateInput = Static<typeof UpdateGateBody>;

export const CreateGateDeviceBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 50 }) });
export const CreatedGateDevice = Type.Object({ device: GateDevice, key: Type.String() });

export const CompoundManager = Type.Object({
  userId: Type.String(),
  displayName: Type.String(),
  username: Type.String(),
  role: Type.String(),
  phoneMasked: NullableString,
  smsAlerts: Type.Boolean(),
});
export const CompoundManagerList = Type.Object({ items: Type.Array(CompoundManager) });

export const ManagerCandidate = Type.Object({
  userId: Type.String(),
  displayName: Type.String(),
  username: Type.String(),
  role: Type.String(),
});
export const ManagerCandidateList = Type.Object({ items: Type.Array(ManagerCandidate) });

export const PutManagersBody = Type.Object({
  managers: Type.Array(
    Type.Object({
      userId: Uuid,
      /** Mobile number for SMS alerts; omitted keeps the stored one, null clears it. */
      phone: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
      smsAlerts: Type.Boolean(),
    }),
    { maxItems: MAX_COMPOUND_MANAGERS },
  ),
});
export type PutManagersInput = Static<typeof PutManagersBody>;

export const Vehicle = Type.Object({
  id: Type.String(),
  plateNumber: Type.String(),
  plateRegionCode: NullableString,
  plateRegionName: NullableString,
  roomId: Type.String(),
  roomText: Type.String(),
  ownerPersonId: NullableString,
  ownerName: NullableString,
  notes: NullableString,
  createdAt: Timestamp,
});
export const VehicleList = Type.Object({ items: Type.Array(Vehicle) });

export const CreateVehicleBody = Type.Object({
  plate: Type.String({ minLength: 1, maxLength: 30 }),
  roomId: Uuid,
  ownerPersonId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  notes: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
});
export type CreateVehicleInput = Static<typeof CreateVehicleBody>;

export const Pass = Type.Object({
  id: Type.String(),
  serial: Type.String(),
  personId: Type.String(),
  personName: Type.String(),
  roomText: NullableString,
  cardNumber: NullableString,
  status: Type.Enum(PASS_STATUSES),
  revokedReason: NullableString,
  revokedAt: NullableTimestamp,
  validUntil: NullableString,
  createdAt: Timestamp,
  linkSent: Type.Boolean(),
});
export const PassList = Type.Object({ items: Type.Array(Pass) });

export const PassListQuery = Type.Object({
  status: Type.Optional(Type.Enum(PASS_STATUSES)),
  q: Type.Optional(Type.String({ maxLength: 50 })),
});

export const IssuePassBody = Type.Object({
  personId: Uuid,
  cardNumber: Type.Optional(Type.Union([Type.String({ maxLength: MAX_CARD_INPUT_LENGTH }), Type.Null()])),
  validUntil: Type.Optional(Type.Union([CalendarDate, Type.Null()])),
});
export type IssuePassInput = Static<typeof IssuePassBody>;

export const UpdatePassBody = Type.Object({
  cardNumber: Type.Optional(Type.Union([Type.String({ maxLength: MAX_CARD_INPUT_LENGTH }), Type.Null()])),
  validUntil: Type.Optional(Type.Union([CalendarDate, Type.Null()])),
});
export type UpdatePassInput = Static<typeof UpdatePassBody>;

export const RevokePassBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 200 })) });

export const PassLink = Type.Object({ url: Type.String(), smsSent: Type.Boolean() });

export const PaperPassQuery = Type.Object({ ids: Type.String({ minLength: 1, maxLength: MAX_PAPER_PASSES * 37 }) });

export const KeyTracking = Type.Object({
  id: Type.String(),
  subjectType: Type.Enum(KEY_TRACKING_SUBJECTS),
  plateNumber: NullableString,
  personId: NullableString,
  personName: NullableString,
  reason: Type.String(),
  createdAt: Timestamp,
  endedAt: NullableTimestamp,
  eventCount: Type.Integer(),
});
export const KeyTrackingList = Type.Object({ items: Type.Array(KeyTracking) });

export const CreateKeyTrackingBody = Type.Object({
  subjectType: Type.Enum(KEY_TRACKING_SUBJECTS),
  plate: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
  personId: Type.Optional(Uuid),
  reason: Type.String({ minLength: 1, maxLength: 200 }),
});
export type CreateKeyTrackingInput = Static<typeof CreateKeyTrackingBody>;

/** A gate event as the console's event list shows it. */
export const GateEventItem = Type.Object({
  id: Type.String(),
  compoundId: Type.String(),
  compoundName: Type.String(),
  gateId: Type.String(),
  gateName: Type.String(),
  deviceName: Type.String(),
  format: Type.String(),
  kind: Type.String(),
  direction: NullableString,
  occurredAt: Timestamp,
  receivedAt: Timestamp,
  plateNumber: NullableString,
  plateRegionCode: NullableString,
  /** Plate text as the camera read it, shown when the plate could not be parsed (plateNumber null). */
  plateText: NullableString,
  cardNumberMasked: NullableString,
  passSerial: NullableString,
  /** valid, expired (a screenshot of an e-pass), forged or revoked for a QR code; null for other events. */
  passCheck: Type.Union([Type.Enum(['valid', 'expired', 'forged', 'revoked']), Type.Null()]),
  personName: NullableString,
  temperature: Type.Union([Type.Number(), Type.Null()]),
  decision: Type.String(),
  action: Type.String(),
  ruleId: NullableString,
  ruleKind: NullableString,
  ruleSource: Type.Union([Type.Enum(['compound', 'jurisdiction', 'default']), Type.Null()]),
  alertId: NullableString,
  pictureIds: Type.Array(Type.String()),
});
export const GateEventList = Type.Object({ items: Type.Array(GateEventItem) });
