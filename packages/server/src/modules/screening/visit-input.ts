import type { Actor, ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';
import { findPlaceInScope, findRoomInScope } from '../addresses/repository.js';
import {
  checkArrivalDate,
  chinaToday,
  documentIndexOf,
  parseDocument,
  parseOriginRegion,
  parsePhone,
  requireName,
} from '../persons/input.js';
import { findPersonByDocumentIndex, findPersonIdInScope } from '../persons/repository.js';
import type { CreateVisitInput, VisitPersonInput } from './schemas.js';

/** How far the phone's clock may run ahead of the server's. */
export const MAX_CLOCK_AHEAD_MINUTES = 5;
/** Oldest visit a phone may still send, for queues kept offline for days. */
export const MAX_VISIT_AGE_DAYS = 7;
export const MIN_TEMPERATURE = 35.0;
export const MAX_TEMPERATURE = 42.0;

/** The visited address as the visit stores it. */
export interface VisitAddress {
  roomId: string | null;
  placeId: string | null;
  buildingId: string | null;
  communityCode: string;
  gridCode: string | null;
}

/** A validated person entry: an existing file, or a new person to register. */
export type CheckedVisitPerson = VisitPersonInput & {
  /** Temperature in tenths of a degree, or null when not measured. */
  temperatureTenths: number | null;
  symptomList: string[];
  /** Id of the file: the given `personId`, or the file that already has the new person's document. */
  knownPersonId: string | null;
  /** Blind index of a new person's document; null for `personId` entries. */
  documentIndex: string | null;
};

/** Rethrows an AppError of a nested value with its field prefixed, such as `persons.2.documentNumber`. */
export async function withFieldPrefix<T>(prefix: string, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const field = error.field ? `${prefix}.${error.field}` : prefix;
    throw new AppError(error.code, field, error.params);
  }
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}

export async function resolveVisitAddress(ctx: ServiceContext, actor: Actor, input: CreateVisitInput): Promise<VisitAddress> {
  const hasRoom = input.roomId !== undefined;
  if (hasRoom === (input.placeId !== undefined)) throw new AppError('SCREENING_ADDRESS_REQUIRED', 'roomId');

  if (input.roomId !== undefined) {
    const room = await findRoomInScope(ctx.db, actor.scope, input.roomId);
    if (!room) throw new AppError('ROOM_NOT_FOUND', 'roomId');
    return { roomId: room.id, placeId: null, buildingId: room.building_id, communityCode: room.community_code, gridCode: room.grid_code };
  }

  const place = await findPlaceInScope(ctx.db, actor.scope, input.placeId as string);
  if (!place) throw new AppError('PLACE_NOT_FOUND', 'placeId');
  return { roomId: null, placeId: place.id, buildingId: null, communityCode: place.community_code, gridCode: place.grid_code };
}

/**
 * Checks the phone's visit time against the server clock and returns it
 * normalised to UTC, so stored times sort the same as text and as timestamps.
 */
export function checkVisitedAt(input: string, now: Date): string {
  const visitedAt = new Date(input);
  if (visitedAt.getTime() > now.getTime() + MAX_CLOCK_AHEAD_MINUTES * 60_000) {
    throw new AppError('SCREENING_VISITED_AT_IN_FUTURE', 'visitedAt', { minutes: MAX_CLOCK_AHEAD_MINUTES });
  }
  if (visitedAt.getTime() < now.getTime() - MAX_VISIT_AGE_DAYS * 86_400_000) {
    throw new AppError('SCREENING_VISITED_AT_TOO_OLD', 'visitedAt', { days: MAX_VISIT_AGE_DAYS });
  }
  return visitedAt.toISOString();
}

/**
 * Returns the revisit day of a visit: the given one, or the day after the
 * visit when nobody was home and none was given. Other outcomes have none.
 */
export function resolveRevisitOn(input: CreateVisitInput, visitedAt: string): string | null {
  const visitDay = chinaToday(new Date(visitedAt));
  if (input.outcome !== 'nobody_home') {
    if (input.revisitOn !== undefined) throw new AppError('SCREENING_REVISIT_NOT_ALLOWED', 'revisitOn');
    return null;
  }
  if (input.revisitOn === undefined) return addDays(visitDay, 1);
  if (input.revisitOn < visitDay) throw new AppError('SCREENING_REVISIT_DATE_INVALID', 'revisitOn');
  return input.revisitOn;
}

/** Converts a temperature to tenths of a degree, or throws naming the accepted range. */
export function temperatureTenthsOf(value: number | undefined): number | null {
  if (value === undefined) return null;
  const tenths = Math.round(value * 10);
  // Math.round absorbs binary noise such as 36.6 * 10 = 366.00000000000006; a second decimal does not survive it.
  const oneDecimal = Math.abs(tenths - value * 10) < 1e-6;
  if (!oneDecimal || value < MIN_TEMPERATURE || value > MAX_TEMPERATURE) {
    throw new AppError('SCREENING_TEMPERATURE_OUT_OF_RANGE', 'temperature', {
      min: MIN_TEMPERATURE.toFixed(1),
      max: MAX_TEMPERATURE.toFixed(1),
    });
  }
  return tenths;
}

/** Removes repeated symptoms; 'none' cannot stand beside a symptom. */
export function symptomListOf(symptoms: string[] | undefined): string[] {
  const unique = [...new Set(symptoms ?? [])];
  if (unique.includes('none') && unique.length > 1) throw new AppError('SCREENING_SYMPTOMS_CONFLICT', 'symptoms');
  return unique;
}

/**
 * Rejects a present person without a temperature or a symptom choice. The
 * error names the person by `position` (1 for the first entry), because an
 * entry by file id carries no name.
 */
function requireMeasurement(entry: VisitPersonInput, position: number): void {
  if (!entry.present) return;
  if (entry.temperature === undefined) {
    throw new AppError('SCREENING_TEMPERATURE_REQUIRED', 'temperature', {
      person: position,
      min: MIN_TEMPERATURE.toFixed(1),
      max: MAX_TEMPERATURE.toFixed(1),
    });
  }
  if ((entry.symptoms?.length ?? 0) === 0) throw new AppError('SCREENING_SYMPTOMS_REQUIRED', 'symptoms', { person: position });
}

/** Checks one entry without writing anything; the caller prefixes the error fields with the entry's index. */
async function checkVisitPerson(ctx: ServiceContext, actor: Actor, entry: VisitPersonInput, position: number): Promise<CheckedVisitPerson> {
  if ((entry.personId === undefined) === (entry.person === undefined)) throw new AppError('SCREENING_PERSON_REFERENCE_INVALID');
  if (!entry.present && entry.temperature !== undefined) throw new AppError('SCREENING_MEASUREMENT_NOT_PRESENT', 'temperature');
  if (!entry.present && (entry.symptoms?.length ?? 0) > 0) throw new AppError('SCREENING_MEASUREMENT_NOT_PRESENT', 'symptoms');

  const temperatureTenths = temperatureTenthsOf(entry.temperature);
  const symptomList = symptomListOf(entry.symptoms);
  requireMeasurement(entry, position);
  checkArrivalDate(entry.arrivalDate ?? null);
  parseOriginRegion(entry.originRegionCode ?? null);

  if (entry.personId !== undefined) {
    if (!(await findPersonIdInScope(ctx.db, actor.scope, entry.personId))) throw new AppError('PERSON_NOT_FOUND', 'personId');
    return { ...entry, temperatureTenths, symptomList, knownPersonId: entry.personId, documentIndex: null };
  }

  // The same checks registerPerson makes, run for every entry before any file is written.
  const person = entry.person as NonNullable<VisitPersonInput['person']>;
  const { documentIndex, holderId } = await withFieldPrefix('person', async () => {
    requireName(person.name);
    if (person.phone !== undefined) parsePhone(person.phone);
    const document = parseDocument(person.documentNumber, person.documentType, person.nationality);
    const index = documentIndexOf(ctx.keys, document);
    const holder = await findPersonByDocumentIndex(ctx.db, actor.scope, index);
    if (holder && !holder.inScope) throw new AppError('PERSON_EXISTS_ELSEWHERE', 'documentNumber');
    return { documentIndex: index, holderId: holder?.row.id ?? null };
  });
  return { ...entry, temperatureTenths, symptomList, knownPersonId: holderId, documentIndex };
}

/**
 * Checks every person entry of a visit. Repeated files or documents are
 * rejected, and so is a completed screening with nobody present.
 */
export async function checkVisitPersons(ctx: ServiceContext, actor: Actor, input: CreateVisitInput): Promise<CheckedVisitPerson[]> {
  if (input.outcome !== 'screened' && input.persons.length > 0) throw new AppError('SCREENING_PERSONS_NOT_ALLOWED', 'persons');

  const checked: CheckedVisitPerson[] = [];
  const seen = new Set<string>();
  for (const [index, entry] of input.persons.entries()) {
    const result = await withFieldPrefix(`persons.${index}`, () => checkVisitPerson(ctx, actor, entry, index + 1));
    const key = result.knownPersonId ?? result.documentIndex ?? '';
    if (seen.has(key)) throw new AppError('SCREENING_PERSON_DUPLICATE', `persons.${index}`);
    seen.add(key);
    checked.push(result);
  }
  // A completed screening met somebody at the door; a visit that met nobody is 'nobody_home' or 'refused'.
  if (input.outcome === 'screened' && !checked.some((entry) => entry.present)) {
    throw new AppError('SCREENING_PRESENT_PERSON_REQUIRED', 'persons');
  }
  return checked;
}
