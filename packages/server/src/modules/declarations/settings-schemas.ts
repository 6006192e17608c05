import { MAX_QUARANTINE_DAYS, MIN_QUARANTINE_DAYS } from '@cordon/core';
import { type Static, Type } from 'typebox';
import { NullableTimestamp } from '../../http/common-schemas.js';
import { MAX_ARRIVAL_DAYS, MAX_LINK_DAYS } from './settings.js';

/** A window's times are checked by @cordon/core, so that a bad one gets a message naming the window. */
const WindowTimes = Type.Object({ start: Type.String({ maxLength: 10 }), end: Type.String({ maxLength: 10 }) });

const DeclarationScopeSchema = Type.Object({
  homeQuarantine: Type.Boolean(),
  sites: Type.Boolean(),
  arrivalsWithinDays: Type.Integer({ minimum: 0, maximum: MAX_ARRIVAL_DAYS }),
});

export const DeclarationSettingsResponse = Type.Object({
  windows: Type.Array(WindowTimes),
  scope: DeclarationScopeSchema,
  linkDays: Type.Integer(),
  quarantineDays: Type.Integer(),
  updatedAt: NullableTimestamp,
});

/** Absent parts stay as they are. */
export const UpdateDeclarationSettingsBody = Type.Object({
  // No maxItems: the schema's message would count items as characters, and the core rejects more than 12 windows by name.
  windows: Type.Optional(Type.Array(WindowTimes)),
  scope: Type.Optional(DeclarationScopeSchema),
  linkDays: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LINK_DAYS })),
  quarantineDays: Type.Optional(Type.Integer({ minimum: MIN_QUARANTINE_DAYS, maximum: MAX_QUARANTINE_DAYS })),
});
export type UpdateDeclarationSettingsInput = Static<typeof UpdateDeclarationSettingsBody>;
