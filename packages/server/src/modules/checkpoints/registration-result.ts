import { chinaCalendarDate, parsePlate, type Plate } from '@cordon/core';
import type { ServiceContext } from '../../context/types.js';
import { decryptField } from '../../crypto/field-encryption.js';
import { AppError } from '../../errors/app-error.js';
import { findNodeByCode } from '../jurisdictions/repository.js';
import { loadEffectiveRiskEntries } from '../risk-regions/service.js';
import * as repo from './registration-repository.js';
import { evaluateRegistrationRisk, type RiskReason } from './registration-risk.js';
import type { DuplicateHitResult, RegistrationResult } from './registration-schemas.js';
import type { TravelEntry } from './registration-input.js';

/** Duplicate lookups cover the last 12 hours: one shift at a checkpoint. */
export const DUPLICATE_WINDOW_MS = 12 * 3_600_000;

/** Age in whole years on the China calendar day of `at`, from a YYYY-MM-DD birth date. */
export function ageAt(birthDate: string | null, at: Date): number | null {
  if (birthDate === null) return null;
  const day = chinaCalendarDate(at);
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

function isoOf(value: string | Date): string {
  return new Date(value).toISOString();
}

type StoredRegistration = NonNullable<Awaited<ReturnType<typeof repo.findRegistrationById>>>;
/** Columns of a registration that its result shows. The risk reasons are passed separately. */
export type ShownRegistration = Omit<StoredRegistration, 'plate_region_code' | 'origin_region_code' | 'travel_history_enc'>;
export type ShownOccupant = Awaited<ReturnType<typeof repo.listOccupantsOfRegistration>>[number];

/**
 * Builds a registration as the phone shows it: masked documents and phones,
 * no names or destination text. Both a new registration, from the values
 * just written, and a resend, from the stored rows, go through it.
 */
export function toRegistrationResult(
  row: ShownRegistration,
  occupants: ShownOccupant[],
  plate: Pick<Plate, 'province' | 'city'> | undefined,
  riskReasons: RiskReason[],
): RegistrationResult {
  const registeredAt = new Date(row.registered_at);
  return {
    id: row.id,
    checkpointId: row.checkpoint_id,
    checkpointName: row.checkpoint_name,
    mode: row.mode as RegistrationResult['mode'],
    registeredAt: isoOf(row.registered_at),
    receivedAt: isoOf(row.received_at),
    plateNumber: row.plate_number,
    plateProvince: plate?.province ?? null,
    plateCity: plate?.city ?? null,
    riskLevel: row.risk_level as RegistrationResult['riskLevel'],
    riskReasons,
    disposition: row.disposition as RegistrationResult['disposition'],
    dispositionReason: row.disposition_reason,
    siteId: row.site_id,
    destinationCommunityCode: row.destination_community_code,
    destinationCommunityName: row.destination_community_name ?? null,
    taskId: row.task_id,
    occupants: occupants.map((occupant) => ({
      position: Number(occupant.position),
      role: occupant.role as 'driver' | 'passenger',
      documentType: occupant.document_type,
      documentMasked: occupant.document_masked,
      phoneMasked: occupant.phone_masked,
      regionCode: occupant.document_region_code,
      age: ageAt(occupant.birth_date, registeredAt),
      sex: occupant.sex as 'male' | 'female' | null,
      temperature: occupant.temperature_tenths === null ? null : Number(occupant.temperature_tenths) / 10,
      symptoms: JSON.parse(occupant.symptoms) as string[],
    })),
  };
}

/**
 * Loads a stored registration as the phone shows it. The risk reasons are
 * evaluated again against the entries in effect on the registration's day,
 * so a resend returns the reasons the first response gave unless the list
 * was edited since.
 */
export async function loadRegistration(ctx: ServiceContext, id: string): Promise<RegistrationResult> {
  const row = await repo.findRegistrationById(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const occupants = await repo.listOccupantsOfRegistration(ctx.db, id);
  const registeredAt = new Date(row.registered_at);

  const plate = row.plate_number === null ? undefined : parsePlate(row.plate_number);
  const plateValue = plate?.ok ? plate.value : undefined;
  const travel =
    row.travel_history_enc === null ? [] : (JSON.parse(decryptField(ctx.keys.fieldEncryption, row.travel_history_enc)) as TravelEntry[]);
  const facts = {
    plate: plateValue ? { prefix: plateValue.prefix, regionCode: row.plate_region_code } : null,
    originRegionCode: row.origin_region_code,
    documentRegionCodes: occupants.map((occupant) => occupant.document_region_code),
    travelRegionCodes: travel.map((entry) => entry.regionCode),
  };
  const { riskReasons } = evaluateRegistrationRisk(facts, await loadEffectiveRiskEntries(ctx, registeredAt), registeredAt);
  return toRegistrationResult(row, occupants, plateValue, riskReasons);
}

/**
 * Builds the result of a registration just stored from the values written,
 * so that no row is read back. Only a destination community needs a read,
 * for its name.
 */
export async function newRegistrationResult(
  ctx: ServiceContext,
  row: Omit<ShownRegistration, 'destination_community_name'>,
  occupants: ShownOccupant[],
  plate: Pick<Plate, 'province' | 'city'> | undefined,
  riskReasons: RiskReason[],
): Promise<RegistrationResult> {
  const communityCode = row.destination_community_code;
  const community = communityCode === null ? undefined : await findNodeByCode(ctx.db, communityCode);
  return toRegistrationResult({ ...row, destination_community_name: community?.name ?? null }, occupants, plate, riskReasons);
}

/**
 * Finds registrations of the last 12 hours at any checkpoint with the plate
 * or one of the documents (blind indexes), leaving out `excludeId`. Hits
 * carry no names, phones or destinations.
 */
export async function findDuplicates(
  ctx: ServiceContext,
  query: { plateNumber: string | null; documentIndexes: string[]; excludeId: string | null },
): Promise<DuplicateHitResult[]> {
  if (query.plateNumber === null && query.documentIndexes.length === 0) return [];
  const since = new Date(ctx.clock().getTime() - DUPLICATE_WINDOW_MS).toISOString();
  const rows = await repo.listDuplicateRegistrations(ctx.db, { ...query, since });
  const hits = rows.map((row) => ({
    registrationId: row.id,
    matchedBy: row.matched_by,
    checkpointName: row.checkpoint_name,
    registeredAt: isoOf(row.registered_at),
    plateNumber: row.plate_number,
    documentMasked: row.matched_by === 'plate' ? null : row.document_masked,
  }));
  // UNION ALL keeps no order, so the hits are sorted here: plate hits first, each kind newest first.
  return hits.sort((a, b) => {
    if (a.matchedBy !== b.matchedBy) return a.matchedBy === 'plate' ? -1 : 1;
    return b.registeredAt.localeCompare(a.registeredAt);
  });
}
