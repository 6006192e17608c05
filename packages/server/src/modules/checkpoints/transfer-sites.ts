import type { ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import type { CheckpointRow } from './repository.js';

/**
 * Path of the subtree whose sites a checkpoint may transfer people to: its
 * county-level district, because districts run the quarantine sites that
 * their subdistricts' checkpoints fill. A checkpoint run at county level or
 * above uses its own subtree.
 */
async function transferPathOf(ctx: ServiceContext, checkpoint: CheckpointRow): Promise<string> {
  const codes = checkpoint.node_path.split('/').filter((code) => code !== '');
  const county = await ctx.db
    .selectFrom('jurisdictions')
    .select('path')
    .where('code', 'in', codes)
    .where('level', '=', 'county')
    .executeTakeFirst();
  return county?.path ?? checkpoint.node_path;
}

function siteQuery(ctx: ServiceContext, path: string) {
  return ctx.db
    .selectFrom('sites')
    .innerJoin('jurisdictions', 'jurisdictions.code', 'sites.node_code')
    .select(['sites.id', 'sites.name', 'sites.type', 'sites.active'])
    .where('jurisdictions.path', 'like', `${path}%`);
}

/** Active sites that a checkpoint may transfer people to, by name. */
export async function listTransferSites(ctx: ServiceContext, checkpoint: CheckpointRow) {
  const rows = await siteQuery(ctx, await transferPathOf(ctx, checkpoint))
    .where('sites.active', '=', 1)
    .orderBy('sites.name')
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, type: row.type }));
}

/** Loads a site that the checkpoint may transfer to and that takes admissions, or throws naming `siteId`. */
export async function requireTransferSite(ctx: ServiceContext, checkpoint: CheckpointRow, siteId: string) {
  const site = await siteQuery(ctx, await transferPathOf(ctx, checkpoint))
    .where('sites.id', '=', siteId)
    .executeTakeFirst();
  if (!site) throw new AppError('SITE_NOT_FOUND', 'siteId');
  if (Number(site.active) !== 1) throw new AppError('SITE_INACTIVE', 'siteId', { site: site.name });
  return site;
}
