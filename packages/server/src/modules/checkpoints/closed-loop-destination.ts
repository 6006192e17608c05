import type { Scope, ServiceContext } from '../../context/types.js';
import { decryptField } from '../../crypto/field-encryption.js';
import { findPlaceInScope, findRoomInScope } from '../addresses/repository.js';
import { roomTextOf } from '../addresses/service.js';
import { findNodeByCode, ROOT_CODE, ROOT_PATH } from '../jurisdictions/repository.js';
import type { LoopRegistrationRow } from './closed-loop-repository.js';

const ROOT_SCOPE: Scope = { nodeCode: ROOT_CODE, nodePath: ROOT_PATH };

/** Destination of a registration's occupants, resolved to a community of the jurisdiction tree. */
export interface ArrivalDestination {
  community: Scope;
  gridCode: string | null;
  roomId: string | null;
  placeId: string | null;
  /** Room label such as "金鸡湖花园3幢2单元1202室", the place's text, or the address the officer typed. */
  text: string | null;
}

async function communityScopeOf(ctx: ServiceContext, code: string): Promise<Scope | undefined> {
  const node = await findNodeByCode(ctx.db, code);
  if (!node || node.level !== 'community') return undefined;
  return { nodeCode: node.code, nodePath: node.path };
}

/**
 * Resolves the destination of a registration: a room or place gives its
 * community and grid, otherwise the community code must name a community
 * of the tree. Returns undefined when the registration leads nowhere on
 * Cordon (no destination, a code of another level, or a code not loaded).
 */
export async function resolveArrivalDestination(ctx: ServiceContext, row: LoopRegistrationRow): Promise<ArrivalDestination | undefined> {
  const typedText = row.destination_text_enc === null ? null : decryptField(ctx.keys.fieldEncryption, row.destination_text_enc);

  if (row.destination_room_id !== null) {
    const room = await findRoomInScope(ctx.db, ROOT_SCOPE, row.destination_room_id);
    const community = room && (await communityScopeOf(ctx, room.community_code));
    if (!room || !community) return undefined;
    return { community, gridCode: room.grid_code, roomId: room.id, placeId: null, text: roomTextOf(room) };
  }

  if (row.destination_place_id !== null) {
    const place = await findPlaceInScope(ctx.db, ROOT_SCOPE, row.destination_place_id);
    const community = place && (await communityScopeOf(ctx, place.community_code));
    if (!place || !community) return undefined;
    return { community, gridCode: place.grid_code, roomId: null, placeId: place.id, text: place.text };
  }

  if (row.destination_community_code === null) return undefined;
  const community = await communityScopeOf(ctx, row.destination_community_code);
  if (!community) return undefined;
  return { community, gridCode: null, roomId: null, placeId: null, text: typedText };
}
