import type { Role } from '@cordon/core';
import type { FormItemRule } from 'element-plus';
import type { Place, PlaceKind, Room, UpdatePlaceRequest, UpdateRoomRequest } from '../../api/addresses.js';
import type { CreateTenancyRequest, HouseholdView, Occupant, Tenancy, TenancyStatus } from '../../api/households.js';
import type { TableColumn } from '../../utils/table.js';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** Roles the server lets create and end tenancies. Room and place edits use ADDRESS_WRITE_ROLES. */
export const TENANCY_WRITE_ROLES: readonly Role[] = ['admin', 'subdistrict_staff', 'community_staff', 'grid_worker'];

// The server's limits on room numbers, floors and the reason for ending a tenancy.
export const ROOM_NUMBER_MAX_LENGTH = 16;
export const MIN_FLOOR = -9;
export const MAX_FLOOR = 99;
export const END_REASON_MAX_LENGTH = 200;

export const occupantColumns: TableColumn<Occupant>[] = [
  { key: 'name', labelKey: 'households.occupants.fields.name', kind: 'custom', minWidth: 110, essential: true },
  { key: 'role', labelKey: 'households.occupants.fields.role', kind: 'custom', width: 90, essential: true },
  { key: 'documentMasked', prop: 'documentMasked', labelKey: 'households.occupants.fields.document', kind: 'mono', minWidth: 170 },
  { key: 'phoneMasked', prop: 'phoneMasked', labelKey: 'households.occupants.fields.phone', kind: 'mono', width: 120 },
  { key: 'markers', labelKey: 'households.occupants.fields.markers', kind: 'custom', minWidth: 120, essential: true },
];

export const tenancyColumns: TableColumn<Tenancy>[] = [
  { key: 'landlord', labelKey: 'households.tenancies.landlord', kind: 'custom', minWidth: 90, essential: true },
  { key: 'tenant', labelKey: 'households.tenancies.tenant', kind: 'custom', minWidth: 90, essential: true },
  { key: 'period', labelKey: 'households.tenancies.period', kind: 'custom', minWidth: 190 },
  { key: 'status', labelKey: 'households.tenancies.status', kind: 'custom', width: 90, essential: true },
  { key: 'endedReason', prop: 'endedReason', labelKey: 'households.tenancies.endedReason', kind: 'text', minWidth: 100 },
];

/** The address a household drawer shows: a room or a place, by id. */
export interface HouseholdTarget {
  type: 'room' | 'place';
  id: string;
}

/** Today's date in China (UTC+8, no daylight saving time), YYYY-MM-DD, the calendar the server checks dates against. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Element Plus tag type of a tenancy status. */
export function tenancyStatusTagType(status: TenancyStatus): 'success' | 'warning' | 'info' {
  if (status === 'active') return 'success';
  if (status === 'upcoming') return 'warning';
  return 'info';
}

/**
 * Latest end date the server accepts when ending a tenancy: today, or the
 * start date of a tenancy that has not started yet (which cancels it).
 */
export function latestEndDateOf(startDate: string, today: string): string {
  return startDate > today ? startDate : today;
}

export interface TenancyForm {
  landlordPersonId: string;
  tenantPersonId: string;
  startDate: string;
  endDate: string;
}

export function emptyTenancyForm(today: string): TenancyForm {
  return { landlordPersonId: '', tenantPersonId: '', startDate: today, endDate: '' };
}

/** Builds the create request of a tenancy of the drawer's room or place, without an empty end date. */
export function tenancyRequestOf(target: HouseholdTarget, form: TenancyForm): CreateTenancyRequest {
  return {
    ...(target.type === 'room' ? { roomId: target.id } : { placeId: target.id }),
    landlordPersonId: form.landlordPersonId,
    tenantPersonId: form.tenantPersonId,
    startDate: form.startDate,
    ...(form.endDate ? { endDate: form.endDate } : {}),
  };
}

export function buildTenancyFormRules(t: Translate, form: TenancyForm): Record<keyof TenancyForm, FormItemRule[]> {
  return {
    landlordPersonId: [{ required: true, message: t('households.tenancyForm.landlordRequired'), trigger: 'change' }],
    tenantPersonId: [
      { required: true, message: t('households.tenancyForm.tenantRequired'), trigger: 'change' },
      {
        trigger: 'change',
        validator: (_rule, value: unknown, callback) =>
          callback(value && value === form.landlordPersonId ? new Error(t('households.tenancyForm.samePerson')) : undefined),
      },
    ],
    startDate: [{ required: true, message: t('households.tenancyForm.startRequired'), trigger: 'change' }],
    endDate: [
      {
        trigger: 'change',
        validator: (_rule, value: unknown, callback) =>
          callback(
            typeof value === 'string' && value && value < form.startDate
              ? new Error(t('households.tenancyForm.endBeforeStart'))
              : undefined,
          ),
      },
    ],
  };
}

export interface EndTenancyForm {
  endDate: string;
  reason: string;
}

export function buildEndTenancyFormRules(t: Translate, startDate: string, today: string): Record<keyof EndTenancyForm, FormItemRule[]> {
  const latest = latestEndDateOf(startDate, today);
  return {
    endDate: [
      { required: true, message: t('households.endForm.endRequired'), trigger: 'change' },
      {
        trigger: 'change',
        validator: (_rule, value: unknown, callback) => {
          const date = typeof value === 'string' ? value : '';
          if (date && date < startDate) callback(new Error(t('households.tenancyForm.endBeforeStart')));
          else if (date > latest) callback(new Error(t('households.endForm.endTooLate', { date: latest })));
          else callback();
        },
      },
    ],
    reason: [
      { required: true, whitespace: true, message: t('households.endForm.reasonRequired'), trigger: 'blur' },
      { max: END_REASON_MAX_LENGTH, message: t('households.endForm.reasonTooLong', { max: END_REASON_MAX_LENGTH }), trigger: 'blur' },
    ],
  };
}

export interface RoomEditForm {
  number: string;
  floor: number;
}

/**
 * Builds a room edit with only the fields that changed. The floor goes along
 * only when the user changed it, so that the server reads it from a new
 * 3- or 4-digit number otherwise.
 */
export function roomEditRequestOf(room: Pick<Room, 'number' | 'floor'>, form: RoomEditForm): UpdateRoomRequest {
  const number = form.number.trim();
  return {
    ...(number !== room.number ? { number } : {}),
    ...(form.floor !== room.floor ? { floor: form.floor } : {}),
  };
}

export interface PlaceEditForm {
  kind: PlaceKind;
  text: string;
}

/** Builds a place edit with only the fields that changed. */
export function placeEditRequestOf(place: Pick<Place, 'kind' | 'text'>, form: PlaceEditForm): UpdatePlaceRequest {
  const text = form.text.trim();
  return {
    ...(form.kind !== place.kind ? { kind: form.kind } : {}),
    ...(text !== place.text ? { text } : {}),
  };
}

/** Counts the occupants and the tenancies that are not ended, for the drawer's summary. */
export function householdCounts(view: Pick<HouseholdView, 'occupants' | 'tenancies'>) {
  return {
    occupants: view.occupants.length,
    openTenancies: view.tenancies.filter((tenancy) => tenancy.status !== 'ended').length,
  };
}
