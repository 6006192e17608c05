import type { DocumentType } from '@cordon/core';
import type { Keys } from '../../crypto/keys.js';
import type { PersonColumns, PersonRow } from '../persons/columns.js';
import { appendNotes, documentColumnsOf, importedNotesOf, phoneColumnsOf } from '../persons/input.js';
import type { ImportRecord, PersonInput } from './validate.js';

/** Values an import row gives for one person, beyond name, document and phone. */
export interface ImportedPlacement {
  communityCode: string;
  /** Room or place to link; both null leaves the stored link. */
  roomId: string | null;
  placeId: string | null;
  householdRole: string | null;
  /**
   * False for a landlord whose file exists: a landlord owns the rented room
   * but need not live there, so the import leaves the file's address alone.
   */
  moves: boolean;
  originRegionCode: string | null;
  arrivalDate: string | null;
  travelMode: string | null;
  travelNumber: string | null;
  /** The row's notes, one "header: value" line per kept cell, or null. */
  notes: string | null;
}

/** Returns the placement of each person of a record: the arrival, or the landlord and the tenant of a lease. */
export function placementsOf(record: ImportRecord, communityCode: string): Array<{ person: PersonInput; placement: ImportedPlacement }> {
  const none = { originRegionCode: null, arrivalDate: null, travelMode: null, travelNumber: null };
  const notes = importedNotesOf(record.notes);
  if (record.kind === 'arrivals') {
    return [
      {
        person: record.person,
        placement: {
          communityCode,
          roomId: record.roomId,
          placeId: record.placeId,
          householdRole: record.householdRole,
          moves: true,
          originRegionCode: record.originRegionCode,
          arrivalDate: record.arrivalDate,
          travelMode: record.travelMode,
          travelNumber: record.travelNumber,
          notes,
        },
      },
    ];
  }
  const address = { roomId: record.roomId, placeId: record.placeId };
  return [
    // A rentals row's notes are about the lease and its tenant, so they go on the tenant's file.
    { person: record.landlord, placement: { communityCode, ...address, householdRole: 'owner', moves: false, ...none, notes: null } },
    { person: record.tenant, placement: { communityCode, ...address, householdRole: 'tenant', moves: true, ...none, notes } },
  ];
}

/** Builds the columns of a new file from an import row. */
export function newPersonColumns(keys: Keys, person: PersonInput, placement: ImportedPlacement): PersonColumns {
  const document = documentColumnsOf(keys, person.documentNumber, person.documentType as DocumentType, person.nationality ?? undefined);
  return {
    name: person.name,
    ...document.columns,
    ...phoneColumnsOf(keys, person.phone),
    nationality: person.nationality ?? document.countryCode ?? 'CHN',
    preferred_language: 'zh-CN',
    community_code: placement.communityCode,
    grid_code: null,
    room_id: placement.roomId,
    place_id: placement.placeId,
    household_role: placement.householdRole,
    origin_region_code: placement.originRegionCode,
    arrival_date: placement.arrivalDate,
    travel_mode: placement.travelMode,
    travel_number: placement.travelNumber,
    key_person: 0,
    key_person_reason: null,
    close_contact: 0,
    close_contact_reason: null,
    notes: placement.notes,
  };
}

/**
 * Merges an import row into a stored file. A filled cell replaces the stored
 * value and an empty cell keeps it, because a roster lists what the office has
 * found out, and a blank is no instruction to clear. The row's notes are added
 * to the file's. Markers stay as they are.
 * A move to another community drops the grid and the old address, which
 * belong to the old community.
 */
export function mergedPersonColumns(keys: Keys, current: PersonRow, person: PersonInput, placement: ImportedPlacement): PersonColumns {
  const { id: _id, source: _source, created_at: _created, updated_at: _updated, ...stored } = current;
  const next: PersonColumns = { ...stored, name: person.name };
  if (person.phone !== null) Object.assign(next, phoneColumnsOf(keys, person.phone));
  if (person.nationality !== null) next.nationality = person.nationality;

  if (placement.moves) {
    if (current.community_code !== placement.communityCode) {
      Object.assign(next, { community_code: placement.communityCode, grid_code: null, room_id: null, place_id: null });
    }
    if (placement.roomId !== null || placement.placeId !== null)
      Object.assign(next, { room_id: placement.roomId, place_id: placement.placeId });
    if (placement.householdRole !== null) next.household_role = placement.householdRole;
  }
  if (placement.originRegionCode !== null) next.origin_region_code = placement.originRegionCode;
  if (placement.arrivalDate !== null) next.arrival_date = placement.arrivalDate;
  if (placement.travelMode !== null) next.travel_mode = placement.travelMode;
  if (placement.travelNumber !== null) next.travel_number = placement.travelNumber;
  // A line the file has already is not added again, so importing a roster twice changes nothing.
  next.notes = appendNotes(current.notes, placement.notes);
  return next;
}
