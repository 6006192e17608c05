import {
  chinaCalendarDate,
  checkDeclarationSymptoms,
  cleanName,
  hasForbiddenNameCharacters,
  lookupCounty,
  normalizeRegionCode,
  parseDeclarationTemperature,
  parsePlate,
  type Plate,
} from '@cordon/core';
import type { Scope, ServiceContext } from '../../context/types.js';
import { encryptField } from '../../crypto/field-encryption.js';
import { AppError } from '../../errors/app-error.js';
import { findPlaceInScope, findRoomInScope } from '../addresses/repository.js';
import { findNodeByCode, ROOT_CODE, ROOT_PATH } from '../jurisdictions/repository.js';
import { cleanNotes, documentColumnsOf, parseOriginRegion, phoneColumnsOf } from '../persons/input.js';
import { withFieldPrefix } from '../screening/visit-input.js';
import type { CheckpointRow } from './repository.js';
import type { OccupantInput, RegistrationInput } from './registration-schemas.js';
import { requireTransferSite } from './transfer-sites.js';

/** How far the phone's clock may run ahead of the server's. */
export const MAX_CLOCK_AHEAD_MINUTES = 5;
/** Oldest registration a phone may still send, for queues kept offline for days. */
export const MAX_REGISTRATION_AGE_DAYS = 7;
/** Travel history covers this many days before the registration day. */
export const TRAVEL_HISTORY_DAYS = 14;

const DAY_MS = 86_400_000;
// Destinations may lie anywhere in the tree, far outside the checkpoint's own scope.
const ROOT_SCOPE: Scope = { nodeCode: ROOT_CODE, nodePath: ROOT_PATH };

export interface CheckedOccupant {
  position: number;
  role: OccupantInput['role'];
  nameEnc: string | null;
  document: ReturnType<typeof documentColumnsOf>['columns'];
  phoneEnc: string | null;
  phoneMasked: string | null;
  temperatureTenths: number | null;
  symptoms: string[];
}

export interface TravelEntry {
  regionCode: string;
  from?: string;
  to?: string;
}

/** A registration request that passed every check, with encrypted columns ready to store. */
export interface CheckedRegistration {
  registeredAt: string;
  plate: Plate | null;
  occupants: CheckedOccupant[];
  originRegionCode: string | null;
  destination: { communityCode: string | null; roomId: string | null; placeId: string | null; textEnc: string | null };
  travelHistory: TravelEntry[];
  travelHistoryEnc: string | null;
  notesEnc: string | null;
  dispositionReason: string | null;
  siteId: string | null;
}

/** Checks the phone's registration time against the server clock and returns it in UTC. */
export function checkRegisteredAt(input: string, now: Date): string {
  const at = new Date(input);
  if (at.getTime() > now.getTime() + MAX_CLOCK_AHEAD_MINUTES * 60_000) {
    throw new AppError('CHECKPOINT_REGISTERED_AT_IN_FUTURE', 'registeredAt', { minutes: MAX_CLOCK_AHEAD_MINUTES });
  }
  if (at.getTime() < now.getTime() - MAX_REGISTRATION_AGE_DAYS * DAY_MS) {
    throw new AppError('CHECKPOINT_REGISTERED_AT_TOO_OLD', 'registeredAt', { days: MAX_REGISTRATION_AGE_DAYS });
  }
  return at.toISOString();
}

function checkPlate(input: RegistrationInput, checkpoint: CheckpointRow): Plate | null {
  const typed = input.plate?.trim() ?? '';
  if (typed === '') {
    // A walk-in at a station has no vehicle; every road checkpoint stops vehicles.
    if (checkpoint.type !== 'station') throw new AppError('CHECKPOINT_PLATE_REQUIRED', 'plate');
    return null;
  }
  const parsed = parsePlate(typed);
  if (!parsed.ok) throw new AppError(parsed.code, 'plate');
  return parsed.value;
}

function checkOccupantCounts(input: RegistrationInput, plate: Plate | null) {
  if (input.mode === 'quick' && input.occupants.length !== 1) {
    throw new AppError('CHECKPOINT_QUICK_OCCUPANT_COUNT_INVALID', 'occupants', { count: input.occupants.length });
  }
  const drivers = input.occupants.filter((occupant) => occupant.role === 'driver').length;
  if (plate !== null && drivers !== 1) throw new AppError('CHECKPOINT_DRIVER_COUNT_INVALID', 'occupants', { drivers });
}

function checkOccupant(ctx: ServiceContext, input: RegistrationInput, occupant: OccupantInput, position: number): CheckedOccupant {
  // Names flow into person files, so a control or direction character is rejected rather than dropped silently.
  if (occupant.name !== undefined && hasForbiddenNameCharacters(occupant.name)) throw new AppError('NAME_CHARACTERS_INVALID', 'name');
  const name = occupant.name === undefined ? '' : cleanName(occupant.name);
  if (name === '' && input.mode === 'detailed') throw new AppError('FIELD_REQUIRED', 'name');

  const { columns } = documentColumnsOf(ctx.keys, occupant.documentNumber, occupant.documentType, occupant.nationality);

  const phoneText = occupant.phone?.trim() ?? '';
  if (phoneText === '' && occupant.role === 'driver') throw new AppError('FIELD_REQUIRED', 'phone');
  const phone = phoneColumnsOf(ctx.keys, phoneText === '' ? null : phoneText);

  let temperatureTenths: number | null = null;
  if (occupant.temperature !== undefined) {
    const temperature = parseDeclarationTemperature(occupant.temperature);
    if (!temperature.ok) throw new AppError(temperature.code, 'temperature', temperature.params);
    temperatureTenths = temperature.value;
  }

  // An empty list means symptoms were not asked, as in a quick registration.
  let symptoms: string[] = [];
  if (occupant.symptoms !== undefined && occupant.symptoms.length > 0) {
    const checked = checkDeclarationSymptoms(occupant.symptoms);
    if (!checked.ok) throw new AppError(checked.code, 'symptoms', checked.params);
    symptoms = checked.value;
  }

  return {
    position,
    role: occupant.role,
    nameEnc: name === '' ? null : encryptField(ctx.keys.fieldEncryption, name),
    document: columns,
    phoneEnc: phone.phone_enc,
    phoneMasked: phone.phone_masked,
    temperatureTenths,
    symptoms,
  };
}

async function checkOccupants(ctx: ServiceContext, input: RegistrationInput): Promise<CheckedOccupant[]> {
  const checked: CheckedOccupant[] = [];
  for (const [position, occupant] of input.occupants.entries()) {
    const result = await withFieldPrefix(`occupants.${position}`, () => checkOccupant(ctx, input, occupant, position));
    const earlier = checked.findIndex((other) => other.document.document_index === result.document.document_index);
    if (earlier >= 0) {
      throw new AppError('CHECKPOINT_DOCUMENT_DUPLICATE', `occupants.${position}.documentNumber`, { position: earlier + 1 });
    }
    checked.push(result);
  }
  return checked;
}

async function checkDestination(ctx: ServiceContext, input: RegistrationInput): Promise<CheckedRegistration['destination']> {
  const destination = input.destination ?? {};
  const text = destination.text === undefined ? '' : cleanName(destination.text);
  const textEnc = text === '' ? null : encryptField(ctx.keys.fieldEncryption, text);
  if (destination.roomId !== undefined && destination.placeId !== undefined) {
    throw new AppError('CHECKPOINT_DESTINATION_CONFLICT', 'destination.placeId');
  }

  let communityCode: string | null = null;
  let roomId: string | null = null;
  let placeId: string | null = null;
  if (destination.roomId !== undefined) {
    const room = await findRoomInScope(ctx.db, ROOT_SCOPE, destination.roomId);
    if (!room) throw new AppError('ROOM_NOT_FOUND', 'destination.roomId');
    roomId = room.id;
    communityCode = room.community_code;
  } else if (destination.placeId !== undefined) {
    const place = await findPlaceInScope(ctx.db, ROOT_SCOPE, destination.placeId);
    if (!place) throw new AppError('PLACE_NOT_FOUND', 'destination.placeId');
    placeId = place.id;
    communityCode = place.community_code;
  }

  if (destination.communityCode !== undefined) {
    if (communityCode !== null && communityCode !== destination.communityCode) {
      throw new AppError('CHECKPOINT_DESTINATION_CONFLICT', roomId !== null ? 'destination.roomId' : 'destination.placeId');
    }
    const node = await findNodeByCode(ctx.db, destination.communityCode);
    if (!node || node.level !== 'community') throw new AppError('JURISDICTION_NOT_FOUND', 'destination.communityCode');
    communityCode = node.code;
  }
  return { communityCode, roomId, placeId, textEnc };
}

function checkTravelRegion(input: string, field: string): string {
  const code = normalizeRegionCode(input);
  if (code === undefined) throw new AppError('REGION_CODE_INVALID', field);
  if (!lookupCounty(code.slice(0, 6))) throw new AppError('REGION_NOT_FOUND', field);
  return code;
}

/** Checks the travel history: known regions, and dates within the 14 days up to the registration day. */
function checkTravelHistory(input: RegistrationInput, registeredAt: string): TravelEntry[] {
  const lastDay = chinaCalendarDate(new Date(registeredAt));
  const firstDay = chinaCalendarDate(new Date(Date.parse(registeredAt) - TRAVEL_HISTORY_DAYS * DAY_MS));
  const params = { days: TRAVEL_HISTORY_DAYS };
  return (input.travelHistory ?? []).map((entry, index) => {
    const field = `travelHistory.${index}`;
    const regionCode = checkTravelRegion(entry.regionCode, `${field}.regionCode`);
    for (const key of ['from', 'to'] as const) {
      const day = entry[key];
      if (day !== undefined && (day < firstDay || day > lastDay))
        throw new AppError('CHECKPOINT_TRAVEL_DATES_INVALID', `${field}.${key}`, params);
    }
    if (entry.from !== undefined && entry.to !== undefined && entry.from > entry.to) {
      throw new AppError('CHECKPOINT_TRAVEL_DATES_INVALID', `${field}.to`, params);
    }
    return { regionCode, ...(entry.from ? { from: entry.from } : {}), ...(entry.to ? { to: entry.to } : {}) };
  });
}

async function checkDisposition(ctx: ServiceContext, input: RegistrationInput, checkpoint: CheckpointRow) {
  const reason = input.dispositionReason === undefined ? '' : cleanName(input.dispositionReason);
  if (input.disposition === 'turned_back' && reason === '') throw new AppError('FIELD_REQUIRED', 'dispositionReason');
  if (input.disposition !== 'transferred') {
    if (input.siteId !== undefined) throw new AppError('CHECKPOINT_SITE_NOT_ALLOWED', 'siteId');
    return { dispositionReason: reason === '' ? null : reason, siteId: null };
  }
  if (input.siteId === undefined) throw new AppError('FIELD_REQUIRED', 'siteId');
  const site = await requireTransferSite(ctx, checkpoint, input.siteId);
  return { dispositionReason: reason === '' ? null : reason, siteId: site.id };
}

/**
 * Checks a registration request field by field, in the order of the form,
 * and encrypts its personal fields. Throws the first error with the field's
 * path, such as `occupants.1.documentNumber`.
 */
export async function checkRegistration(
  ctx: ServiceContext,
  input: RegistrationInput,
  checkpoint: CheckpointRow,
  now: Date,
): Promise<CheckedRegistration> {
  const registeredAt = checkRegisteredAt(input.registeredAt, now);
  const plate = checkPlate(input, checkpoint);
  checkOccupantCounts(input, plate);
  const occupants = await checkOccupants(ctx, input);
  const originRegionCode = parseOriginRegion(input.originRegionCode ?? null);
  const destination = await checkDestination(ctx, input);
  const travelHistory = checkTravelHistory(input, registeredAt);
  const notes = cleanNotes(input.notes ?? null);
  const disposition = await checkDisposition(ctx, input, checkpoint);
  return {
    registeredAt,
    plate,
    occupants,
    originRegionCode,
    destination,
    travelHistory,
    travelHistoryEnc: travelHistory.length === 0 ? null : encryptField(ctx.keys.fieldEncryption, JSON.stringify(travelHistory)),
    notesEnc: notes === null ? null : encryptField(ctx.keys.fieldEncryption, notes),
    ...disposition,
  };
}
