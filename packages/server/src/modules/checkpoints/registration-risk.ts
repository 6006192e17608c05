import { evaluatePersonRisk, evaluatePlateRisk, highestRiskLevel, RISK_LEVELS, type RiskEntry, type RiskLevel } from '@cordon/core';

/** Facts of a registration that the risk-region list is checked against. */
export interface RegistrationRiskFacts {
  plate: { prefix: string; regionCode: string | null } | null;
  originRegionCode: string | null;
  documentRegionCodes: (string | null)[];
  travelRegionCodes: string[];
}

export interface RiskReason {
  subject: 'plate' | 'origin' | 'document' | 'travel';
  /** The matched region code, or the plate prefix (鄂A) for a plate_prefix entry. */
  regionCode: string;
  level: RiskLevel;
}

/**
 * Evaluates a registration against the risk entries in effect at `at`: the
 * plate's prefix and issuing region, the origin, each occupant's document
 * region and each region of the travel history. Returns the highest level
 * (null when nothing matched) and one reason per subject, region and level,
 * highest level first.
 */
export function evaluateRegistrationRisk(facts: RegistrationRiskFacts, entries: readonly RiskEntry[], at: Date) {
  const reasons: RiskReason[] = [];
  if (facts.plate) {
    for (const match of evaluatePlateRisk(facts.plate, entries, at))
      reasons.push({ subject: 'plate', regionCode: match.value, level: match.entry.level });
  }
  const personRegions: { subject: RiskReason['subject']; code: string | null }[] = [
    { subject: 'origin', code: facts.originRegionCode },
    ...facts.documentRegionCodes.map((code) => ({ subject: 'document' as const, code })),
    ...facts.travelRegionCodes.map((code) => ({ subject: 'travel' as const, code })),
  ];
  for (const { subject, code } of personRegions) {
    if (code === null) continue;
    for (const match of evaluatePersonRisk({ originRegion: code }, entries, at))
      reasons.push({ subject, regionCode: match.regionCode, level: match.entry.level });
  }

  const unique = new Map(reasons.map((reason) => [`${reason.subject}|${reason.regionCode}|${reason.level}`, reason]));
  const sorted = [...unique.values()].sort((a, b) => RISK_LEVELS.indexOf(a.level) - RISK_LEVELS.indexOf(b.level));
  return { riskLevel: highestRiskLevel(sorted.map((reason) => ({ entry: { level: reason.level } }))) ?? null, riskReasons: sorted };
}
