import { MAX_ADDRESS_TEXT_LENGTH } from '@cordon/core';
import { Type } from 'typebox';
import { JurisdictionCode, Pagination, Timestamp } from '../../http/common-schemas.js';

/** Kinds of free-form addresses kept outside compounds. */
export const PLACE_KINDS = ['village_house', 'shop', 'enterprise', 'other'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const Compound = Type.Object({
  id: Type.String(),
  communityCode: Type.String(),
  communityName: Type.String(),
  gridCode: NullableString,
  gridName: NullableString,
  name: Type.String(),
  buildingCount: Type.Integer(),
  roomCount: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const BuildingSummary = Type.Object({
  id: Type.String(),
  number: Type.String(),
  unitCount: Type.Integer(),
  roomCount: Type.Integer(),
});

export const CompoundDetail = Type.Object({ ...Compound.properties, buildings: Type.Array(BuildingSummary) });

export const CompoundList = Type.Object({ items: Type.Array(Compound), total: Type.Integer() });

export const CompoundListQuery = Type.Object({
  communityCode: Type.Optional(JurisdictionCode),
  q: Type.Optional(Type.String({ maxLength: 50 })),
  ...Pagination,
});

export const CreateCompoundBody = Type.Object({
  communityCode: JurisdictionCode,
  name: Type.String({ minLength: 1, maxLength: 50 }),
  gridCode: Type.Optional(JurisdictionCode),
});

export const UpdateCompoundBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    /** The grid of the community that the compound belongs to; null takes it off its grid. */
    gridCode: Type.Optional(Type.Union([JurisdictionCode, Type.Null()])),
  },
  { minProperties: 1 },
);

/** A list of numbers and ranges such as "1-30,32", read by expandNumberRange of @cordon/core. */
const RangeSpec = Type.String({ minLength: 1, maxLength: 200 });

export const GenerateBody = Type.Object({
  buildings: RangeSpec,
  units: RangeSpec,
  floors: RangeSpec,
  roomsPerFloor: RangeSpec,
  skipFloors: Type.Optional(RangeSpec),
  skipBuildings: Type.Optional(RangeSpec),
});

export const GenerateResult = Type.Object({
  buildings: Type.Integer({ description: 'Buildings created' }),
  units: Type.Integer({ description: 'Units created' }),
  rooms: Type.Integer({ description: 'Rooms created' }),
  skipped: Type.Integer({ description: 'Requested rooms that already existed and were left as they are' }),
});

export const Room = Type.Object({
  id: Type.String(),
  number: Type.String(),
  floor: Type.Integer(),
  unitId: Type.String(),
  unitNumber: Type.String(),
  buildingId: Type.String(),
  buildingNumber: Type.String(),
  compoundId: Type.String(),
  compoundName: Type.String(),
  communityCode: Type.String(),
  communityName: Type.String(),
  gridCode: NullableString,
  /** Full address, e.g. "金色里程3幢2单元1202室". */
  text: Type.String(),
});

export const BuildingRooms = Type.Object({
  id: Type.String(),
  number: Type.String(),
  compoundId: Type.String(),
  compoundName: Type.String(),
  units: Type.Array(
    Type.Object({
      id: Type.String(),
      number: Type.String(),
      floors: Type.Array(
        Type.Object({
          floor: Type.Integer(),
          rooms: Type.Array(Type.Object({ id: Type.String(), number: Type.String() })),
        }),
      ),
    }),
  ),
});

export const Place = Type.Object({
  id: Type.String(),
  communityCode: Type.String(),
  communityName: Type.String(),
  gridCode: NullableString,
  gridName: NullableString,
  kind: Type.Enum(PLACE_KINDS),
  text: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const PlaceList = Type.Object({ items: Type.Array(Place), total: Type.Integer() });

export const PlaceListQuery = Type.Object({
  communityCode: Type.Optional(JurisdictionCode),
  kind: Type.Optional(Type.Enum(PLACE_KINDS)),
  q: Type.Optional(Type.String({ maxLength: 50 })),
  ...Pagination,
});

export const CreatePlaceBody = Type.Object({
  communityCode: JurisdictionCode,
  kind: Type.Enum(PLACE_KINDS),
  text: Type.String({ minLength: 1, maxLength: 200 }),
  gridCode: Type.Optional(JurisdictionCode),
});

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: MAX_ADDRESS_TEXT_LENGTH }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export const SearchHit = Type.Object({
  type: Type.Union([Type.Literal('room'), Type.Literal('place')]),
  id: Type.String(),
  /** Display text: compound name and room address, or the place's own text. */
  text: Type.String(),
  communityCode: Type.String(),
  communityName: Type.String(),
  /** Kind of a place; null for a room. */
  placeKind: NullableString,
});

export const SearchResult = Type.Object({ items: Type.Array(SearchHit) });

/** Lowest and highest floor a room may be on; negative floors are basements. */
export const MIN_FLOOR = -9;
export const MAX_FLOOR = 99;

/** An edit of a room: absent fields stay as they are. */
export const UpdateRoomBody = Type.Object({
  number: Type.Optional(Type.String({ minLength: 1, maxLength: 16 })),
  floor: Type.Optional(Type.Integer({ minimum: MIN_FLOOR, maximum: MAX_FLOOR })),
});

/** An edit of a place: absent fields stay as they are. */
export const UpdatePlaceBody = Type.Object({
  kind: Type.Optional(Type.Enum(PLACE_KINDS)),
  text: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});
