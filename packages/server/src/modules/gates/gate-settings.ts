import type { Actor, ServiceContext } from '../../context/types.js';
import { shortCacheOf } from '../../context/short-cache.js';
import { recordAudit } from '../audit/service.js';
import { findSetting } from '../settings/repository.js';

export const ALERT_FOLD_MINUTES_KEY = 'gates.alertFoldMinutes';
/** Repeats of one plate or pass at one compound within this many minutes fold into one alert, unless configured. */
export const DEFAULT_ALERT_FOLD_MINUTES = 10;
export const MIN_ALERT_FOLD_MINUTES = 1;
export const MAX_ALERT_FOLD_MINUTES = 1440;

/** How long a process trusts the value it read; a change on this process clears it at once. */
const SETTINGS_CACHE_MS = 5_000;

export interface GateSettings {
  alertFoldMinutes: number;
}

function settingsCache(ctx: ServiceContext) {
  return shortCacheOf<GateSettings>(ctx.db, 'gate-settings', SETTINGS_CACHE_MS, 1);
}

function parseFoldMinutes(stored: string | undefined): number {
  if (stored === undefined) return DEFAULT_ALERT_FOLD_MINUTES;
  const value = Number(JSON.parse(stored));
  return Number.isInteger(value) && value >= MIN_ALERT_FOLD_MINUTES && value <= MAX_ALERT_FOLD_MINUTES ? value : DEFAULT_ALERT_FOLD_MINUTES;
}

/** Reads the gate settings, cached for a few seconds because every gate event reads them. */
export async function readGateSettings(ctx: ServiceContext): Promise<GateSettings> {
  const settings = await settingsCache(ctx).get('settings', async () => ({
    alertFoldMinutes: parseFoldMinutes(await findSetting(ctx.db, ALERT_FOLD_MINUTES_KEY)),
  }));
  return settings ?? { alertFoldMinutes: DEFAULT_ALERT_FOLD_MINUTES };
}

/** Returns the alert folding window in minutes (`gates.alertFoldMinutes`, default 10). */
export async function getAlertFoldMinutes(ctx: ServiceContext): Promise<number> {
  return (await readGateSettings(ctx)).alertFoldMinutes;
}

/** Stores the gate settings with an audit entry in one transaction, then drops the cached copy. */
export async function updateGateSettings(ctx: ServiceContext, actor: Actor, input: GateSettings): Promise<GateSettings> {
  const now = ctx.clock().toISOString();
  const text = JSON.stringify(input.alertFoldMinutes);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: ALERT_FOLD_MINUTES_KEY, value: text, updated_at: now })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: text, updated_at: now }))
      .execute();
    const audit = {
      action: 'gate.settings.update',
      entityType: 'setting',
      entityId: 'gates',
      nodeCode: null,
      fields: ['alertFoldMinutes'],
    };
    await recordAudit(trx, ctx, actor, audit, now);
  });
  settingsCache(ctx).clear();
  return readGateSettings(ctx);
}
