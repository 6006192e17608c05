import type { FormItemRule } from 'element-plus';
import type { CheckpointType } from '../../api/checkpoint-phone.js';
import type { Checkpoint, CheckpointChanges, CheckpointDevice, CheckpointRequest } from '../../api/checkpoints.js';
import type { TableColumn } from '../../utils/table.js';

type Translate = (key: string, named?: Record<string, unknown>) => string;

// The server's limits on a checkpoint and an enrolled phone.
export const CHECKPOINT_NAME_MAX_LENGTH = 100;
export const LOCATION_MAX_LENGTH = 200;
export const DEVICE_NAME_MAX_LENGTH = 50;
export const MAX_ROSTER_OFFICERS = 200;

/** Interval at which the enrolment dialog polls the enrolment's status. */
export const ENROLMENT_POLL_MS = 2_000;
/**
 * Lifetime of an enrolment token in seconds. The countdown is capped at it, so
 * a browser clock behind the server's cannot show a longer validity.
 */
export const ENROLMENT_VALID_SECONDS = 10 * 60;

export const checkpointColumns: TableColumn<Checkpoint>[] = [
  { key: 'name', labelKey: 'checkpoints.fields.name', kind: 'custom', minWidth: 160, essential: true },
  { key: 'type', labelKey: 'checkpoints.fields.type', kind: 'custom', width: 120 },
  { key: 'node', labelKey: 'checkpoints.fields.node', kind: 'custom', minWidth: 140 },
  { key: 'location', labelKey: 'checkpoints.fields.location', kind: 'custom', minWidth: 180 },
  { key: 'officers', labelKey: 'checkpoints.fields.officers', kind: 'custom', minWidth: 160 },
  { key: 'devices', labelKey: 'checkpoints.fields.devices', kind: 'custom', width: 120, essential: true },
];

export const deviceColumns: TableColumn<CheckpointDevice>[] = [
  { key: 'name', prop: 'name', labelKey: 'checkpoints.devices.fields.name', kind: 'text', minWidth: 120, essential: true },
  { key: 'keyPrefix', prop: 'keyPrefix', labelKey: 'checkpoints.devices.fields.keyPrefix', kind: 'mono', width: 120 },
  { key: 'createdAt', prop: 'createdAt', labelKey: 'checkpoints.devices.fields.createdAt', kind: 'datetime', width: 140 },
  { key: 'lastUsedAt', prop: 'lastUsedAt', labelKey: 'checkpoints.devices.fields.lastUsedAt', kind: 'datetime', width: 140 },
];

/** Returns the tag colour of a checkpoint type, one per type. */
export function checkpointTypeTag(type: CheckpointType): 'primary' | 'success' | 'warning' {
  if (type === 'highway_exit') return 'primary';
  if (type === 'road') return 'success';
  return 'warning';
}

export interface CheckpointForm {
  name: string;
  type: CheckpointType;
  nodeCode: string;
  location: string;
  /** Decimal degrees as typed; blank for none. */
  longitude: string;
  latitude: string;
}

export type CheckpointFormField = keyof CheckpointForm;
export const CHECKPOINT_FORM_FIELDS: readonly CheckpointFormField[] = ['name', 'type', 'nodeCode', 'location', 'longitude', 'latitude'];

export function emptyCheckpointForm(nodeCode: string): CheckpointForm {
  return { name: '', type: 'highway_exit', nodeCode, location: '', longitude: '', latitude: '' };
}

export function checkpointFormOf(checkpoint: Checkpoint): CheckpointForm {
  return {
    name: checkpoint.name,
    type: checkpoint.type,
    nodeCode: checkpoint.nodeCode,
    location: checkpoint.location,
    longitude: checkpoint.longitude ?? '',
    latitude: checkpoint.latitude ?? '',
  };
}

// Decimal degrees with an optional sign and at most 8 decimals, as the server
// takes them, so "120.62" passes and "120°37'" or "1e2" does not.
const DEGREES_PATTERN = /^[+-]?\d{1,3}(\.\d{1,8})?$/;

/**
 * Reads a coordinate as typed: decimal degrees within ±limit (180 for a
 * longitude, 90 for a latitude). Returns the normalised text, null for a
 * blank value, or undefined when the value is invalid.
 */
export function readDegrees(text: string, limit: number): string | null | undefined {
  const trimmed = text.trim().replace(/^\+/, '');
  if (trimmed === '') return null;
  if (!DEGREES_PATTERN.test(trimmed)) return undefined;
  const value = Number(trimmed);
  if (Math.abs(value) > limit) return undefined;
  return trimmed;
}

/**
 * Checks one coordinate of the form: decimal degrees in range, and given
 * only together with the other one, because a point needs both.
 */
export function coordinateRule(t: Translate, field: 'longitude' | 'latitude', otherValue: () => string): FormItemRule {
  const limit = field === 'longitude' ? 180 : 90;
  return {
    validator: (_rule, value: unknown, callback) => {
      const text = typeof value === 'string' ? value : '';
      if (readDegrees(text, limit) === undefined) {
        callback(new Error(t(`checkpoints.form.${field}Invalid`, { max: limit })));
        return;
      }
      const missing = text.trim() === '' && otherValue().trim() !== '';
      callback(missing ? new Error(t('checkpoints.form.coordinatesPair')) : undefined);
    },
    trigger: 'blur',
  };
}

/**
 * Builds the body of a new checkpoint: trimmed text, and a coordinate only
 * when one was typed. The form rules have checked the coordinates, so an
 * invalid one never gets here.
 */
export function checkpointRequestOf(form: CheckpointForm): CheckpointRequest {
  const longitude = readDegrees(form.longitude, 180);
  const latitude = readDegrees(form.latitude, 90);
  return {
    name: form.name.trim(),
    type: form.type,
    nodeCode: form.nodeCode,
    location: form.location.trim(),
    ...(longitude ? { longitude } : {}),
    ...(latitude ? { latitude } : {}),
  };
}

/** Builds the changes of an existing checkpoint: its jurisdiction stays, and null clears a coordinate. */
export function checkpointChangesOf(form: CheckpointForm): CheckpointChanges {
  const { nodeCode: _nodeCode, ...request } = checkpointRequestOf(form);
  return { ...request, longitude: readDegrees(form.longitude, 180) ?? null, latitude: readDegrees(form.latitude, 90) ?? null };
}

/** Seconds left until an enrolment token expires, never below 0 and never above the token's lifetime. */
export function secondsUntil(expiresAt: string, now = Date.now()): number {
  const left = Math.ceil((Date.parse(expiresAt) - now) / 1000);
  if (!Number.isFinite(left)) return 0;
  return Math.min(ENROLMENT_VALID_SECONDS, Math.max(0, left));
}

/** Formats a countdown as m:ss. */
export function countdownText(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}
