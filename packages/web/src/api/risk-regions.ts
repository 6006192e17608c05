import type { RiskEntryKind, RiskLevel } from '@cordon/core';
import { get, patch, post, request } from './request.js';

/** An entry of the risk-region list as the server returns it. */
export interface RiskRegion {
  id: string;
  kind: RiskEntryKind;
  /** A canonical region code (6, 9 or 12 digits) or plate prefix (鄂, 鄂A). */
  value: string;
  /** Names from the province down to the region; empty for a plate prefix. */
  valueName: string[];
  level: RiskLevel;
  /** First day in effect, YYYY-MM-DD, China calendar. */
  effectiveFrom: string;
  /** Last day in effect, inclusive; null when open-ended. */
  effectiveTo: string | null;
  note: string | null;
  effectiveToday: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface RiskRegionRequest {
  kind: RiskEntryKind;
  value: string;
  level: RiskLevel;
  effectiveFrom: string;
  effectiveTo: string | null;
  note: string | null;
}

export interface RiskRegionListQuery {
  kind?: RiskEntryKind;
  level?: RiskLevel;
  effectiveToday?: boolean;
}

/** A region offered by the entry form's picker. */
export interface RegionSearchHit {
  code: string;
  name: string;
  pathNames: string[];
  level: string;
}

const BASE = '/api/risk-regions';

export async function getRiskRegionList(query: RiskRegionListQuery = {}): Promise<RiskRegion[]> {
  const { items } = await get<{ items: RiskRegion[] }>(BASE, { ...query });
  return items;
}

export function createRiskRegion(entry: RiskRegionRequest): Promise<RiskRegion> {
  return post<RiskRegion>(BASE, entry);
}

export function updateRiskRegion(id: string, entry: Partial<RiskRegionRequest>): Promise<RiskRegion> {
  return patch<RiskRegion>(`${BASE}/${encodeURIComponent(id)}`, entry);
}

export function deleteRiskRegion(id: string): Promise<void> {
  return request<void>('DELETE', `${BASE}/${encodeURIComponent(id)}`);
}

/** Finds provinces, cities and counties of the whole country, and subdistricts and communities of the caller's tree. */
export async function searchRiskRegionCandidates(q: string, limit = 20): Promise<RegionSearchHit[]> {
  const { items } = await get<{ items: RegionSearchHit[] }>(`${BASE}/regions`, { q, limit });
  return items;
}
