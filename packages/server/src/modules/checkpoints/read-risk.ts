import { parsePlate, type RiskEntry } from '@cordon/core';
import type { ServiceContext } from '../../context/types.js';
import { decryptField } from '../../crypto/field-encryption.js';
import { listRiskRegions } from '../risk-regions/repository.js';
import { toRiskEntry } from '../risk-regions/service.js';
import { evaluateRegistrationRisk } from './registration-risk.js';

/**
 * Loads every entry of the risk-region list. A page of registrations spans
 * many days, and the evaluation keeps the entries in effect at each one's time.
 */
export async function loadAllRiskEntries(ctx: ServiceContext): Promise<RiskEntry[]> {
  return (await listRiskRegions(ctx.db, {})).map(toRiskEntry);
}

/** Parses a stored plate number for its prefix, province and city; undefined for none or an unparsable one. */
export function plateOf(plateNumber: string | null) {
  const parsed = plateNumber === null ? undefined : parsePlate(plateNumber);
  return parsed?.ok ? parsed.value : undefined;
}

/** The stored facts of a registration that its risk level came from. */
export interface StoredRiskFacts {
  registered_at: string;
  plate_number: string | null;
  plate_region_code: string | null;
  origin_region_code: string | null;
  /** Encrypted JSON array of { regionCode, from, to }. */
  travel_history_enc: string | null;
}

/** Lists the rules that gave a stored registration its risk level, as they were in effect at its time. */
export function riskReasonsOf(
  ctx: ServiceContext,
  entries: readonly RiskEntry[],
  row: StoredRiskFacts,
  documentRegionCodes: (string | null)[],
) {
  const plate = plateOf(row.plate_number);
  const travel =
    row.travel_history_enc === null
      ? []
      : (JSON.parse(decryptField(ctx.keys.fieldEncryption, row.travel_history_enc)) as Array<{ regionCode: string }>);
  const facts = {
    plate: plate ? { prefix: plate.prefix, regionCode: row.plate_region_code } : null,
    originRegionCode: row.origin_region_code,
    documentRegionCodes,
    travelRegionCodes: travel.map((entry) => entry.regionCode),
  };
  return evaluateRegistrationRisk(facts, entries, new Date(row.registered_at)).riskReasons;
}
