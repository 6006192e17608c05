import { RISK_ENTRY_KINDS, RISK_LEVELS } from '@cordon/core';
import { type Static, Type } from 'typebox';
import { Timestamp } from '../../http/common-schemas.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);
const CalendarDate = Type.String({ format: 'date' });
const Note = Type.String({ maxLength: 200 });

export const RiskLevelSchema = Type.Enum(RISK_LEVELS);

/** A region code or plate prefix as typed. The service normalises it with validateRiskEntry of @cordon/core. */
const EntryValue = Type.String({ minLength: 1, maxLength: 16 });

export const CreateRiskRegionBody = Type.Object({
  kind: Type.Enum(RISK_ENTRY_KINDS),
  value: EntryValue,
  level: RiskLevelSchema,
  effectiveFrom: CalendarDate,
  effectiveTo: Type.Optional(Type.Union([CalendarDate, Type.Null()])),
  note: Type.Optional(Type.Union([Note, Type.Null()])),
});
export type CreateRiskRegionInput = Static<typeof CreateRiskRegionBody>;

/** An edit: absent fields stay as they are, and null clears the end date or the note. */
export const UpdateRiskRegionBody = Type.Partial(CreateRiskRegionBody);
export type UpdateRiskRegionInput = Static<typeof UpdateRiskRegionBody>;

export const RiskRegion = Type.Object({
  id: Type.String(),
  kind: Type.Enum(RISK_ENTRY_KINDS),
  value: Type.String(),
  /** Names from the province down to the region of a region entry, or empty for a plate prefix or an unknown code. */
  valueName: Type.Array(Type.String()),
  level: RiskLevelSchema,
  effectiveFrom: Type.String(),
  effectiveTo: NullableString,
  note: NullableString,
  /** True when today's China calendar date lies within the entry's dates. */
  effectiveToday: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const RiskRegionList = Type.Object({ items: Type.Array(RiskRegion) });

export const RiskRegionListQuery = Type.Object({
  kind: Type.Optional(Type.Enum(RISK_ENTRY_KINDS)),
  level: Type.Optional(RiskLevelSchema),
  /** Limits the list to entries in effect today. */
  effectiveToday: Type.Optional(Type.Boolean()),
});

export const RegionSearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 32 }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
});

export const RegionSearchResult = Type.Object({
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      /** Names from the province down to this region. */
      pathNames: Type.Array(Type.String()),
      level: Type.String(),
    }),
  ),
});
