import { IDENTITY_DOCUMENT_TYPES } from '@cordon/core';
import { type Static, Type } from 'typebox';
import { JurisdictionCode, Pagination, Timestamp } from '../../http/common-schemas.js';
import { HOUSEHOLD_ROLES, PREFERRED_LANGUAGES } from '../persons/schemas.js';

export const VISIT_OUTCOMES = ['screened', 'nobody_home', 'refused'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

/** Symptoms a grid worker ticks at the door; 'none' excludes the others. */
export const SYMPTOMS = [
  'fever',
  'cough',
  'sore_throat',
  'fatigue',
  'shortness_of_breath',
  'diarrhoea',
  'loss_of_smell_or_taste',
  'none',
] as const;

/** Status of a room on the building page, from its latest visit. */
export const ROOM_STATUSES = ['not_visited', 'screened', 'nobody_home', 'revisit_due', 'refused'] as const;

/** Maximum visits in one batch: a phone sends its queue in chunks of this size. */
export const MAX_BATCH_VISITS = 100;

const NullableString = Type.Union([Type.String(), Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const IsoDate = Type.String({ format: 'date' });

/** A person met at the door who has no file yet, or whose file is found by the document. */
export const NewVisitPerson = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 50 }),
  documentType: Type.Optional(Type.Enum(IDENTITY_DOCUMENT_TYPES)),
  documentNumber: Type.String({ minLength: 1, maxLength: 64 }),
  nationality: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
  preferredLanguage: Type.Optional(Type.Enum(PREFERRED_LANGUAGES)),
  phone: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  householdRole: Type.Optional(Type.Enum(HOUSEHOLD_ROLES)),
});

/** One person of a visit: an existing file (`personId`) or a new person (`person`), never both. */
export const VisitPersonBody = Type.Object({
  personId: Type.Optional(Uuid),
  person: Type.Optional(NewVisitPerson),
  present: Type.Boolean(),
  /** Degrees Celsius, 35.0 to 42.0 with one decimal; the service checks the range to name it in the error. */
  temperature: Type.Optional(Type.Number()),
  symptoms: Type.Optional(Type.Array(Type.Enum(SYMPTOMS), { maxItems: SYMPTOMS.length })),
  arrivalDate: Type.Optional(IsoDate),
  originRegionCode: Type.Optional(Type.String({ minLength: 2, maxLength: 16 })),
});
export type VisitPersonInput = Static<typeof VisitPersonBody>;

export const CreateVisitBody = Type.Object({
  /** Generated on the phone when the visit is saved, and sent unchanged on every retry. */
  id: Uuid,
  roomId: Type.Optional(Uuid),
  placeId: Type.Optional(Uuid),
  visitedAt: Type.String({ format: 'date-time' }),
  outcome: Type.Enum(VISIT_OUTCOMES),
  revisitOn: Type.Optional(IsoDate),
  notes: Type.Optional(Type.String({ maxLength: 500 })),
  persons: Type.Array(VisitPersonBody, { maxItems: 30, default: [] }),
});
export type CreateVisitInput = Static<typeof CreateVisitBody>;

export const VisitPerson = Type.Object({
  personId: Type.String(),
  name: Type.String(),
  documentMasked: Type.String(),
  present: Type.Boolean(),
  temperature: Type.Union([Type.Number(), Type.Null()]),
  symptoms: Type.Array(Type.String()),
  arrivalDate: NullableString,
  originRegionCode: NullableString,
});

export const Visit = Type.Object({
  id: Type.String(),
  roomId: NullableString,
  placeId: NullableString,
  buildingId: NullableString,
  communityCode: Type.String(),
  gridCode: NullableString,
  visitedBy: Type.String(),
  visitedAt: Timestamp,
  outcome: Type.Enum(VISIT_OUTCOMES),
  revisitOn: NullableString,
  notes: NullableString,
  createdAt: Timestamp,
  persons: Type.Array(VisitPerson),
});
export type VisitResult = Static<typeof Visit>;

/** Visits are validated one by one, so the batch schema accepts any value in the list. */
export const BatchBody = Type.Object({
  visits: Type.Array(Type.Unknown(), { minItems: 1, maxItems: MAX_BATCH_VISITS }),
});

export const BatchItemResult = Type.Object({
  /** The visit's id, or null when the item had no valid id. */
  id: NullableString,
  /** The status a single POST of this visit would have returned: 201, 200, 4xx. */
  status: Type.Integer(),
  visit: Type.Optional(Visit),
  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) })),
});

export const BatchResult = Type.Object({ results: Type.Array(BatchItemResult) });

/** Filters of the progress lists: a jurisdiction node inside the caller's scope. */
export const ProgressQuery = Type.Object({
  nodeCode: Type.Optional(JurisdictionCode),
  ...Pagination,
});

const progressCounts = {
  roomCount: Type.Integer({ description: 'Rooms in total' }),
  visitedCount: Type.Integer({ description: 'Rooms with at least one visit' }),
  screenedCount: Type.Integer({ description: 'Rooms whose latest visit is a completed screening' }),
  nobodyHomeCount: Type.Integer({ description: 'Rooms whose latest visit found nobody home, pending a revisit' }),
  refusedCount: Type.Integer({ description: 'Rooms whose latest visit was refused' }),
  revisitDueCount: Type.Integer({ description: 'Rooms found empty whose revisit day is today or earlier' }),
};

export const BuildingProgress = Type.Object({
  id: Type.String(),
  number: Type.String(),
  compoundId: Type.String(),
  compoundName: Type.String(),
  communityCode: Type.String(),
  communityName: Type.String(),
  gridCode: NullableString,
  ...progressCounts,
});

export const BuildingProgressList = Type.Object({ items: Type.Array(BuildingProgress), total: Type.Integer() });

export const CommunityProgress = Type.Object({
  communityCode: Type.String(),
  communityName: Type.String(),
  buildingCount: Type.Integer(),
  ...progressCounts,
});

export const CommunityProgressList = Type.Object({ items: Type.Array(CommunityProgress) });

export const RoomPerson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  documentMasked: Type.String(),
  phoneMasked: NullableString,
  householdRole: NullableString,
});

export const LatestVisit = Type.Object({
  id: Type.String(),
  outcome: Type.Enum(VISIT_OUTCOMES),
  visitedAt: Timestamp,
  revisitOn: NullableString,
});

export const BuildingDetail = Type.Object({
  id: Type.String(),
  number: Type.String(),
  compoundId: Type.String(),
  compoundName: Type.String(),
  communityCode: Type.String(),
  communityName: Type.String(),
  gridCode: NullableString,
  /** Today in China (YYYY-MM-DD), the day revisit dates are compared with. */
  today: Type.String(),
  units: Type.Array(
    Type.Object({
      id: Type.String(),
      number: Type.String(),
      floors: Type.Array(
        Type.Object({
          floor: Type.Integer(),
          rooms: Type.Array(
            Type.Object({
              id: Type.String(),
              number: Type.String(),
              status: Type.Enum(ROOM_STATUSES),
              latestVisit: Type.Union([LatestVisit, Type.Null()]),
              persons: Type.Array(RoomPerson),
            }),
          ),
        }),
      ),
    }),
  ),
});

export const Revisit = Type.Object({
  visitId: Type.String(),
  roomId: NullableString,
  placeId: NullableString,
  buildingId: NullableString,
  /** Full address of the room or the place's text. */
  addressText: Type.String(),
  communityCode: Type.String(),
  communityName: Type.String(),
  revisitOn: Type.String(),
  visitedAt: Timestamp,
});

export const RevisitList = Type.Object({ items: Type.Array(Revisit), total: Type.Integer() });
