import type { Kysely } from 'kysely';
import type { Scope } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { filteredPersonQuery, type PersonFilter } from '../persons/repository.js';

const EXPORT_COLUMNS = [
  'persons.id',
  'persons.name',
  'persons.document_type',
  'persons.document_number_enc',
  'persons.document_masked',
  'persons.phone_enc',
  'persons.phone_masked',
  'persons.birth_date',
  'persons.sex',
  'persons.nationality',
  'persons.household_role',
  'persons.origin_region_code',
  'persons.arrival_date',
  'persons.travel_mode',
  'persons.travel_number',
  'persons.key_person',
  'persons.key_person_reason',
  'persons.close_contact',
  'persons.close_contact_reason',
  'persons.notes',
  'persons.source',
  'persons.updated_at',
  'community.name as community_name',
  'grid.name as grid_name',
  'compounds.name as compound_name',
  'buildings.number as building_number',
  'units.number as unit_number',
  'rooms.number as room_number',
  'places.text as place_text',
] as const;

export type PersonExportRow = Awaited<ReturnType<typeof listPersonExportPage>>[number];

/**
 * Loads the next page of files in scope that match the filter, with the
 * person list's own scope rule and filters, ordered by id and starting after
 * `afterId` (keyset pagination), so every page costs the same however deep
 * the export is.
 */
export function listPersonExportPage(db: Kysely<Database>, scope: Scope, filter: PersonFilter, afterId: string | null, limit: number) {
  let query = filteredPersonQuery(db, scope, filter)
    .leftJoin('jurisdictions as grid', 'grid.code', 'persons.grid_code')
    .leftJoin('rooms', 'rooms.id', 'persons.room_id')
    .leftJoin('units', 'units.id', 'rooms.unit_id')
    .leftJoin('buildings', 'buildings.id', 'units.building_id')
    .leftJoin('compounds', 'compounds.id', 'buildings.compound_id')
    .leftJoin('places', 'places.id', 'persons.place_id');
  if (afterId !== null) query = query.where('persons.id', '>', afterId);

  return query.select(EXPORT_COLUMNS).orderBy('persons.id').limit(limit).execute();
}
