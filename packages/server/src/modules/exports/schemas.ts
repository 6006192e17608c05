import { LOCALES } from '@cordon/core';
import { type Static, Type } from 'typebox';
import { RegistrationFilterQuery } from '../checkpoints/read-schemas.js';
import { PersonListQuery } from '../persons/schemas.js';

/** Filters of the person list, plus the choice of full numbers and the reason for it. */
export const PersonExportQuery = Type.Object({
  q: PersonListQuery.properties.q,
  communityCode: PersonListQuery.properties.communityCode,
  keyPerson: PersonListQuery.properties.keyPerson,
  closeContact: PersonListQuery.properties.closeContact,
  riskLevel: PersonListQuery.properties.riskLevel,
  /** True writes full document and phone numbers; only office roles may ask, with a reason. */
  unmasked: Type.Optional(Type.Boolean()),
  reason: Type.Optional(Type.String({ minLength: 2, maxLength: 200 })),
  /** Language of headers and values; overrides Accept-Language, which a plain download link cannot set. */
  lang: Type.Optional(Type.Enum(LOCALES)),
});
export type PersonExportQuery = Omit<Static<typeof PersonExportQuery>, 'lang'>;

/** Filters of the checkpoint registration list; the export has masked numbers only. */
export const RegistrationExportQuery = Type.Object({
  ...RegistrationFilterQuery,
  lang: PersonExportQuery.properties.lang,
});
