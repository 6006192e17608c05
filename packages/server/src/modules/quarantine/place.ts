import type { Actor, ServiceContext } from '../../context/types.js';
import type { PersonTable } from '../../db/schema.js';
import { AppError } from '../../errors/app-error.js';
import { findPlaceInScope, findRoomInScope } from '../addresses/repository.js';
import { cleanOptional } from '../persons/input.js';

export interface QuarantinePlace {
  roomId: string | null;
  placeId: string | null;
  addressText: string | null;
  /** Grid of the room's compound or of the place, used when the person file has no grid. */
  gridCode: string | null;
}

/**
 * Resolves the place of quarantine from at most one of a room, a place or a
 * typed address. Without any of them it is the room or place of the person
 * file. A room or place must lie in the person's community, because that
 * community's staff follow the quarantine.
 */
export async function resolveQuarantinePlace(
  ctx: ServiceContext,
  actor: Actor,
  person: Pick<PersonTable, 'community_code' | 'room_id' | 'place_id'>,
  input: { roomId?: string | undefined; placeId?: string | undefined; addressText?: string | undefined },
): Promise<QuarantinePlace> {
  const addressText = cleanOptional(input.addressText ?? null);
  const chosen = [input.roomId, input.placeId, addressText].filter((value) => value !== undefined && value !== null);
  if (chosen.length > 1) throw new AppError('QUARANTINE_PLACE_CONFLICT', input.roomId !== undefined ? 'roomId' : 'placeId');

  const roomId = input.roomId ?? (chosen.length === 0 ? person.room_id : null);
  const placeId = input.placeId ?? (chosen.length === 0 ? person.place_id : null);
  if (roomId) {
    const room = await findRoomInScope(ctx.db, actor.scope, roomId);
    if (!room) throw new AppError('ROOM_NOT_FOUND', 'roomId');
    if (room.community_code !== person.community_code) throw new AppError('ADDRESS_NOT_IN_COMMUNITY', 'roomId');
    return { roomId, placeId: null, addressText: null, gridCode: room.grid_code };
  }
  if (placeId) {
    const place = await findPlaceInScope(ctx.db, actor.scope, placeId);
    if (!place) throw new AppError('PLACE_NOT_FOUND', 'placeId');
    if (place.community_code !== person.community_code) throw new AppError('ADDRESS_NOT_IN_COMMUNITY', 'placeId');
    return { roomId: null, placeId, addressText: null, gridCode: place.grid_code };
  }
  if (addressText === null) throw new AppError('QUARANTINE_PLACE_REQUIRED', 'addressText');
  return { roomId: null, placeId: null, addressText, gridCode: null };
}
