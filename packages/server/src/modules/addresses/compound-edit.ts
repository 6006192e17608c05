import { cleanName } from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import { recordAudit } from '../audit/service.js';
import { requireNodeInScope } from '../jurisdictions/scope.js';
import * as editRepo from './edit-repository.js';
import * as repo from './repository.js';
import { getCompound, requireCompound, searchFormOf } from './service.js';

/** Persons updated per statement when a compound's residents move to its new grid. */
const PERSON_BATCH = 500;

/**
 * Renames a compound or puts it on a grid (null takes it off). The person
 * files that live in its rooms move to the same grid in the same transaction,
 * each with its own audit entry. A grid worker reads the files of the grid,
 * so without the move the worker would screen rooms whose residents stay
 * invisible.
 */
export async function updateCompound(ctx: ServiceContext, actor: Actor, id: string, input: { name?: string; gridCode?: string | null }) {
  const current = await requireCompound(ctx, actor, id);
  const communityCode = current.community_code;

  let name = current.name;
  if (input.name !== undefined) {
    name = cleanName(input.name);
    if (name === '') throw new AppError('FIELD_REQUIRED', 'name');
  }

  let gridCode = current.grid_code;
  if (input.gridCode !== undefined) {
    gridCode = input.gridCode;
    if (gridCode !== null) {
      const grid = await requireNodeInScope(ctx.db, actor.scope, gridCode, 'gridCode');
      if (grid.level !== 'grid' || grid.parent_code !== communityCode) throw new AppError('GRID_NOT_IN_COMMUNITY', 'gridCode');
    }
  }

  const fields = [...(name !== current.name ? ['name'] : []), ...(gridCode !== current.grid_code ? ['gridCode'] : [])];
  if (fields.length === 0) return getCompound(ctx, actor, id);

  const residents = fields.includes('gridCode') ? await editRepo.listResidentIdsOfCompound(ctx.db, id, communityCode) : [];
  const now = new Date().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    if (name !== current.name) {
      const holder = await repo.findCompoundIdByName(trx, communityCode, name);
      if (holder && holder.id !== id) throw new AppError('COMPOUND_NAME_TAKEN', 'name');
    }
    await editRepo.updateCompound(trx, id, { name, normalized_name: searchFormOf(name), grid_code: gridCode, updated_at: now });
    await recordAudit(
      trx,
      ctx,
      actor,
      { action: 'compound.update', entityType: 'compound', entityId: id, nodeCode: communityCode, fields },
      now,
    );

    for (let first = 0; first < residents.length; first += PERSON_BATCH) {
      await editRepo.setPersonsGrid(trx, residents.slice(first, first + PERSON_BATCH), gridCode, now);
    }
    for (const personId of residents) {
      const audit = { action: 'person.update', entityType: 'person', entityId: personId, nodeCode: communityCode, fields: ['gridCode'] };
      await recordAudit(trx, ctx, actor, audit, now);
    }
  });
  return getCompound(ctx, actor, id);
}
