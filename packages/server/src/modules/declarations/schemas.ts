import { type Static, Type } from 'typebox';
import { JurisdictionCode, Pagination, Timestamp } from '../../http/common-schemas.js';
import { FOLLOW_UP_STATUSES } from './follow-up-repository.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);

/**
 * A window key, the day in China and the window's number from 1: "2026-12-05/1".
 * The form is checked by the service, whose message repeats the key and states the form.
 */
export const WindowKey = Type.String({ minLength: 1, maxLength: 13, examples: ['2026-12-05/1'] });

/** Maximum number of days of one completion report. */
export const MAX_COMPLETION_DAYS = 31;

/** Maximum number of persons one reminder request sends to; the response counts those remaining. */
export const MAX_REMINDERS_PER_REQUEST = 2000;

/** Reminder requests a user may send per minute. */
export const REMINDER_REQUESTS_PER_MINUTE = 10;

export const FollowUpWindow = Type.Object({
  key: Type.String(),
  day: Type.String(),
  /** The window's number in the day, from 1. */
  number: Type.Integer(),
  start: Type.String(),
  end: Type.String(),
  opensAt: Timestamp,
  closesAt: Timestamp,
  open: Type.Boolean(),
  /** True for the open window or, between windows, the last closed one: the windows reminders are sent for. */
  current: Type.Boolean(),
});
export type FollowUpWindowResult = Static<typeof FollowUpWindow>;

export const FollowUpQuery = Type.Object({
  nodeCode: Type.Optional(JurisdictionCode),
  window: Type.Optional(WindowKey),
});

export const FollowUpPersonsQuery = Type.Object({
  nodeCode: Type.Optional(JurisdictionCode),
  window: Type.Optional(WindowKey),
  status: Type.Optional(Type.Enum(FOLLOW_UP_STATUSES, { default: 'all' })),
  ...Pagination,
});

const counts = {
  expected: Type.Integer({ description: 'Persons who must declare in the window' }),
  declared: Type.Integer({ description: 'Of those, persons who declared' }),
  missing: Type.Integer({ description: 'Of those, persons who have not declared' }),
  abnormal: Type.Integer({ description: 'Declarations with a temperature of 37.3 °C or more, or a symptom' }),
  late: Type.Integer({ description: 'Declarations sent after the window closed' }),
  reminded: Type.Integer({ description: 'Missing persons already reminded for the window' }),
};

export const FollowUpCounts = Type.Object(counts);

export const FollowUpGroup = Type.Object({
  communityCode: Type.String(),
  communityName: Type.String(),
  /** Null for the persons of the community who belong to no grid. */
  gridCode: NullableString,
  gridName: NullableString,
  ...counts,
});

export const FollowUpNode = Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() });

export const FollowUpSummary = Type.Object({
  node: FollowUpNode,
  window: FollowUpWindow,
  /** Every window of the chosen day, for the window picker. */
  windowsOfDay: Type.Array(FollowUpWindow),
  counts: FollowUpCounts,
  groups: Type.Array(FollowUpGroup),
});

export const FollowUpDeclaration = Type.Object({
  id: Type.String(),
  declaredAt: Timestamp,
  updatedAt: Timestamp,
  /** Degrees Celsius with one decimal. */
  temperature: Type.Number(),
  symptoms: Type.Array(Type.String()),
  location: NullableString,
  late: Type.Boolean(),
  abnormal: Type.Boolean(),
});

export const FollowUpPerson = Type.Object({
  personId: Type.String(),
  name: Type.String(),
  documentMasked: Type.String(),
  phoneMasked: NullableString,
  communityCode: Type.String(),
  gridCode: NullableString,
  declaration: Type.Union([FollowUpDeclaration, Type.Null()]),
  remindedAt: Type.Union([Timestamp, Type.Null()]),
});

export const FollowUpPersonList = Type.Object({
  window: FollowUpWindow,
  items: Type.Array(FollowUpPerson),
  total: Type.Integer(),
});

/** Either the persons to remind, or a node whose missing persons are all reminded. */
export const ReminderBody = Type.Object({
  personIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 500 })),
  nodeCode: Type.Optional(JurisdictionCode),
  window: Type.Optional(WindowKey),
});
export type ReminderInput = Static<typeof ReminderBody>;

export const ReminderResult = Type.Object({
  window: FollowUpWindow,
  sent: Type.Integer(),
  skipped: Type.Object({
    declared: Type.Integer({ description: 'Already declared for the window' }),
    alreadyReminded: Type.Integer({ description: 'Reminded for the window before; one reminder per person and window' }),
    notRequired: Type.Integer({ description: 'Not among the persons who must declare' }),
    noPhone: Type.Integer({ description: 'No phone number in the person file' }),
    failed: Type.Integer({ description: 'The SMS gateway rejected the message; a later request tries again' }),
  }),
  /** Missing persons left over beyond the per-request maximum; send the request again for them. */
  remaining: Type.Integer(),
});
export type ReminderOutcome = Static<typeof ReminderResult>;

export const CompletionQuery = Type.Object({
  nodeCode: Type.Optional(JurisdictionCode),
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
});

export const CompletionRow = Type.Object({
  day: Type.String(),
  windowKey: Type.String(),
  number: Type.Integer(),
  start: Type.String(),
  end: Type.String(),
  expected: Type.Integer(),
  declared: Type.Integer(),
  late: Type.Integer(),
  abnormal: Type.Integer(),
  /** declared / expected, from 0 to 1 with four decimals; null when no person had to declare. */
  rate: Type.Union([Type.Number(), Type.Null()]),
});

export const CompletionReport = Type.Object({
  node: FollowUpNode,
  from: Type.String(),
  to: Type.String(),
  rows: Type.Array(CompletionRow),
});
