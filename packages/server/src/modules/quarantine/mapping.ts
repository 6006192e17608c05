import { OBSERVATION_PERIODS, type ObservationPeriod, type QuarantineStatus, quarantineDayNumber, quarantineLengthOf } from '@cordon/core';
import { roomTextOf } from '../addresses/service.js';
import type { QuarantineSummaryRow } from './repository.js';
import type { QuarantinePhase } from './schemas.js';

/** Returns the phase of a quarantine on `today`: active ones by their planned end, ended ones by status. */
export function phaseOf(row: { status: string; planned_end_on: string }, today: string, tomorrow: string): QuarantinePhase {
  if (row.status !== 'active') return row.status as QuarantinePhase;
  if (row.planned_end_on === today) return 'ending_today';
  if (row.planned_end_on === tomorrow) return 'ending_tomorrow';
  if (row.planned_end_on < today) return 'overdue';
  return 'active';
}

/** Text of the place of quarantine: the room's full address, the place's text, or the typed address. */
export function addressTextOf(row: {
  compound_name: string | null;
  building_number: string | null;
  unit_number: string | null;
  room_number: string | null;
  place_text: string | null;
  address_text: string | null;
}): string {
  if (row.compound_name !== null && row.building_number !== null && row.unit_number !== null && row.room_number !== null) {
    return roomTextOf({
      compound_name: row.compound_name,
      building_number: row.building_number,
      unit_number: row.unit_number,
      number: row.room_number,
    });
  }
  return row.place_text ?? row.address_text ?? '';
}

export function toQuarantineSummary(row: QuarantineSummaryRow, today: string, tomorrow: string) {
  const active = row.status === 'active';
  return {
    id: row.id,
    personId: row.person_id,
    personName: row.person_name,
    documentMasked: row.document_masked,
    phoneMasked: row.phone_masked,
    communityCode: row.community_code,
    communityName: row.community_name,
    gridCode: row.grid_code,
    startOn: row.start_on,
    plannedEndOn: row.planned_end_on,
    days: quarantineLengthOf(row.start_on, row.planned_end_on),
    dayNumber: active ? quarantineDayNumber(row.start_on, today) : null,
    status: row.status as QuarantineStatus,
    phase: phaseOf(row, today, tomorrow),
    addressText: addressTextOf(row),
    endedOn: row.ended_on,
  };
}

export function isObservationPeriod(value: string): value is ObservationPeriod {
  return (OBSERVATION_PERIODS as readonly string[]).includes(value);
}

/** Converts a timestamp column to ISO-8601: PostgreSQL may return a Date, SQLite returns the stored text. */
export function isoOf(value: string | Date): string {
  return new Date(value).toISOString();
}

export function isoOrNull(value: string | Date | null): string | null {
  return value === null ? null : isoOf(value);
}
