import type { Insertable } from 'kysely';
import type { Actor, ServiceContext } from '../../context/types.js';
import type { PersonTable } from '../../db/schema.js';
import { AppError } from '../../errors/app-error.js';
import {
  checkArrivalDate,
  cleanNotes,
  cleanOptional,
  documentColumnsOf,
  parseOriginRegion,
  phoneColumnsOf,
  requireName,
  resolveMarker,
} from './input.js';
import { checkLocation } from './location.js';
import type { UpdatePersonInput } from './schemas.js';

/** Columns a registration or an edit writes: every column except id, source, the timestamps and the merge link. */
export type PersonColumns = Omit<Insertable<PersonTable>, 'id' | 'source' | 'created_at' | 'updated_at' | 'merged_into_id' | 'merged_at'>;
export type PersonRow = PersonTable;

/** The request field each column comes from, for the audit log. */
const FIELD_OF_COLUMN: Record<keyof PersonColumns, string> = {
  name: 'name',
  document_type: 'documentType',
  document_number_enc: 'documentNumber',
  document_index: 'documentNumber',
  document_masked: 'documentNumber',
  birth_date: 'documentNumber',
  sex: 'documentNumber',
  document_region_code: 'documentNumber',
  phone_enc: 'phone',
  phone_index: 'phone',
  phone_masked: 'phone',
  nationality: 'nationality',
  preferred_language: 'preferredLanguage',
  community_code: 'communityCode',
  grid_code: 'gridCode',
  room_id: 'roomId',
  place_id: 'placeId',
  household_role: 'householdRole',
  origin_region_code: 'originRegionCode',
  arrival_date: 'arrivalDate',
  travel_mode: 'travelMode',
  travel_number: 'travelNumber',
  key_person: 'keyPerson',
  key_person_reason: 'keyPersonReason',
  close_contact: 'closeContact',
  close_contact_reason: 'closeContactReason',
  notes: 'notes',
};

/** Returns the request's value when present (null included), else the stored value, else null. */
function pick<T>(requested: T | null | undefined, stored: T | null | undefined): T | null {
  if (requested !== undefined) return requested;
  return stored ?? null;
}

function documentOf(ctx: ServiceContext, input: UpdatePersonInput, current: PersonRow | undefined) {
  if (input.documentNumber === undefined) {
    if (input.documentType !== undefined) throw new AppError('FIELD_REQUIRED', 'documentNumber');
    if (!current) throw new AppError('FIELD_REQUIRED', 'documentNumber');
    return { countryCode: undefined, columns: undefined };
  }
  return documentColumnsOf(ctx.keys, input.documentNumber, input.documentType, input.nationality ?? current?.nationality);
}

/**
 * Merges a request into the stored file (none for a new one) and validates
 * the result. Moving a file to another community drops the grid, room and
 * place the request does not give again, as they belong to the old community.
 */
export async function buildPersonColumns(
  ctx: ServiceContext,
  actor: Actor,
  input: UpdatePersonInput,
  current: PersonRow | undefined,
): Promise<PersonColumns> {
  const name = input.name === undefined ? current?.name : requireName(input.name);
  if (name === undefined) throw new AppError('FIELD_REQUIRED', 'name');
  const document = documentOf(ctx, input, current);
  const phone = input.phone === undefined ? undefined : phoneColumnsOf(ctx.keys, input.phone);

  const communityCode = input.communityCode ?? current?.community_code;
  if (communityCode === undefined) throw new AppError('FIELD_REQUIRED', 'communityCode');
  const sameCommunityRow = current && current.community_code === communityCode ? current : undefined;
  const location = {
    communityCode,
    gridCode: pick(input.gridCode, sameCommunityRow?.grid_code),
    roomId: pick(input.roomId, sameCommunityRow?.room_id),
    placeId: pick(input.placeId, sameCommunityRow?.place_id),
  };
  await checkLocation(ctx, actor, location);

  const keyPerson = resolveMarker(
    { flag: input.keyPerson, reason: input.keyPersonReason },
    { flag: current?.key_person === 1, reason: current?.key_person_reason ?? null },
    'keyPersonReason',
  );
  const closeContact = resolveMarker(
    { flag: input.closeContact, reason: input.closeContactReason },
    { flag: current?.close_contact === 1, reason: current?.close_contact_reason ?? null },
    'closeContactReason',
  );

  return {
    name,
    ...(document.columns ?? {
      document_type: current?.document_type as string,
      document_number_enc: current?.document_number_enc as string,
      document_index: current?.document_index as string,
      document_masked: current?.document_masked as string,
      birth_date: current?.birth_date ?? null,
      sex: current?.sex ?? null,
      document_region_code: current?.document_region_code ?? null,
    }),
    ...(phone ?? {
      phone_enc: current?.phone_enc ?? null,
      phone_index: current?.phone_index ?? null,
      phone_masked: current?.phone_masked ?? null,
    }),
    // A passport or permanent residence card names the nationality when the request does not.
    nationality:
      input.nationality ?? (input.documentNumber === undefined ? undefined : document.countryCode) ?? current?.nationality ?? 'CHN',
    preferred_language: input.preferredLanguage ?? current?.preferred_language ?? 'zh-CN',
    community_code: location.communityCode,
    grid_code: location.gridCode,
    room_id: location.roomId,
    place_id: location.placeId,
    household_role: pick(input.householdRole, current?.household_role),
    origin_region_code:
      input.originRegionCode === undefined ? (current?.origin_region_code ?? null) : parseOriginRegion(input.originRegionCode),
    arrival_date: input.arrivalDate === undefined ? (current?.arrival_date ?? null) : checkArrivalDate(input.arrivalDate),
    travel_mode: pick(input.travelMode, current?.travel_mode),
    travel_number: input.travelNumber === undefined ? (current?.travel_number ?? null) : cleanOptional(input.travelNumber),
    key_person: keyPerson.flag,
    key_person_reason: keyPerson.reason,
    close_contact: closeContact.flag,
    close_contact_reason: closeContact.reason,
    notes: input.notes === undefined ? (current?.notes ?? null) : cleanNotes(input.notes),
  };
}

/**
 * Columns whose value differs from the stored row, and the request fields
 * they come from. Ciphertexts differ on every encryption, so an encrypted
 * value counts as changed only when its blind index does.
 */
export function diffPersonColumns(current: PersonRow, next: PersonColumns) {
  const changes: Partial<PersonColumns> = {};
  const fields = new Set<string>();
  for (const column of Object.keys(FIELD_OF_COLUMN) as Array<keyof PersonColumns>) {
    if (column === 'document_number_enc' || column === 'phone_enc') continue;
    if ((next[column] ?? null) === (current[column] ?? null)) continue;
    (changes as Record<string, unknown>)[column] = next[column];
    fields.add(FIELD_OF_COLUMN[column]);
  }
  if ('document_index' in changes) changes.document_number_enc = next.document_number_enc;
  if ('phone_index' in changes) changes.phone_enc = next.phone_enc;
  return { changes, fields: [...fields] };
}

/** Request fields a new file was created with, for the audit log. */
export function fieldsOfNewPerson(columns: PersonColumns): string[] {
  const fields = new Set<string>();
  for (const column of Object.keys(FIELD_OF_COLUMN) as Array<keyof PersonColumns>) {
    const value = columns[column];
    if (value === null || value === undefined || value === 0) continue;
    fields.add(FIELD_OF_COLUMN[column]);
  }
  return [...fields];
}
