import type { Disposition, RegistrationMode } from '../../api/checkpoint-phone.js';
import type { Arrival, ArrivalTaskResult, RegistrationListItem, RegistrationQuery, RiskFilter } from '../../api/checkpoints.js';
import type { TableColumn } from '../../utils/table.js';
import { daysInRange, shiftDay } from '../declarations/data.js';

/** The server's maximum range of the registration list, statistics and export, in China days. */
export const MAX_RANGE_DAYS = 31;
/** Days the registrations page shows when it opens, today included. */
export const DEFAULT_RANGE_DAYS = 7;
export const PLATE_FILTER_MAX_LENGTH = 20;

export const RISK_FILTERS: readonly RiskFilter[] = ['high', 'medium', 'low', 'none'];

/** Element Plus tag type of each disposition, in warning colours for a car turned back or transferred. */
export const DISPOSITION_TAG_TYPES: Record<Disposition, 'success' | 'warning' | 'danger'> = {
  pass: 'success',
  turned_back: 'warning',
  transferred: 'danger',
};

/** Element Plus tag type of the result of an arrival's verification task. */
export const TASK_RESULT_TAG_TYPES: Record<ArrivalTaskResult, 'success' | 'danger'> = {
  found: 'success',
  not_found: 'danger',
};

export interface RegistrationFilters {
  /** First and last China day (YYYY-MM-DD), both included. */
  range: [string, string];
  checkpointId: string;
  disposition: Disposition | '';
  riskLevel: RiskFilter | '';
  mode: RegistrationMode | '';
  plate: string;
}

/** Returns the filters the page opens with: every registration of the last seven days up to today. */
export function defaultRegistrationFilters(today: string): RegistrationFilters {
  return {
    range: [shiftDay(today, -(DEFAULT_RANGE_DAYS - 1)), today],
    checkpointId: '',
    disposition: '',
    riskLevel: '',
    mode: '',
    plate: '',
  };
}

/** Returns what is wrong with a day range, or null: the end before the start, or more days than the server allows. */
export function rangeProblemOf(range: [string, string]): 'order' | 'tooLong' | null {
  const days = daysInRange(range[0], range[1]);
  if (!Number.isFinite(days) || days < 1) return 'order';
  return days > MAX_RANGE_DAYS ? 'tooLong' : null;
}

/**
 * Normalises a typed plate fragment for the filter: upper case, without the
 * spaces and middle dot that people type between the region and the number.
 */
export function plateFilterOf(text: string): string {
  return text.replace(/[\s·•・.]/g, '').toUpperCase();
}

/** Builds the range and checkpoint part shared by the statistics, the list and the export. */
export function statsQueryOf(filters: RegistrationFilters): Pick<RegistrationQuery, 'from' | 'to' | 'checkpointId'> {
  return { from: filters.range[0], to: filters.range[1], checkpointId: filters.checkpointId || undefined };
}

/** Builds the list and export query: empty filters are left out. */
export function registrationQueryOf(filters: RegistrationFilters): Omit<RegistrationQuery, 'page' | 'pageSize'> {
  const plate = plateFilterOf(filters.plate);
  return {
    ...statsQueryOf(filters),
    disposition: filters.disposition || undefined,
    riskLevel: filters.riskLevel || undefined,
    mode: filters.mode || undefined,
    plate: plate === '' ? undefined : plate,
  };
}

export const registrationColumns: TableColumn<RegistrationListItem>[] = [
  {
    key: 'registeredAt',
    prop: 'registeredAt',
    labelKey: 'checkpoints.registrations.fields.registeredAt',
    kind: 'datetime',
    width: 140,
    essential: true,
  },
  { key: 'checkpointName', prop: 'checkpointName', labelKey: 'checkpoints.registrations.fields.checkpoint', kind: 'text', minWidth: 130 },
  { key: 'plate', labelKey: 'checkpoints.registrations.fields.plate', kind: 'custom', minWidth: 130, essential: true },
  { key: 'mode', labelKey: 'checkpoints.registrations.fields.mode', kind: 'custom', width: 150 },
  { key: 'occupantCount', prop: 'occupantCount', labelKey: 'checkpoints.registrations.fields.occupants', kind: 'text', width: 80 },
  { key: 'risk', labelKey: 'checkpoints.registrations.fields.risk', kind: 'custom', width: 100, essential: true },
  { key: 'disposition', labelKey: 'checkpoints.registrations.fields.disposition', kind: 'custom', width: 120 },
  { key: 'destination', labelKey: 'checkpoints.registrations.fields.destination', kind: 'custom', minWidth: 140 },
];

export const arrivalColumns: TableColumn<Arrival>[] = [
  {
    key: 'registeredAt',
    prop: 'registeredAt',
    labelKey: 'checkpoints.arrivals.fields.registeredAt',
    kind: 'datetime',
    width: 140,
    essential: true,
  },
  { key: 'checkpointName', prop: 'checkpointName', labelKey: 'checkpoints.arrivals.fields.checkpoint', kind: 'text', minWidth: 130 },
  { key: 'plateNumber', prop: 'plateNumber', labelKey: 'checkpoints.arrivals.fields.plate', kind: 'mono', width: 110, essential: true },
  { key: 'occupantCount', prop: 'occupantCount', labelKey: 'checkpoints.arrivals.fields.occupants', kind: 'text', width: 80 },
  { key: 'destination', labelKey: 'checkpoints.arrivals.fields.destination', kind: 'custom', minWidth: 200, essential: true },
  { key: 'risk', labelKey: 'checkpoints.arrivals.fields.risk', kind: 'custom', width: 100 },
  { key: 'task', labelKey: 'checkpoints.arrivals.fields.task', kind: 'custom', minWidth: 170, essential: true },
];
