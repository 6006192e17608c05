import type { Actor, ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import { findPlaceInScope, findRoomInScope } from '../addresses/repository.js';
import { isPathInScope } from '../jurisdictions/scope.js';

export interface PersonLocation {
  communityCode: string;
  gridCode: string | null;
  roomId: string | null;
  placeId: string | null;
}

function findNode(ctx: ServiceContext, code: string) {
  return ctx.db.selectFrom('jurisdictions').select(['code', 'parent_code', 'level', 'path']).where('code', '=', code).executeTakeFirst();
}

/**
 * Checks where a file belongs. The actor needs the community in scope, or,
 * for a grid worker, the grid. Grid, room and place must belong to the
 * community. Nodes and addresses out of scope get 404, the same as missing ones.
 */
export async function checkLocation(ctx: ServiceContext, actor: Actor, location: PersonLocation): Promise<void> {
  const community = await findNode(ctx, location.communityCode);
  const grid = location.gridCode === null ? undefined : await findNode(ctx, location.gridCode);
  const gridInScope = grid !== undefined && isPathInScope(grid.path, actor.scope);

  if (!community || !(isPathInScope(community.path, actor.scope) || gridInScope)) {
    throw new AppError('JURISDICTION_NOT_FOUND', 'communityCode');
  }
  if (community.level !== 'community') throw new AppError('JURISDICTION_LEVEL_INVALID', 'communityCode');

  if (location.gridCode !== null) {
    if (!grid || !(gridInScope || isPathInScope(community.path, actor.scope))) throw new AppError('JURISDICTION_NOT_FOUND', 'gridCode');
    if (grid.level !== 'grid' || grid.parent_code !== community.code) throw new AppError('GRID_NOT_IN_COMMUNITY', 'gridCode');
  }

  if (location.roomId !== null) {
    const room = await findRoomInScope(ctx.db, actor.scope, location.roomId);
    if (!room) throw new AppError('ROOM_NOT_FOUND', 'roomId');
    if (room.community_code !== community.code) throw new AppError('ADDRESS_NOT_IN_COMMUNITY', 'roomId');
  }

  if (location.placeId !== null) {
    const place = await findPlaceInScope(ctx.db, actor.scope, location.placeId);
    if (!place) throw new AppError('PLACE_NOT_FOUND', 'placeId');
    if (place.community_code !== community.code) throw new AppError('ADDRESS_NOT_IN_COMMUNITY', 'placeId');
  }
}
