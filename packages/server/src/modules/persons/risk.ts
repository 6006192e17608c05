import {
  evaluatePersonRisk,
  highestRiskLevel,
  regionCodePrefix,
  RISK_LEVELS,
  type RiskEntry,
  type RiskLevel,
  type RiskMatch,
} from '@cordon/core';
import type { ServiceContext } from '../../context/types.js';
import { loadEffectiveRiskEntries, loadNodeNames, regionNamesOf } from '../risk-regions/service.js';
import type { RiskPrefixFilter } from './repository.js';

/**
 * Regions of a file that the risk-region list is checked against. The community is where the person lives now.
 * TODO: check travel history too once person files record one; they record only the origin region today.
 */
export interface PersonRiskRegions {
  document_region_code: string | null;
  origin_region_code: string | null;
  community_code: string;
}

/** The risk-region entries in effect today, loaded once per request, and the moment they were evaluated for. */
export interface RiskContext {
  entries: RiskEntry[];
  at: Date;
}

export async function loadRiskContext(ctx: ServiceContext, at = new Date()): Promise<RiskContext> {
  return { entries: await loadEffectiveRiskEntries(ctx, at), at };
}

export function matchPersonRisk(risk: RiskContext, row: PersonRiskRegions): RiskMatch[] {
  const regions = { documentRegion: row.document_region_code, originRegion: row.origin_region_code, currentRegion: row.community_code };
  return evaluatePersonRisk(regions, risk.entries, risk.at);
}

export function personRiskLevel(risk: RiskContext, row: PersonRiskRegions): RiskLevel | null {
  return highestRiskLevel(matchPersonRisk(risk, row)) ?? null;
}

/** Describes each rule that matched a file, highest level first, for the detail view. */
export async function describePersonRisk(ctx: ServiceContext, risk: RiskContext, row: PersonRiskRegions) {
  const matches = matchPersonRisk(risk, row);
  const nodeNames = await loadNodeNames(
    ctx,
    matches.map((match) => match.entry.value),
  );
  const rank = (level: RiskLevel) => RISK_LEVELS.indexOf(level);
  const rules = matches
    .map((match) => ({
      entryId: match.entry.id,
      value: match.entry.value,
      valueName: regionNamesOf(match.entry.value, nodeNames),
      level: match.entry.level,
      effectiveFrom: match.entry.effectiveFrom,
      effectiveTo: match.entry.effectiveTo ?? null,
      subject: match.subject,
      regionCode: match.regionCode,
    }))
    .sort((a, b) => rank(a.level) - rank(b.level));
  return { riskLevel: highestRiskLevel(matches) ?? null, riskMatches: rules };
}

/** A list filter on the computed risk level: one level, or 'none' for files that no entry matches. */
export type RiskLevelFilter = RiskLevel | 'none';

/**
 * Turns a risk level filter into region-code prefixes for SQL: a file has a
 * level when an entry of that level matches it and no entry of a higher
 * level does. Region entries only, as evaluatePersonRisk reads no plates.
 */
export function riskPrefixFilterOf(risk: RiskContext, level: RiskLevelFilter): RiskPrefixFilter {
  const prefixesByLevel = new Map<RiskLevel, string[]>(RISK_LEVELS.map((value) => [value, []]));
  for (const entry of risk.entries) {
    if (entry.kind !== 'region') continue;
    const prefix = regionCodePrefix(entry.value);
    if (prefix !== undefined) prefixesByLevel.get(entry.level)?.push(prefix);
  }

  if (level === 'none') return { anyOf: null, noneOf: [...prefixesByLevel.values()].flat() };
  // RISK_LEVELS runs from high to low, so the levels before this one are the higher ones.
  const higher = RISK_LEVELS.slice(0, RISK_LEVELS.indexOf(level)).flatMap((value) => prefixesByLevel.get(value) ?? []);
  return { anyOf: prefixesByLevel.get(level) ?? [], noneOf: higher };
}
