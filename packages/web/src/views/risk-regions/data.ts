import type { RiskEntryKind, RiskLevel, Role } from '@cordon/core';
import type { RiskRegion, RiskRegionRequest } from '../../api/risk-regions.js';
import type { TableColumn } from '../../utils/table.js';

/** Roles the server lets change the list. Every other staff role only reads it. */
export const RISK_REGION_WRITE_ROLES: readonly Role[] = ['hq', 'admin'];

// The server's limits on an entry.
export const VALUE_MAX_LENGTH = 16;
export const NOTE_MAX_LENGTH = 200;

export const riskRegionColumns: TableColumn<RiskRegion>[] = [
  { key: 'value', labelKey: 'riskRegions.fields.value', kind: 'custom', minWidth: 220, essential: true },
  { key: 'level', labelKey: 'riskRegions.fields.level', kind: 'custom', width: 100, essential: true },
  { key: 'dates', labelKey: 'riskRegions.fields.dates', kind: 'custom', minWidth: 200 },
  { key: 'status', labelKey: 'riskRegions.fields.status', kind: 'custom', width: 100 },
  { key: 'note', labelKey: 'riskRegions.fields.note', kind: 'custom', minWidth: 160 },
];

export interface RiskRegionForm {
  kind: RiskEntryKind;
  value: string;
  level: RiskLevel;
  /** YYYY-MM-DD; an empty end date means the entry stays in effect until someone sets one. */
  effectiveFrom: string;
  effectiveTo: string;
  note: string;
}

export type RiskRegionFormField = keyof RiskRegionForm;

export const RISK_REGION_FORM_FIELDS: readonly RiskRegionFormField[] = ['kind', 'value', 'level', 'effectiveFrom', 'effectiveTo', 'note'];

/** Returns a new entry's form: a high-risk region from `today` with no end date. */
export function emptyRiskRegionForm(today: string): RiskRegionForm {
  return { kind: 'region', value: '', level: 'high', effectiveFrom: today, effectiveTo: '', note: '' };
}

export function riskRegionFormOf(entry: RiskRegion): RiskRegionForm {
  return {
    kind: entry.kind,
    value: entry.value,
    level: entry.level,
    effectiveFrom: entry.effectiveFrom,
    effectiveTo: entry.effectiveTo ?? '',
    note: entry.note ?? '',
  };
}

/** Builds the request body: trimmed text, and null for a blank end date or note. */
export function riskRegionRequestOf(form: RiskRegionForm): RiskRegionRequest {
  const note = form.note.trim();
  return {
    kind: form.kind,
    value: form.value.trim(),
    level: form.level,
    effectiveFrom: form.effectiveFrom,
    effectiveTo: form.effectiveTo === '' ? null : form.effectiveTo,
    note: note === '' ? null : note,
  };
}
