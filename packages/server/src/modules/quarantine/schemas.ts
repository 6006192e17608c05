import {
  MAX_EXTENSION_DAYS,
  MAX_QUARANTINE_DAYS,
  MIN_EXTENSION_DAYS,
  MIN_QUARANTINE_DAYS,
  OBSERVATION_PERIODS,
  OBSERVATION_SYMPTOMS,
  QUARANTINE_STATUSES,
} from '@cordon/core';
import { type Static, Type } from 'typebox';
import { JurisdictionCode, NullableTimestamp, Pagination, Timestamp } from '../../http/common-schemas.js';

/**
 * State of a quarantine today. Active ones are split by their planned end
 * (today, tomorrow, already past), and ended ones keep their status.
 */
export const QUARANTINE_PHASES = ['active', 'ending_today', 'ending_tomorrow', 'overdue', 'released', 'ended_early'] as const;
export type QuarantinePhase = (typeof QUARANTINE_PHASES)[number];

/** Tabs of the list: every active one, those ending today or tomorrow, the overdue, and the ended. */
export const QUARANTINE_VIEWS = ['active', 'ending_today', 'ending_tomorrow', 'overdue', 'released', 'ended_early', 'all'] as const;
export type QuarantineView = (typeof QUARANTINE_VIEWS)[number];

export const CHANGE_KINDS = ['extended', 'ended_early', 'released'] as const;

/** Maximum range of the calendar, in days: two months. */
export const MAX_CALENDAR_DAYS = 62;
/** How far back a quarantine that began before it was entered may start, in days. */
export const MAX_START_DAYS_BACK = 30;
export const REASON_MAX_LENGTH = 200;
export const NOTE_MAX_LENGTH = 500;

const NullableString = Type.Union([Type.String(), Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const IsoDate = Type.String({ format: 'date' });
const Reason = Type.String({ minLength: 1, maxLength: REASON_MAX_LENGTH });

export const StartQuarantineBody = Type.Object(
  {
    personId: Uuid,
    /** First day (day 1) in China; today when absent. */
    startOn: Type.Optional(IsoDate),
    /** Length in days; the `quarantine.days` setting (default 14) when absent. */
    days: Type.Optional(Type.Integer({ minimum: MIN_QUARANTINE_DAYS, maximum: MAX_QUARANTINE_DAYS })),
    reason: Reason,
    /** Place of quarantine, at most one of the three; the person's room or place when none is given. */
    roomId: Type.Optional(Uuid),
    placeId: Type.Optional(Uuid),
    addressText: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type StartQuarantineInput = Static<typeof StartQuarantineBody>;

export const ExtendQuarantineBody = Type.Object(
  { days: Type.Integer({ minimum: MIN_EXTENSION_DAYS, maximum: MAX_EXTENSION_DAYS }), reason: Reason },
  { additionalProperties: false },
);

export const EndEarlyBody = Type.Object({ reason: Reason }, { additionalProperties: false });

export const ReleaseBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: REASON_MAX_LENGTH })) },
  { additionalProperties: false },
);

export const ObservationBody = Type.Object(
  {
    /** Day of the observation in China; today when absent. */
    observedOn: Type.Optional(IsoDate),
    period: Type.Enum(OBSERVATION_PERIODS),
    /** Degrees Celsius, 35.0 to 42.0 with one decimal; the service checks the range to name it in the error. */
    temperature: Type.Number(),
    symptoms: Type.Array(Type.Enum(OBSERVATION_SYMPTOMS), { maxItems: OBSERVATION_SYMPTOMS.length }),
    note: Type.Optional(Type.String({ maxLength: NOTE_MAX_LENGTH })),
  },
  { additionalProperties: false },
);
export type ObservationInput = Static<typeof ObservationBody>;

export const QuarantineListQuery = Type.Object({
  view: Type.Optional(Type.Enum(QUARANTINE_VIEWS, { default: 'active' })),
  nodeCode: Type.Optional(JurisdictionCode),
  personId: Type.Optional(Uuid),
  /** Start of the person's name. */
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  /** Day the quarantine was released or ended early, for the list of a day's releases. */
  endedOn: Type.Optional(IsoDate),
  ...Pagination,
});

export const CalendarQuery = Type.Object({
  from: IsoDate,
  to: IsoDate,
  nodeCode: Type.Optional(JurisdictionCode),
});

export const EndingQuery = Type.Object({
  /** Day in China whose planned ends are listed; today when absent. */
  day: Type.Optional(IsoDate),
  nodeCode: Type.Optional(JurisdictionCode),
  ...Pagination,
});

export const ReleaseNoticesQuery = Type.Object({
  day: IsoDate,
  nodeCode: Type.Optional(JurisdictionCode),
});

export const QuarantineSummary = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  personName: Type.String(),
  documentMasked: Type.String(),
  phoneMasked: NullableString,
  communityCode: Type.String(),
  communityName: Type.String(),
  gridCode: NullableString,
  startOn: Type.String(),
  plannedEndOn: Type.String(),
  /** Planned length in days, the start day counted as day 1. */
  days: Type.Integer(),
  /** Number of today in the quarantine (1 on the start day); null once it has ended. */
  dayNumber: Type.Union([Type.Integer(), Type.Null()]),
  status: Type.Enum(QUARANTINE_STATUSES),
  phase: Type.Enum(QUARANTINE_PHASES),
  addressText: Type.String(),
  endedOn: NullableString,
});

export const QuarantineList = Type.Object({ items: Type.Array(QuarantineSummary), total: Type.Integer(), today: Type.String() });

export const QuarantineChange = Type.Object({
  kind: Type.Enum(CHANGE_KINDS),
  previousEndOn: Type.String(),
  newEndOn: Type.String(),
  days: Type.Union([Type.Integer(), Type.Null()]),
  reason: NullableString,
  changedBy: NullableString,
  changedByName: NullableString,
  changedAt: Timestamp,
});

export const QuarantineDetail = Type.Object({
  ...QuarantineSummary.properties,
  preferredLanguage: Type.String(),
  roomId: NullableString,
  placeId: NullableString,
  reason: Type.String(),
  startedBy: NullableString,
  startedByName: NullableString,
  endedAt: NullableTimestamp,
  endedBy: NullableString,
  endReason: NullableString,
  noticeNumber: NullableString,
  releaseNoticeNumber: NullableString,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  changes: Type.Array(QuarantineChange),
});
export type QuarantineDetailResult = Static<typeof QuarantineDetail>;

export const Observation = Type.Object({
  id: Type.String(),
  quarantineId: Type.String(),
  observedOn: Type.String(),
  /** Day of the quarantine the observation was made on, 1 on the start day. */
  dayNumber: Type.Integer(),
  period: Type.Enum(OBSERVATION_PERIODS),
  temperature: Type.Number(),
  symptoms: Type.Array(Type.String()),
  /** A temperature of 37.3 °C or more, or any symptom. */
  abnormal: Type.Boolean(),
  observedBy: Type.String(),
  observedByName: NullableString,
  note: NullableString,
  createdAt: Timestamp,
});

export const ObservationList = Type.Object({ items: Type.Array(Observation) });

export const CalendarResult = Type.Object({
  from: Type.String(),
  to: Type.String(),
  today: Type.String(),
  /** Active quarantines whose planned end is the day; days without any are left out. */
  days: Type.Array(Type.Object({ day: Type.String(), count: Type.Integer() })),
});

export const EndingList = Type.Object({ day: Type.String(), items: Type.Array(QuarantineSummary), total: Type.Integer() });
