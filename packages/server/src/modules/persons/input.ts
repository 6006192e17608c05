import {
  cleanName,
  type DocumentType,
  lookupCounty,
  maskIdentityNumber,
  maskPhoneNumber,
  normalizeRegionCode,
  parseIdentityDocument,
  parsePhoneNumber,
  type PhoneNumber,
} from '@cordon/core';
import type { Keys } from '../../crypto/keys.js';
import { blindIndex, encryptField } from '../../crypto/field-encryption.js';
import { AppError } from '../../errors/app-error.js';

/** Blind-index kinds. Each is part of the hashed input, so changing one orphans every stored index. */
const DOCUMENT_INDEX_KIND = 'id_document';
const PHONE_INDEX_KIND = 'phone';

export function requireName(input: string): string {
  const name = cleanName(input);
  if (name === '') throw new AppError('FIELD_REQUIRED', 'name');
  return name;
}

/** Parses a document with @cordon/core, or throws its error code naming `documentNumber`. */
export function parseDocument(number: string, type: DocumentType | undefined, countryCode: string | undefined) {
  const parsed = parseIdentityDocument(number, { ...(type ? { type } : {}), ...(countryCode ? { countryCode } : {}) });
  if (!parsed.ok) throw new AppError(parsed.code, 'documentNumber');
  return parsed.value;
}

/** Computes the blind index of a document. The type is part of it, because numbers of different types may coincide. */
export function documentIndexOf(keys: Keys, document: { type: string; number: string }): string {
  return blindIndex(keys.blindIndex, DOCUMENT_INDEX_KIND, `${document.type}:${document.number}`);
}

export function documentColumnsOf(keys: Keys, number: string, type: DocumentType | undefined, countryCode: string | undefined) {
  const document = parseDocument(number, type, countryCode);
  return {
    countryCode: document.countryCode,
    columns: {
      document_type: document.type,
      document_number_enc: encryptField(keys.fieldEncryption, document.number),
      document_index: documentIndexOf(keys, document),
      document_masked: maskIdentityNumber(document.number),
      birth_date: document.birthDate ?? null,
      sex: document.sex ?? null,
      document_region_code: document.regionCode ?? null,
    },
  };
}

/** Parses a phone number, or throws its error code naming `phone`. */
export function parsePhone(input: string): PhoneNumber {
  const parsed = parsePhoneNumber(input);
  if (!parsed.ok) throw new AppError(parsed.code, 'phone');
  return parsed.value;
}

/** Computes the blind index of a phone from E.164 and an RFC 3966 extension, so 0512-65223456 and +86 512 6522 3456 match. */
export function phoneIndexOf(keys: Keys, phone: PhoneNumber): string {
  const key = phone.extension ? `${phone.e164};ext=${phone.extension}` : phone.e164;
  return blindIndex(keys.blindIndex, PHONE_INDEX_KIND, key);
}

export function phoneColumnsOf(keys: Keys, input: string | null) {
  if (input === null) return { phone_enc: null, phone_index: null, phone_masked: null };
  const phone = parsePhone(input);
  // Stored as dialled in China, with '#' before an extension as on a keypad.
  const dialled = phone.extension ? `${phone.national}#${phone.extension}` : phone.national;
  return {
    phone_enc: encryptField(keys.fieldEncryption, dialled),
    phone_index: phoneIndexOf(keys, phone),
    phone_masked: maskPhoneNumber(phone.national),
  };
}

/** Normalises the region a person arrived from. Its county part must be in the division table. */
export function parseOriginRegion(input: string | null): string | null {
  if (input === null) return null;
  const code = normalizeRegionCode(input);
  if (code === undefined) throw new AppError('REGION_CODE_INVALID', 'originRegionCode');
  if (!lookupCounty(code.slice(0, 6))) throw new AppError('REGION_NOT_FOUND', 'originRegionCode');
  return code;
}

/** Today's date in China (UTC+8, no daylight saving time), YYYY-MM-DD. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Rejects an arrival date (YYYY-MM-DD, format checked by the schema) later than today in China. */
export function checkArrivalDate(input: string | null): string | null {
  if (input !== null && input > chinaToday()) throw new AppError('DATE_IN_FUTURE', 'arrivalDate');
  return input;
}

/** Cleans optional text. A blank value returns null, which clears the field. */
export function cleanOptional(input: string | null): string | null {
  if (input === null) return null;
  const cleaned = cleanName(input);
  return cleaned === '' ? null : cleaned;
}

/** Maximum length of a file's notes in a request, in characters (code points). */
export const NOTES_MAX_LENGTH = 1000;

const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/u;
const FORMAT_OR_IGNORABLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
const CONTROL = /\p{Cc}/gu;

/**
 * Cleans notes line by line: NFC form, invisible and format characters
 * removed, tabs and runs of spaces folded to one space, and each line
 * trimmed. Runs of blank lines fold to one, and blank lines at either end go.
 * Text with no letter or digit returns null, which clears the notes.
 */
export function cleanNotes(input: string | null): string | null {
  if (input === null) return null;
  const lines = input
    .normalize('NFC')
    .split(LINE_BREAK)
    .map((line) => line.replace(FORMAT_OR_IGNORABLE, '').replace(CONTROL, ' ').replace(/\s+/gu, ' ').trim());

  const kept: string[] = [];
  for (const line of lines) {
    if (line === '' && (kept.length === 0 || kept.at(-1) === '')) continue;
    kept.push(line);
  }
  while (kept.at(-1) === '') kept.pop();

  const cleaned = kept.join('\n');
  if (!/[\p{L}\p{N}]/u.test(cleaned)) return null;
  // NFC composes far more often than it expands, but a few characters grow, so the schema's check alone is not enough.
  if (Array.from(cleaned).length > NOTES_MAX_LENGTH) throw new AppError('FIELD_TOO_LONG', 'notes', { limit: NOTES_MAX_LENGTH });
  return cleaned;
}

/**
 * Appends notes to stored notes after a line break. Notes that the stored
 * text already contains as whole lines are not added again, so merging or
 * importing the same text twice leaves one copy. The result may exceed NOTES_MAX_LENGTH.
 */
export function appendNotes(stored: string | null, added: string | null): string | null {
  if (added === null || added === '') return stored;
  if (stored === null || stored === '') return added;
  if (`\n${stored}\n`.includes(`\n${added}\n`)) return stored;
  return `${stored}\n${added}`;
}

/**
 * Formats the cells that an import keeps as notes, one "header: value" line
 * per cell, each cleaned with cleanName, so a line break inside a cell becomes
 * a space. No length limit applies, because a roster row is not rejected for
 * its notes. Returns null when no cell has text. An import writes the result
 * to a new file's `notes` column, or joins it to a stored file's notes with appendNotes.
 */
export function importedNotesOf(cells: ReadonlyArray<{ header: string; value: string }>): string | null {
  const lines = cells.map((cell) => cleanName(`${cell.header}: ${cell.value}`)).filter((line) => line !== '');
  return lines.length === 0 ? null : lines.join('\n');
}

/**
 * Resolves a marker (key person, close contact) and its reason. A set marker
 * needs a reason, new or kept from before, and clearing the marker clears its reason.
 */
export function resolveMarker(
  requested: { flag: boolean | undefined; reason: string | null | undefined },
  current: { flag: boolean; reason: string | null },
  reasonField: string,
): { flag: number; reason: string | null } {
  const flag = requested.flag ?? current.flag;
  if (!flag) return { flag: 0, reason: null };

  const reason = requested.reason === undefined ? current.reason : cleanOptional(requested.reason);
  if (reason === null) throw new AppError('PERSON_MARKER_REASON_REQUIRED', reasonField);
  return { flag: 1, reason };
}

export function regionNamesOf(code: string | null): string[] {
  if (code === null) return [];
  return lookupCounty(code.slice(0, 6))?.path ?? [];
}
