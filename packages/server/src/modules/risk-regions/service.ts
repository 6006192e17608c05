import { randomUUID } from 'node:crypto';
import {
  chinaCalendarDate,
  cleanName,
  currentDivisionRecords,
  lookupCounty,
  type RiskEntry,
  type RiskEntryKind,
  type RiskErrorCode,
  type RiskLevel,
  validateRiskEntry,
} from '@cordon/core';
import { shortCacheOf } from '../../context/short-cache.js';
import type { Actor, ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import { searchNodes } from '../jurisdictions/service.js';
import * as repo from './repository.js';
import type { CreateRiskRegionInput, UpdateRiskRegionInput } from './schemas.js';

/** Request field each validateRiskEntry error concerns. */
const FIELD_OF_RISK_ERROR: Record<RiskErrorCode, string> = {
  RISK_ENTRY_KIND_INVALID: 'kind',
  RISK_ENTRY_LEVEL_INVALID: 'level',
  RISK_ENTRY_VALUE_INVALID: 'value',
  RISK_ENTRY_REGION_NOT_FOUND: 'value',
  RISK_ENTRY_DATES_INVALID: 'effectiveFrom',
  RISK_ENTRY_DATE_ORDER_INVALID: 'effectiveTo',
};

/** Request field of each stored column, for the audit log. */
const FIELD_OF_COLUMN = {
  kind: 'kind',
  value: 'value',
  level: 'level',
  effective_from: 'effectiveFrom',
  effective_to: 'effectiveTo',
  note: 'note',
} as const;
type EntryColumn = keyof typeof FIELD_OF_COLUMN;

/** Maps a stored row to the RiskEntry that the rules of @cordon/core evaluate. */
export function toRiskEntry(row: repo.RiskRegionRow): RiskEntry {
  return {
    id: row.id,
    kind: row.kind as RiskEntryKind,
    value: row.value,
    level: row.level as RiskLevel,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    ...(row.note === null ? {} : { note: row.note }),
  };
}

/**
 * Names a region entry's code: the division path from core for a province,
 * city or county, and that path followed by the jurisdiction node's name for
 * a subdistrict or community that the tree has loaded.
 */
export function regionNamesOf(code: string, nodeNames: ReadonlyMap<string, string>): string[] {
  const county = lookupCounty(code.slice(0, 6))?.path ?? [];
  if (code.length === 6) return county;

  const names = [...county];
  if (code.length === 12) {
    const subdistrict = nodeNames.get(code.slice(0, 9));
    if (subdistrict) names.push(subdistrict);
  }
  const own = nodeNames.get(code);
  if (own) names.push(own);
  return names;
}

/** Loads the names of the subdistrict and community codes among `codes`, with their subdistricts. */
export async function loadNodeNames(ctx: ServiceContext, codes: Iterable<string>): Promise<Map<string, string>> {
  const requested = new Set<string>();
  for (const code of codes) {
    if (code.length > 6) requested.add(code);
    if (code.length === 12) requested.add(code.slice(0, 9));
  }
  const rows = await repo.listNodeNames(ctx.db, [...requested]);
  return new Map(rows.map((row) => [row.code, row.name]));
}

function toRiskRegion(row: repo.RiskRegionRow, today: string, nodeNames: ReadonlyMap<string, string>) {
  return {
    id: row.id,
    kind: row.kind as RiskEntryKind,
    value: row.value,
    valueName: row.kind === 'region' ? regionNamesOf(row.value, nodeNames) : [],
    level: row.level as RiskLevel,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    note: row.note,
    effectiveToday: row.effective_from <= today && (row.effective_to === null || today <= row.effective_to),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function describeRows(ctx: ServiceContext, rows: repo.RiskRegionRow[]) {
  const today = chinaCalendarDate(new Date());
  const nodeNames = await loadNodeNames(
    ctx,
    rows.filter((row) => row.kind === 'region').map((row) => row.value),
  );
  return rows.map((row) => toRiskRegion(row, today, nodeNames));
}

export async function listRiskRegions(ctx: ServiceContext, filter: { kind?: string; level?: string; effectiveToday?: boolean }) {
  const rows = await repo.listRiskRegions(ctx.db, {
    kind: filter.kind,
    level: filter.level,
    effectiveOn: filter.effectiveToday ? chinaCalendarDate(new Date()) : undefined,
  });
  return { items: await describeRows(ctx, rows) };
}

/**
 * How long this process keeps the entries of a day. The writes below clear
 * the cache after their commit, so a change made on this instance applies at
 * once. A change made on another instance applies here within this time.
 */
const RISK_ENTRIES_CACHE_MS = 10_000;
/** Days of entries kept. Registrations reach back 7 days, and most requests ask for today. */
const RISK_ENTRIES_CACHED_DAYS = 8;

function riskEntriesCache(ctx: ServiceContext) {
  return shortCacheOf<RiskEntry[]>(ctx.db, 'effective-risk-entries', RISK_ENTRIES_CACHE_MS, RISK_ENTRIES_CACHED_DAYS);
}

/**
 * Loads the entries in effect on the China calendar day of `at`, for
 * evaluatePersonRisk of @cordon/core. Each caller gets its own array.
 */
export async function loadEffectiveRiskEntries(ctx: ServiceContext, at: Date): Promise<RiskEntry[]> {
  const day = chinaCalendarDate(at);
  const entries = await riskEntriesCache(ctx).get(day, async () =>
    (await repo.listRiskRegions(ctx.db, { effectiveOn: day })).map(toRiskEntry),
  );
  return [...(entries ?? [])];
}

/** Validates an entry with @cordon/core, or throws its error code naming the request field. */
function validateEntry(entry: RiskEntry): RiskEntry {
  const result = validateRiskEntry(entry);
  if (!result.ok) throw new AppError(result.code, FIELD_OF_RISK_ERROR[result.code]);
  return result.value;
}

function cleanNote(note: string | null | undefined): string | null {
  if (note === undefined || note === null) return null;
  const cleaned = cleanName(note);
  return cleaned === '' ? null : cleaned;
}

function columnsOf(entry: RiskEntry) {
  return {
    kind: entry.kind,
    value: entry.value,
    level: entry.level,
    effective_from: entry.effectiveFrom,
    effective_to: entry.effectiveTo ?? null,
    note: entry.note ?? null,
  };
}

async function describeOne(ctx: ServiceContext, id: string) {
  const row = await repo.findRiskRegionById(ctx.db, id);
  if (!row) throw new AppError('RISK_REGION_NOT_FOUND', 'id');
  const [described] = await describeRows(ctx, [row]);
  return described as NonNullable<typeof described>;
}

export async function createRiskRegion(ctx: ServiceContext, actor: Actor, input: CreateRiskRegionInput) {
  const note = cleanNote(input.note);
  const entry = validateEntry({
    id: '',
    kind: input.kind,
    value: input.value,
    level: input.level,
    effectiveFrom: input.effectiveFrom,
    effectiveTo: input.effectiveTo ?? null,
    ...(note === null ? {} : { note }),
  });
  const id = randomUUID();
  const columns = columnsOf(entry);
  const now = new Date().toISOString();

  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertRiskRegion(trx, {
      id,
      ...columns,
      created_by: actor.userId,
      created_at: now,
      updated_by: actor.userId,
      updated_at: now,
    });
    const fields = (Object.keys(FIELD_OF_COLUMN) as EntryColumn[])
      .filter((column) => columns[column] !== null)
      .map((column) => FIELD_OF_COLUMN[column]);
    const audit = { action: 'risk_region.create', entityType: 'risk_region', entityId: id, nodeCode: actor.scope.nodeCode, fields };
    await recordAudit(trx, ctx, actor, audit, now);
  });
  riskEntriesCache(ctx).clear();
  return describeOne(ctx, id);
}

/** Edits an entry; the merged entry is validated as a whole, so a new start date cannot pass an old end date. */
export async function updateRiskRegion(ctx: ServiceContext, actor: Actor, id: string, input: UpdateRiskRegionInput) {
  const row = await repo.findRiskRegionById(ctx.db, id);
  if (!row) throw new AppError('RISK_REGION_NOT_FOUND', 'id');

  const current = toRiskEntry(row);
  const note = input.note === undefined ? (current.note ?? null) : cleanNote(input.note);
  const entry = validateEntry({
    id,
    kind: input.kind ?? current.kind,
    value: input.value ?? current.value,
    level: input.level ?? current.level,
    effectiveFrom: input.effectiveFrom ?? current.effectiveFrom,
    effectiveTo: input.effectiveTo === undefined ? (current.effectiveTo ?? null) : input.effectiveTo,
    ...(note === null ? {} : { note }),
  });

  const next = columnsOf(entry);
  const changed = (Object.keys(FIELD_OF_COLUMN) as EntryColumn[]).filter((column) => next[column] !== row[column]);
  if (changed.length === 0) return describeOne(ctx, id);

  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const changes = Object.fromEntries(changed.map((column) => [column, next[column]]));
    await repo.updateRiskRegion(trx, id, { ...changes, updated_by: actor.userId, updated_at: now });
    const fields = changed.map((column) => FIELD_OF_COLUMN[column]);
    const audit = { action: 'risk_region.update', entityType: 'risk_region', entityId: id, nodeCode: actor.scope.nodeCode, fields };
    await recordAudit(trx, ctx, actor, audit, now);
  });
  riskEntriesCache(ctx).clear();
  return describeOne(ctx, id);
}

export async function deleteRiskRegion(ctx: ServiceContext, actor: Actor, id: string): Promise<void> {
  const row = await repo.findRiskRegionById(ctx.db, id);
  if (!row) throw new AppError('RISK_REGION_NOT_FOUND', 'id');

  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteRiskRegion(trx, id);
    const audit = { action: 'risk_region.delete', entityType: 'risk_region', entityId: id, nodeCode: actor.scope.nodeCode };
    await recordAudit(trx, ctx, actor, audit, now);
  });
  riskEntriesCache(ctx).clear();
}

/**
 * Finds regions for the entry form: provinces, cities and counties of the
 * whole country from the division table of core, by name fragment or code
 * prefix, then subdistricts and communities of the actor's own tree.
 */
export async function searchRegions(ctx: ServiceContext, actor: Actor, text: string, limit: number) {
  const query = text.trim();
  if (query === '') return { items: [] };

  const isCode = /^\d+$/.test(query);
  const items: { code: string; name: string; pathNames: string[]; level: string }[] = [];
  for (const record of currentDivisionRecords()) {
    if (items.length >= limit) break;
    const hit = isCode ? record.code.startsWith(query) : record.name.includes(query);
    if (!hit) continue;
    items.push({ code: record.code, name: record.name, pathNames: lookupCounty(record.code)?.path ?? [record.name], level: record.level });
  }

  if (items.length < limit) {
    const nodes = await searchNodes(ctx, actor, query, limit);
    for (const { node } of nodes) {
      if (items.length >= limit) break;
      if (node.level !== 'subdistrict' && node.level !== 'community') continue;
      const county = lookupCounty(node.code.slice(0, 6))?.path ?? [];
      items.push({ code: node.code, name: node.name, pathNames: [...county, node.name], level: node.level });
    }
  }
  return { items };
}
