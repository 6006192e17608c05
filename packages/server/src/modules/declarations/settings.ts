import { checkDeclarationWindows, DEFAULT_DECLARATION_WINDOWS, type DeclarationWindow, quarantineDaysOf } from '@cordon/core';
import type { Kysely, Transaction } from 'kysely';
import type { Actor, ServiceContext } from '../../context/types.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** Obligation to declare: persons under home quarantine, staying at a site, or arrived within the last N days (0 turns arrivals off). */
export interface DeclarationScope {
  homeQuarantine: boolean;
  sites: boolean;
  arrivalsWithinDays: number;
}

export interface DeclarationSettings {
  windows: DeclarationWindow[];
  scope: DeclarationScope;
  /** Days a personal link sent by SMS stays valid. */
  linkDays: number;
  /** Default length of a home quarantine, read by the quarantine module; kept here so HQ sets it on one page. */
  quarantineDays: number;
  /** Time of the last change of any of them, or null while all are defaults. */
  updatedAt: string | null;
}

export const SETTING_KEYS = {
  windows: 'declaration.windows',
  scope: 'declaration.scope',
  linkDays: 'declaration.linkDays',
  quarantineDays: 'quarantine.days',
} as const;

export const DEFAULT_DECLARATION_SCOPE: DeclarationScope = { homeQuarantine: true, sites: true, arrivalsWithinDays: 14 };
export const DEFAULT_LINK_DAYS = 14;
export const MAX_ARRIVAL_DAYS = 60;
export const MAX_LINK_DAYS = 60;

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Reads stored windows; a value that no longer passes the checks falls back to the defaults, so declaring never stops. */
function windowsOf(stored: unknown): DeclarationWindow[] {
  if (!Array.isArray(stored)) return [...DEFAULT_DECLARATION_WINDOWS];
  const checked = checkDeclarationWindows(
    stored.filter((item): item is { start: unknown; end: unknown } => typeof item === 'object' && item !== null),
  );
  return checked.ok ? checked.value : [...DEFAULT_DECLARATION_WINDOWS];
}

function scopeOf(stored: unknown): DeclarationScope {
  const value = (typeof stored === 'object' && stored !== null ? stored : {}) as Partial<Record<keyof DeclarationScope, unknown>>;
  const days = value.arrivalsWithinDays;
  return {
    homeQuarantine: typeof value.homeQuarantine === 'boolean' ? value.homeQuarantine : DEFAULT_DECLARATION_SCOPE.homeQuarantine,
    sites: typeof value.sites === 'boolean' ? value.sites : DEFAULT_DECLARATION_SCOPE.sites,
    arrivalsWithinDays:
      Number.isInteger(days) && (days as number) >= 0 && (days as number) <= MAX_ARRIVAL_DAYS
        ? (days as number)
        : DEFAULT_DECLARATION_SCOPE.arrivalsWithinDays,
  };
}

function linkDaysOf(stored: unknown): number {
  return Number.isInteger(stored) && (stored as number) >= 1 && (stored as number) <= MAX_LINK_DAYS
    ? (stored as number)
    : DEFAULT_LINK_DAYS;
}

/** Reads the declaration settings, with the defaults for those never set. */
export async function readDeclarationSettings(db: Executor): Promise<DeclarationSettings> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value', 'updated_at'])
    .where('key', 'in', Object.values(SETTING_KEYS))
    .execute();
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const updatedAt =
    rows
      .map((row) => row.updated_at)
      .sort()
      .pop() ?? null;
  return {
    windows: windowsOf(parseJson(byKey.get(SETTING_KEYS.windows)?.value)),
    scope: scopeOf(parseJson(byKey.get(SETTING_KEYS.scope)?.value)),
    linkDays: linkDaysOf(parseJson(byKey.get(SETTING_KEYS.linkDays)?.value)),
    quarantineDays: quarantineDaysOf(parseJson(byKey.get(SETTING_KEYS.quarantineDays)?.value)),
    updatedAt,
  };
}

export interface DeclarationSettingsInput {
  windows?: Array<{ start: string; end: string }>;
  scope?: DeclarationScope;
  linkDays?: number;
  quarantineDays?: number;
}

/** Checks windows or throws the core's error, naming the window's field such as `windows.1.end`. */
export function requireValidWindows(input: Array<{ start: string; end: string }>): DeclarationWindow[] {
  const checked = checkDeclarationWindows(input);
  if (checked.ok) return checked.value;
  const field = checked.index === undefined ? 'windows' : `windows.${checked.index}.${checked.part}`;
  throw new AppError(checked.code, field, checked.params);
}

async function writeSetting(trx: Transaction<Database>, key: string, value: unknown, now: string) {
  const text = JSON.stringify(value);
  await trx
    .insertInto('settings')
    .values({ key, value: text, updated_at: now })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: text, updated_at: now }))
    .execute();
}

/** Stores the given settings in one transaction with an audit entry that names the changed keys. */
export async function updateDeclarationSettings(ctx: ServiceContext, actor: Actor, input: DeclarationSettingsInput) {
  const changes: Array<[keyof typeof SETTING_KEYS, unknown]> = [];
  if (input.windows !== undefined) changes.push(['windows', requireValidWindows(input.windows)]);
  if (input.scope !== undefined) changes.push(['scope', input.scope]);
  if (input.linkDays !== undefined) changes.push(['linkDays', input.linkDays]);
  if (input.quarantineDays !== undefined) changes.push(['quarantineDays', input.quarantineDays]);

  const now = ctx.clock().toISOString();
  if (changes.length > 0) {
    await ctx.db.transaction().execute(async (trx) => {
      for (const [name, value] of changes) await writeSetting(trx, SETTING_KEYS[name], value, now);
      const audit = {
        action: 'declaration.settings.update',
        entityType: 'setting',
        entityId: 'declaration',
        nodeCode: null,
        fields: changes.map(([name]) => name),
      };
      await recordAudit(trx, ctx, actor, audit, now);
    });
  }
  return readDeclarationSettings(ctx.db);
}
