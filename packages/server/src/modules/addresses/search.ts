import { parseRoomAddress } from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import * as repo from './repository.js';
import { roomTextOf, searchFormOf } from './service.js';

/** Compounds whose names start a search text that are tried as its prefix, longest name first. */
const MAX_PREFIX_COMPOUNDS = 10;

/**
 * Reads the rooms a search text names. A text that starts with the name of a
 * compound in scope ("金色里程3幢2单元1202") looks in that compound only;
 * otherwise the whole text is read as a room address and looked up in every
 * compound of the scope. Text that is no room address names no rooms.
 */
async function roomMatchesOf(ctx: ServiceContext, actor: Actor, normalized: string): Promise<repo.RoomMatch[]> {
  const compounds = await repo.listCompoundsNamedAtStartOf(ctx.db, actor.scope, normalized, MAX_PREFIX_COMPOUNDS);
  // Compounds of the same name in different communities leave the same rest, so one query serves them all.
  const compoundIdsByRest = new Map<string, string[]>();
  for (const compound of compounds) {
    const rest = normalized.slice(compound.normalized_name.length);
    compoundIdsByRest.set(rest, [...(compoundIdsByRest.get(rest) ?? []), compound.id]);
  }

  const matches: repo.RoomMatch[] = [];
  for (const [rest, compoundIds] of compoundIdsByRest) {
    const parsed = parseRoomAddress(rest);
    if (parsed.ok) matches.push({ compoundIds, ...parsed.value });
  }
  if (matches.length > 0) return matches;

  const whole = parseRoomAddress(normalized);
  return whole.ok ? [whole.value] : [];
}

/**
 * Finds rooms and places of the actor's scope for a typed address: rooms
 * first ("3栋2-1202", "3幢2单元1202" and "3号楼1202" read alike), then places
 * whose text contains the search text, at most `limit` in all.
 */
export async function searchAddresses(ctx: ServiceContext, actor: Actor, q: string, limit: number) {
  const normalized = searchFormOf(q);
  if (normalized === '') return { items: [] };

  const rooms: repo.RoomRow[] = [];
  for (const match of await roomMatchesOf(ctx, actor, normalized)) {
    if (rooms.length >= limit) break;
    rooms.push(...(await repo.listRoomsMatching(ctx.db, actor.scope, match, limit - rooms.length)));
  }
  const places =
    rooms.length < limit
      ? await repo.searchPlacesInScope(ctx.db, actor.scope, { normalizedText: normalized }, 0, limit - rooms.length)
      : [];

  return {
    items: [
      ...rooms.map((row) => ({
        type: 'room' as const,
        id: row.id,
        text: roomTextOf(row),
        communityCode: row.community_code,
        communityName: row.community_name,
        placeKind: null,
      })),
      ...places.map((row) => ({
        type: 'place' as const,
        id: row.id,
        text: row.text,
        communityCode: row.community_code,
        communityName: row.community_name,
        placeKind: row.kind,
      })),
    ],
  };
}
