import { expandNumberRange, type AddressErrorCode, type Role } from '@cordon/core';
import type { FormItemRule } from 'element-plus';
import { PLACE_KINDS, type BuildingSummary, type Compound, type Place, type PlaceKind } from '../../api/addresses.js';
import type { TableColumn } from '../../utils/table.js';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** Roles the server lets create compounds, rooms and places; every other staff role only reads. */
export const ADDRESS_WRITE_ROLES: readonly Role[] = ['admin', 'subdistrict_staff', 'community_staff'];

export const PLACE_KIND_OPTIONS: readonly PlaceKind[] = PLACE_KINDS;

// The server's limits on compound names, place texts and list filters.
export const COMPOUND_NAME_MAX_LENGTH = 50;
export const PLACE_TEXT_MAX_LENGTH = 200;
export const FILTER_QUERY_MAX_LENGTH = 50;
export const RANGE_SPEC_MAX_LENGTH = 200;

/**
 * Largest number of rooms one generation request may create, the server's
 * MAX_ROOMS_PER_REQUEST. Each range is also read with this maximum there.
 */
export const MAX_ROOMS_PER_REQUEST = 20_000;

export const compoundColumns: TableColumn<Compound>[] = [
  { key: 'name', labelKey: 'addresses.compounds.fields.name', kind: 'custom', minWidth: 140, essential: true },
  { key: 'community', labelKey: 'addresses.compounds.fields.community', kind: 'custom', minWidth: 150 },
  { key: 'buildingCount', prop: 'buildingCount', labelKey: 'addresses.compounds.fields.buildingCount', kind: 'text', width: 90 },
  { key: 'roomCount', prop: 'roomCount', labelKey: 'addresses.compounds.fields.roomCount', kind: 'text', width: 90, essential: true },
  { key: 'createdAt', prop: 'createdAt', labelKey: 'addresses.compounds.fields.createdAt', kind: 'datetime', width: 150 },
];

export const buildingColumns: TableColumn<BuildingSummary>[] = [
  { key: 'number', labelKey: 'addresses.buildings.fields.number', kind: 'custom', minWidth: 90, essential: true },
  { key: 'unitCount', prop: 'unitCount', labelKey: 'addresses.buildings.fields.unitCount', kind: 'text', width: 90, essential: true },
  { key: 'roomCount', prop: 'roomCount', labelKey: 'addresses.buildings.fields.roomCount', kind: 'text', width: 90, essential: true },
];

export const placeColumns: TableColumn<Place>[] = [
  { key: 'text', prop: 'text', labelKey: 'addresses.places.fields.text', kind: 'text', minWidth: 200, essential: true },
  { key: 'kind', labelKey: 'addresses.places.fields.kind', kind: 'custom', width: 110, essential: true },
  { key: 'community', labelKey: 'addresses.places.fields.community', kind: 'custom', minWidth: 150 },
  { key: 'createdAt', prop: 'createdAt', labelKey: 'addresses.places.fields.createdAt', kind: 'datetime', width: 150 },
];

export interface CompoundFilters {
  communityCode: string;
  q: string;
}

export function emptyCompoundFilters(): CompoundFilters {
  return { communityCode: '', q: '' };
}

export interface PlaceFilters {
  communityCode: string;
  kind: PlaceKind | '';
  q: string;
}

export function emptyPlaceFilters(): PlaceFilters {
  return { communityCode: '', kind: '', q: '' };
}

export interface CompoundForm {
  communityCode: string;
  name: string;
}

export interface PlaceForm {
  communityCode: string;
  kind: PlaceKind | '';
  text: string;
}

export interface GenerateForm {
  buildings: string;
  units: string;
  floors: string;
  roomsPerFloor: string;
  skipFloors: string;
  skipBuildings: string;
}

export type GenerateField = keyof GenerateForm;

export const GENERATE_FIELDS: readonly GenerateField[] = ['buildings', 'units', 'floors', 'roomsPerFloor', 'skipFloors', 'skipBuildings'];

/** Returns the ranges of a large high-rise compound: 30 buildings of 3 units, 33 floors and 4 rooms a floor, with no skips. */
export function defaultGenerateForm(): GenerateForm {
  return { buildings: '1-30', units: '1-3', floors: '1-33', roomsPerFloor: '1-4', skipFloors: '', skipBuildings: '' };
}

/** The count of numbers of each range after the skips, and the rooms they make together. */
export interface GenerationPlan {
  buildings: number;
  units: number;
  floors: number;
  roomsPerFloor: number;
  rooms: number;
}

export type GenerationPlanResult =
  { ok: true; plan: GenerationPlan } | { ok: false; field: GenerateField; code: AddressErrorCode | 'ADDRESS_GENERATION_TOO_LARGE' };

function readRange(spec: string): ReturnType<typeof expandNumberRange> {
  return expandNumberRange(spec, { max: MAX_ROOMS_PER_REQUEST });
}

/**
 * Counts the rooms a generation request names, as the server counts them:
 * buildings × units × floors × rooms per floor, leaving out skipped buildings
 * and floors. Empty skip fields skip nothing. Rooms that already exist are
 * counted too, because only the server stores them, and it reports them as skipped.
 */
export function planGeneration(form: GenerateForm): GenerationPlanResult {
  const numbers: Partial<Record<GenerateField, number[]>> = {};
  for (const field of GENERATE_FIELDS) {
    const spec = form[field].trim();
    if (spec === '' && (field === 'skipFloors' || field === 'skipBuildings')) {
      numbers[field] = [];
      continue;
    }
    const result = readRange(spec);
    if (!result.ok) return { ok: false, field, code: result.code };
    numbers[field] = result.value;
  }

  const skippedBuildings = new Set(numbers.skipBuildings);
  const skippedFloors = new Set(numbers.skipFloors);
  const plan = {
    buildings: (numbers.buildings ?? []).filter((number) => !skippedBuildings.has(number)).length,
    units: numbers.units?.length ?? 0,
    floors: (numbers.floors ?? []).filter((number) => !skippedFloors.has(number)).length,
    roomsPerFloor: numbers.roomsPerFloor?.length ?? 0,
  };
  const rooms = plan.buildings * plan.units * plan.floors * plan.roomsPerFloor;
  if (rooms > MAX_ROOMS_PER_REQUEST) return { ok: false, field: 'buildings', code: 'ADDRESS_GENERATION_TOO_LARGE' };
  return { ok: true, plan: { ...plan, rooms } };
}

/** Builds the request body of a form: trimmed ranges, and skip fields only when filled in. */
export function generateRequestOf(form: GenerateForm) {
  const skipFloors = form.skipFloors.trim();
  const skipBuildings = form.skipBuildings.trim();
  return {
    buildings: form.buildings.trim(),
    units: form.units.trim(),
    floors: form.floors.trim(),
    roomsPerFloor: form.roomsPerFloor.trim(),
    ...(skipFloors ? { skipFloors } : {}),
    ...(skipBuildings ? { skipBuildings } : {}),
  };
}

export function buildCompoundFormRules(t: Translate): Record<keyof CompoundForm, FormItemRule[]> {
  return {
    communityCode: [{ required: true, message: t('addresses.compounds.form.communityRequired'), trigger: 'change' }],
    name: [
      { required: true, whitespace: true, message: t('addresses.compounds.form.nameRequired'), trigger: 'blur' },
      {
        max: COMPOUND_NAME_MAX_LENGTH,
        message: t('addresses.compounds.form.nameTooLong', { max: COMPOUND_NAME_MAX_LENGTH }),
        trigger: 'blur',
      },
    ],
  };
}

export function buildPlaceFormRules(t: Translate): Record<keyof PlaceForm, FormItemRule[]> {
  return {
    communityCode: [{ required: true, message: t('addresses.places.form.communityRequired'), trigger: 'change' }],
    kind: [{ required: true, message: t('addresses.places.form.kindRequired'), trigger: 'change' }],
    text: [
      { required: true, whitespace: true, message: t('addresses.places.form.textRequired'), trigger: 'blur' },
      { max: PLACE_TEXT_MAX_LENGTH, message: t('addresses.places.form.textTooLong', { max: PLACE_TEXT_MAX_LENGTH }), trigger: 'blur' },
    ],
  };
}

/** Rules that read each range as the server will, so a malformed range is shown at its field before submitting. */
export function buildGenerateFormRules(t: Translate): Record<GenerateField, FormItemRule[]> {
  const rangeRule = (optional: boolean): FormItemRule => ({
    trigger: 'blur',
    validator: (_rule, value: unknown, callback) => {
      const spec = typeof value === 'string' ? value.trim() : '';
      if (spec === '') {
        callback(optional ? undefined : new Error(t('addresses.generate.form.rangeRequired')));
        return;
      }
      const result = readRange(spec);
      callback(result.ok ? undefined : new Error(t(`addresses.generate.errors.${result.code}`)));
    },
  });

  return {
    buildings: [rangeRule(false)],
    units: [rangeRule(false)],
    floors: [rangeRule(false)],
    roomsPerFloor: [rangeRule(false)],
    skipFloors: [rangeRule(true)],
    skipBuildings: [rangeRule(true)],
  };
}
