import type { GateAction, GateDirection, GateEventKind } from '@cordon/core';
import { AppError } from '../../../errors/app-error.js';

export const GATE_FORMATS = ['cordon', 'hikvision', 'dahua', 'vzenith', 'gat1400'] as const;
export type GateFormat = (typeof GATE_FORMATS)[number];

export const PICTURE_ROLES = ['plate', 'scene', 'face'] as const;
export type PictureRole = (typeof PICTURE_ROLES)[number];
export const PICTURE_TYPES = ['image/jpeg', 'image/png'] as const;
export type PictureType = (typeof PICTURE_TYPES)[number];

/** A request body as the content-type parsers of the device routes hand it over. */
export interface DeviceRequest {
  /** A parsed JSON value, an XML string, or the parts of a multipart body. */
  body: unknown;
  contentType: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface EventPicture {
  role: PictureRole;
  contentType: PictureType;
  data: Buffer;
}

/** One gate event in Cordon's terms, whatever format the device posted. */
export interface NormalizedGateEvent {
  /** The device's own id of the event, or "sha256:<hex>" of its content when the format has none. */
  sourceKey: string;
  /** ISO 8601 instant. */
  occurredAt: string;
  kind: GateEventKind;
  direction: GateDirection | null;
  /** Plate text as the device sent it, unparsed; null when the event carries none. */
  plate: string | null;
  cardNumber: string | null;
  qrCode: string | null;
  temperatureTenths: number | null;
  pictures: EventPicture[];
}

/** What Cordon decided for one event, before a format turns it into the vendor's reply. */
export interface GateEventReply {
  eventId: string;
  sourceKey: string;
  decision: 'open' | 'deny';
  alert: boolean;
  action: GateAction;
  rule: { id: string; kind: string } | null;
  /** Short text for the gate's display, in the request's language. */
  message: string;
}

/** The result of one event of a request: the reply, or the error that rejected it. */
export type GateEventOutcome = { sourceKey: string; reply: GateEventReply } | { sourceKey: string; error: AppError };

export interface FormatResponse {
  statusCode: number;
  contentType: string;
  body: string;
}

export interface GateFormatAdapter {
  format: GateFormat;
  parse(request: DeviceRequest): NormalizedGateEvent[];
  respond(outcomes: GateEventOutcome[]): FormatResponse;
}

/** Rejects a device body: a required field is missing. `field` is the path in the vendor's document. */
export function missingField(field: string): AppError {
  return new AppError('GATE_EVENT_FIELD_MISSING', field, { path: field });
}

/** Most pictures stored with one event; a device that sends more gets 400 rather than losing some silently. */
export const MAX_EVENT_PICTURES = 4;

/** Rejects an event with more than MAX_EVENT_PICTURES pictures. `field` is where the pictures are in the vendor's document. */
export function tooManyPictures(field: string): AppError {
  return new AppError('GATE_EVENT_TOO_MANY_PICTURES', field, { path: field, limit: MAX_EVENT_PICTURES });
}

/** Rejects a device body: a field has a value the format does not allow. */
export function invalidField(field: string): AppError {
  return new AppError('GATE_EVENT_FIELD_INVALID', field, { path: field });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a nested property by path; undefined when any step is missing. */
export function pathValue(root: unknown, path: readonly string[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

function fieldOf(prefix: string, path: readonly string[]): string {
  return prefix === '' ? path.join('.') : `${prefix}.${path.join('.')}`;
}

/** An object at `path` below `root`; `prefix` is the path of `root` in the document, for error messages. */
export function requireRecord(root: unknown, path: readonly string[], prefix = ''): Record<string, unknown> {
  const value = pathValue(root, path);
  if (value === undefined || value === null) throw missingField(fieldOf(prefix, path));
  if (!isRecord(value)) throw invalidField(fieldOf(prefix, path));
  return value;
}

/**
 * A string field of at most `maxLength` characters, trimmed; null when absent
 * or blank. Any other JSON type is rejected, so a plate or a time sent as a
 * number gets 400 naming the field instead of being read as something else.
 */
export function optionalString(root: unknown, path: readonly string[], maxLength = 120, prefix = ''): string | null {
  const value = pathValue(root, path);
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length > maxLength) throw invalidField(fieldOf(prefix, path));
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

export function requireString(root: unknown, path: readonly string[], maxLength = 120, prefix = ''): string {
  const value = optionalString(root, path, maxLength, prefix);
  if (value === null) throw missingField(fieldOf(prefix, path));
  return value;
}

/**
 * An identifier field that vendors send as a string or as an integer (Vzenith's
 * plateid, Dahua's RecordID); an integer is read as its decimal text.
 */
export function optionalText(root: unknown, path: readonly string[], maxLength = 120, prefix = ''): string | null {
  const value = pathValue(root, path);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw invalidField(fieldOf(prefix, path));
    return String(value);
  }
  return optionalString(root, path, maxLength, prefix);
}

export function requireText(root: unknown, path: readonly string[], maxLength = 120, prefix = ''): string {
  const value = optionalText(root, path, maxLength, prefix);
  if (value === null) throw missingField(fieldOf(prefix, path));
  return value;
}

/** Latest instant a device may report: 9999-12-31T23:59:59Z. Later values are bad input, and JavaScript dates end soon after. */
const MAX_DEVICE_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

/** ISO 8601 text of a device time in milliseconds since 1970, or 400 naming the field when it is not finite, negative or past 9999. */
export function instantOf(milliseconds: number, field: string): string {
  if (!Number.isFinite(milliseconds) || milliseconds < 0 || milliseconds > MAX_DEVICE_TIME_MS) throw invalidField(field);
  return new Date(milliseconds).toISOString();
}

/** Decodes a base64 picture; the magic bytes decide between JPEG and PNG, and anything else is rejected. */
export function decodePicture(data: unknown, role: PictureRole, field: string): EventPicture {
  if (typeof data !== 'string' || !/^[A-Za-z0-9+/=\s]+$/.test(data)) throw invalidField(field);
  return pictureOf(Buffer.from(data, 'base64'), role, field);
}

export function pictureOf(bytes: Buffer, role: PictureRole, field: string): EventPicture {
  const contentType = sniffPictureType(bytes);
  if (!contentType) throw invalidField(field);
  return { role, contentType, data: bytes };
}

export function sniffPictureType(bytes: Buffer): PictureType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

/**
 * Reads a device's local time without a zone ("2020-02-10 08:15:30",
 * "20200210081530") as China Standard Time (UTC+8), the zone these cameras
 * are installed in; an ISO time with an offset keeps its own.
 */
export function parseDeviceTime(value: string, field: string): string {
  const compact = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  const text = compact
    ? `${compact[1]}-${compact[2]}-${compact[3]}T${compact[4]}:${compact[5]}:${compact[6]}+08:00`
    : /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/.test(value)
      ? `${value.replace(' ', 'T')}+08:00`
      : value;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:?\d{2})$/.test(text)) throw invalidField(field);
  return instantOf(Date.parse(text), field);
}

export function jsonResponse(statusCode: number, body: unknown): FormatResponse {
  return { statusCode, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) };
}
