import {
  evaluatePersonRisk,
  evaluatePlateRisk,
  highestRiskLevel,
  lookupCounty,
  parsePlate,
  type RiskEntry,
  type RiskLevel,
} from '@cordon/core';
import type { RegistrationMode } from '../../../../api/checkpoint-phone.js';
import { chinaToday } from '../../screening/visit-form.js';
import { occupantsOfMode, parseOccupantDocument, type OccupantDraft, type RegistrationDraft } from './draft.js';

/** Province and city read from a valid plate; `number` is the plate in its normal form. */
export interface PlateFacts {
  number: string;
  kind: string;
  province: string | null;
  city: string | null;
  prefix: string;
  regionCode: string | null;
}

export function plateFactsOf(plate: string): PlateFacts | undefined {
  if (plate.trim() === '') return undefined;
  const parsed = parsePlate(plate);
  if (!parsed.ok) return undefined;
  const { number, kind, province, city, prefix, regionCode } = parsed.value;
  return { number, kind, province: province ?? null, city: city ?? null, prefix, regionCode: regionCode ?? null };
}

/** Region, birth date, age and sex read from a valid document number. */
export interface DocumentFacts {
  number: string;
  regionCode: string | null;
  region: string | null;
  birthDate: string | null;
  age: number | null;
  sex: 'male' | 'female' | null;
}

/** Full years between a birth date and a day, both YYYY-MM-DD. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export function documentFactsOf(
  occupant: Pick<OccupantDraft, 'documentNumber' | 'documentType' | 'nationality'>,
  today: string,
): DocumentFacts | undefined {
  if (occupant.documentNumber.trim() === '') return undefined;
  const parsed = parseOccupantDocument(occupant);
  if (!parsed.ok) return undefined;
  const { number, regionCode, regionName, birthDate, sex } = parsed.value;
  return {
    number,
    regionCode: regionCode ?? null,
    region: regionName ? regionName.join('') : null,
    birthDate: birthDate ?? null,
    age: birthDate ? ageOn(birthDate, today) : null,
    sex: sex ?? null,
  };
}

/** Names of a region code from the province down, from core's division table; the code itself when the table lacks it. */
export function regionLabelOf(code: string): string {
  const county = lookupCounty(code);
  return county ? county.path.join('') : code;
}

/** A match on the risk-region list: of the plate, the origin, a document's region or a stop of the travel history. */
export interface RiskReason {
  subject: 'plate' | 'origin' | 'document' | 'travel';
  value: string;
  level: RiskLevel;
}

export interface RiskAssessment {
  level: RiskLevel | null;
  reasons: RiskReason[];
}

/**
 * Evaluates a draft against the effective risk entries on the phone, as the
 * server does at the save: the plate, the origin region, each occupant's
 * document region and the regions of the travel history. Fields that are
 * not valid yet are left out.
 */
export function assessRisk(draft: RegistrationDraft, mode: RegistrationMode, entries: readonly RiskEntry[], now: Date): RiskAssessment {
  const reasons: RiskReason[] = [];

  const plate = plateFactsOf(draft.plate);
  if (plate) {
    for (const match of evaluatePlateRisk({ prefix: plate.prefix, regionCode: plate.regionCode }, entries, now)) {
      reasons.push({ subject: 'plate', value: plate.number, level: match.entry.level });
    }
  }

  const today = chinaToday(now);
  for (const occupant of occupantsOfMode(draft, mode)) {
    const document = documentFactsOf(occupant, today);
    if (!document?.regionCode) continue;
    for (const match of evaluatePersonRisk({ documentRegion: document.regionCode }, entries, now)) {
      reasons.push({ subject: 'document', value: match.regionCode, level: match.entry.level });
    }
  }

  if (mode === 'detailed') {
    const regions: { subject: 'origin' | 'travel'; code: string }[] = [];
    if (draft.originRegionCode) regions.push({ subject: 'origin', code: draft.originRegionCode });
    for (const stop of draft.travelHistory) if (stop.regionCode) regions.push({ subject: 'travel', code: stop.regionCode });
    for (const { subject, code } of regions) {
      for (const match of evaluatePersonRisk({ originRegion: code }, entries, now)) {
        reasons.push({ subject, value: match.regionCode, level: match.entry.level });
      }
    }
  }

  return { level: highestRiskLevel(reasons.map((reason) => ({ entry: { level: reason.level } }))) ?? null, reasons };
}
