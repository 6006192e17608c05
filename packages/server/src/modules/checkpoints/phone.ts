import { cleanName, type DocumentType, parsePlate } from '@cordon/core';
import type { Actor, ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import * as addressRepo from '../addresses/repository.js';
import { searchAddresses } from '../addresses/search.js';
import { roomTextOf, searchFormOf } from '../addresses/service.js';
import { ROOT_CODE, ROOT_PATH } from '../jurisdictions/repository.js';
import { documentIndexOf, parseDocument } from '../persons/input.js';
import { loadEffectiveRiskEntries } from '../risk-regions/service.js';
import { type PhoneCaller, resolvePhoneCheckpoint } from './phone-access.js';
import * as repo from './repository.js';
import { findDuplicates } from './registration-result.js';
import { listTransferSites } from './transfer-sites.js';

/** Maximum number of same-name compounds, in different communities, whose rooms a compound-name search lists. */
const MAX_NAMED_COMPOUNDS = 10;

/**
 * Returns what the phone's form needs: its checkpoint, the device or officer,
 * the roster to choose the officer on duty from, the risk entries in effect
 * today and the sites the checkpoint may transfer people to.
 */
export async function getPhoneContext(ctx: ServiceContext, caller: PhoneCaller, checkpointId: string | undefined) {
  const { checkpoint, device, officerId } = await resolvePhoneCheckpoint(ctx, caller, checkpointId);
  const roster = await repo.listOfficersOfCheckpoints(ctx.db, [checkpoint.id]);
  const officers = roster.map((officer) => ({ id: officer.id, displayName: officer.display_name }));
  const assigned = officerId === null ? [] : await repo.listCheckpointIdsOfOfficer(ctx.db, officerId);
  const officer = officerId === null ? null : await repo.findOfficerById(ctx.db, officerId);
  return {
    checkpoint: {
      id: checkpoint.id,
      name: checkpoint.name,
      type: checkpoint.type,
      location: checkpoint.location,
      nodeCode: checkpoint.node_code,
    },
    device: device ? { id: device.id, name: device.name } : null,
    officer: officer ? { id: officer.id, displayName: officer.display_name } : null,
    officers,
    assignedCheckpoints: assigned.map((entry) => ({ id: entry.id, name: entry.name })),
    riskEntries: await loadEffectiveRiskEntries(ctx, ctx.clock()),
    sites: await listTransferSites(ctx, checkpoint),
  };
}

/**
 * Looks up registrations of the last 12 hours at any checkpoint by plate or
 * document, so an officer learns of a car or person that passed before. The
 * document is parsed as on registration, so 42010619900101123x finds 123X.
 */
export async function lookupDuplicates(
  ctx: ServiceContext,
  caller: PhoneCaller,
  query: { plate?: string; documentNumber?: string; documentType?: DocumentType },
) {
  await resolvePhoneCheckpoint(ctx, caller, undefined);
  const plateText = query.plate?.trim() ?? '';
  const documentText = query.documentNumber?.trim() ?? '';
  if (plateText === '' && documentText === '') throw new AppError('CHECKPOINT_DUPLICATE_QUERY_REQUIRED', 'plate');

  let plateNumber: string | null = null;
  if (plateText !== '') {
    const plate = parsePlate(plateText);
    if (!plate.ok) throw new AppError(plate.code, 'plate');
    plateNumber = plate.value.number;
  }
  const documentIndexes =
    documentText === '' ? [] : [documentIndexOf(ctx.keys, parseDocument(documentText, query.documentType, undefined))];
  return findDuplicates(ctx, { plateNumber, documentIndexes, excludeId: null });
}

/**
 * Finds destinations for a typed text anywhere in the jurisdiction tree:
 * communities by name, then rooms and places as the console's address
 * search reads them, at most `limit` in all. A phone may search beyond its
 * checkpoint's scope because travellers head anywhere. Hits carry addresses
 * only, never residents.
 */
export async function searchDestinations(ctx: ServiceContext, caller: PhoneCaller, q: string, limit: number) {
  await resolvePhoneCheckpoint(ctx, caller, undefined);
  const text = cleanName(q);
  if (text === '') return [];

  const communities = (await repo.searchCommunities(ctx.db, text, limit)).map((community) =>
    communityDestination(community.code, community.name),
  );
  const remaining = limit - communities.length;
  if (remaining <= 0) return communities;

  const searcher: Actor = { ...caller.actor, scope: { nodeCode: ROOT_CODE, nodePath: ROOT_PATH } };
  const addresses = (await searchAddresses(ctx, searcher, text, remaining)).items.map((hit) => ({
    type: hit.type,
    id: hit.id,
    communityCode: hit.communityCode,
    communityName: hit.communityName,
    text: hit.text,
  }));
  if (addresses.length > 0) return [...communities, ...addresses];
  return [...communities, ...(await listCompoundDestinations(ctx, searcher, text, remaining))];
}

function communityDestination(code: string, name: string) {
  return { type: 'community' as const, id: null, communityCode: code, communityName: name, text: name };
}

/**
 * Lists the communities and first rooms of the compounds whose name is the whole search text, at most
 * `limit` entries. The address search does not match a compound's name alone to a room, but an officer
 * often has only the compound's name. A compound without rooms yet is not found this way.
 */
async function listCompoundDestinations(ctx: ServiceContext, searcher: Actor, text: string, limit: number) {
  const normalized = searchFormOf(text);
  const compounds = await addressRepo.listCompoundsNamedAtStartOf(ctx.db, searcher.scope, normalized, MAX_NAMED_COMPOUNDS);
  const compoundIds = compounds.filter((compound) => compound.normalized_name === normalized).map((compound) => compound.id);
  if (compoundIds.length === 0) return [];

  const rooms = await addressRepo.listRoomsMatching(ctx.db, searcher.scope, { compoundIds }, limit);
  const communities = new Map(rooms.map((row) => [row.community_code, communityDestination(row.community_code, row.community_name)]));
  const roomDestinations = rooms.map((row) => ({
    type: 'room' as const,
    id: row.id,
    communityCode: row.community_code,
    communityName: row.community_name,
    text: roomTextOf(row),
  }));
  return [...communities.values(), ...roomDestinations].slice(0, limit);
}
