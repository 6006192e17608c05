import { parseRoomAddress } from '@cordon/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { searchFormOf } from '../addresses/service.js';

/** A room or place an address text names. */
export type AddressMatch = { roomId: string; placeId: null } | { roomId: null; placeId: string };

export type AddressLookup =
  | { ok: true; match: AddressMatch }
  | { ok: false; code: 'ADDRESS_TEXT_UNRECOGNIZED' | 'IMPORT_ADDRESS_NOT_FOUND' | 'IMPORT_ADDRESS_AMBIGUOUS' };

/** Marks a key that several rooms share. */
const AMBIGUOUS = '';

/**
 * The rooms and places of one community, held in memory so that a roster of
 * 100,000 rows costs a few queries, not one per row. A community has up to a
 * few tens of thousands of rooms.
 */
export class AddressIndex {
  private readonly rooms = new Map<string, string>();
  private readonly places = new Map<string, string>();
  private compounds: Array<{ id: string; name: string }> = [];

  static async load(db: Kysely<Database>, communityCode: string): Promise<AddressIndex> {
    const index = new AddressIndex();
    const compounds = await db
      .selectFrom('compounds')
      .select(['id', 'normalized_name'])
      .where('community_code', '=', communityCode)
      .execute();
    // Longest name first, so "金色里程二期" wins over "金色里程" in the same text.
    index.compounds = compounds
      .map((row) => ({ id: row.id, name: row.normalized_name }))
      .filter((compound) => compound.name !== '')
      .sort((a, b) => b.name.length - a.name.length);

    const rooms = await db
      .selectFrom('rooms')
      .innerJoin('units', 'units.id', 'rooms.unit_id')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .innerJoin('compounds', 'compounds.id', 'buildings.compound_id')
      .select(['rooms.id', 'rooms.number', 'units.number as unit', 'buildings.number as building', 'compounds.id as compound_id'])
      .where('compounds.community_code', '=', communityCode)
      .execute();
    for (const room of rooms) {
      for (const compound of [room.compound_id, '*']) {
        index.addRoom(`${compound}|${room.building}|${room.unit}|${room.number}`, room.id);
        index.addRoom(`${compound}|${room.building}|*|${room.number}`, room.id);
      }
    }

    const places = await db.selectFrom('places').select(['id', 'normalized_text']).where('community_code', '=', communityCode).execute();
    for (const place of places) index.places.set(place.normalized_text, place.id);
    return index;
  }

  private addRoom(key: string, id: string): void {
    const known = this.rooms.get(key);
    this.rooms.set(key, known === undefined || known === id ? id : AMBIGUOUS);
  }

  /**
   * Finds the room or place of an address text. A place matches its whole
   * text. A room is read as a compound's name anywhere in the text followed by
   * building, unit and room ("金色里程3幢2单元1202室", "平江街道金色里程3-2-1202");
   * without a compound's name, the room must be the only one of that number
   * in the community. A missing unit is accepted when one unit has the room.
   */
  find(text: string): AddressLookup {
    const normalized = searchFormOf(text);
    const place = this.places.get(normalized);
    if (place !== undefined) return { ok: true, match: { roomId: null, placeId: place } };

    for (const compound of this.compounds) {
      const at = normalized.indexOf(compound.name);
      if (at < 0) continue;
      const rest = normalized.slice(at + compound.name.length);
      const lookup = this.findRoom(compound.id, rest);
      if (lookup.ok || lookup.code !== 'ADDRESS_TEXT_UNRECOGNIZED') return lookup;
    }
    return this.findRoom('*', normalized);
  }

  private findRoom(compoundId: string, text: string): AddressLookup {
    const parsed = parseRoomAddress(text);
    if (!parsed.ok || parsed.value.building === undefined || parsed.value.room === undefined) {
      return { ok: false, code: 'ADDRESS_TEXT_UNRECOGNIZED' };
    }
    const { building, unit, room } = parsed.value;
    const id = this.rooms.get(`${compoundId}|${building}|${unit ?? '*'}|${room}`);
    if (id === undefined) return { ok: false, code: 'IMPORT_ADDRESS_NOT_FOUND' };
    if (id === AMBIGUOUS) return { ok: false, code: 'IMPORT_ADDRESS_AMBIGUOUS' };
    return { ok: true, match: { roomId: id, placeId: null } };
  }
}
