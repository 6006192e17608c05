import { roomTextOf } from '../addresses/service.js';
import { regionNamesOf } from './input.js';
import type { PersonDetailRow, PersonSummaryRow } from './repository.js';
import { personRiskLevel, type describePersonRisk, type RiskContext } from './risk.js';

type PersonRiskDescription = Awaited<ReturnType<typeof describePersonRisk>>;

export function toPersonSummary(row: PersonSummaryRow, risk: RiskContext) {
  return {
    id: row.id,
    name: row.name,
    documentType: row.document_type,
    documentMasked: row.document_masked,
    phoneMasked: row.phone_masked,
    birthDate: row.birth_date,
    sex: row.sex,
    communityCode: row.community_code,
    communityName: row.community_name,
    gridCode: row.grid_code,
    keyPerson: row.key_person === 1,
    closeContact: row.close_contact === 1,
    riskLevel: personRiskLevel(risk, row),
    updatedAt: row.updated_at,
  };
}

function addressTextOf(row: PersonDetailRow): string | null {
  if (row.compound_name !== null && row.building_number !== null && row.unit_number !== null && row.room_number !== null) {
    return roomTextOf({
      compound_name: row.compound_name,
      building_number: row.building_number,
      unit_number: row.unit_number,
      number: row.room_number,
    });
  }
  return row.place_text;
}

export function toPersonDetail(row: PersonDetailRow, risk: RiskContext, riskDescription: PersonRiskDescription) {
  return {
    ...toPersonSummary(row, risk),
    riskLevel: riskDescription.riskLevel,
    riskMatches: riskDescription.riskMatches,
    nationality: row.nationality,
    preferredLanguage: row.preferred_language,
    documentRegionCode: row.document_region_code,
    documentRegionName: regionNamesOf(row.document_region_code),
    gridName: row.grid_name,
    roomId: row.room_id,
    placeId: row.place_id,
    addressText: addressTextOf(row),
    householdRole: row.household_role,
    originRegionCode: row.origin_region_code,
    originRegionName: regionNamesOf(row.origin_region_code),
    arrivalDate: row.arrival_date,
    travelMode: row.travel_mode,
    travelNumber: row.travel_number,
    keyPersonReason: row.key_person_reason,
    closeContactReason: row.close_contact_reason,
    notes: row.notes,
    source: row.source,
    createdAt: row.created_at,
    mergedIntoId: row.merged_into_id,
    mergedAt: row.merged_at,
  };
}
