import type { JurisdictionLevel } from '@cordon/core';
import { get, post } from './request.js';

/** A node of the jurisdiction tree, from country down to grid. */
export interface JurisdictionNode {
  code: string;
  name: string;
  level: JurisdictionLevel;
  parentCode: string | null;
  childCount: number;
}

export interface JurisdictionDetail {
  node: JurisdictionNode;
  /** Nodes from the signed-in user's node down to this one. */
  path: JurisdictionNode[];
}

export interface JurisdictionSearchHit {
  node: JurisdictionNode;
  pathNames: string[];
}

export interface RegionLoadResult {
  inserted: number;
  total: number;
}

/** Returns the signed-in user's own node, the root of everything they may see. */
export function getJurisdictionRoot(): Promise<JurisdictionNode> {
  return get<JurisdictionNode>('/api/jurisdictions/root');
}

export function getJurisdiction(code: string): Promise<JurisdictionDetail> {
  return get<JurisdictionDetail>(`/api/jurisdictions/${encodeURIComponent(code)}`);
}

export async function getJurisdictionChildren(code: string): Promise<JurisdictionNode[]> {
  const { items } = await get<{ items: JurisdictionNode[] }>(`/api/jurisdictions/${encodeURIComponent(code)}/children`);
  return items;
}

/** Finds nodes by name substring or code prefix within the user's subtree. */
export async function searchJurisdictions(q: string, limit = 20): Promise<JurisdictionSearchHit[]> {
  const { items } = await get<{ items: JurisdictionSearchHit[] }>('/api/jurisdictions/search', { q, limit });
  return items;
}

/** Adds a grid under a community. */
export function createGrid(communityCode: string, name: string): Promise<JurisdictionNode> {
  return post<JurisdictionNode>(`/api/jurisdictions/${encodeURIComponent(communityCode)}/grids`, { name });
}

/** Builds the tree of a real region such as 320500 (Suzhou) from the reference division codes. */
export function loadRegion(code: string): Promise<RegionLoadResult> {
  return post<RegionLoadResult>('/api/jurisdictions/load', { code });
}
