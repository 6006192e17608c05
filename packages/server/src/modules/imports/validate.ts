import { cleanName, type DocumentType, parseIdentityDocument, parsePhoneNumber, toHalfWidth } from '@cordon/core';
import { chinaToday } from '../persons/input.js';
import type { AddressIndex } from './address-index.js';
import type { HeaderColumn } from './header.js';
import {
  DOCUMENT_TYPE_LABELS,
  dropDownLabels,
  HOUSEHOLD_ROLE_LABELS,
  type ImportField,
  type ImportKind,
  TRAVEL_MODE_LABELS,
} from './kinds.js';
import { type CellValue, cellText, columnLetterOf, type SheetRow } from './sheet-rows.js';
import { parseLabel, parseOriginRegionText, parseSheetDate } from './values.js';

/** Maximum lengths of a name and a travel number, the same as the person API's schema. */
const MAX_NAME_LENGTH = 50;
const MAX_TRAVEL_NUMBER_LENGTH = 32;

/** A problem with one cell, or with the row when `column` is null. Messages are formatted per request from the code. */
export interface RowError {
  column: string | null;
  field: string | null;
  /** The cell's text, unmasked: it is stored encrypted and masked when shown. */
  value: string;
  code: string;
  params?: Record<string, string | number>;
}

export interface Note {
  header: string;
  value: string;
}

export interface PersonInput {
  name: string;
  documentType: string;
  /** Normalised number as @cordon/core returns it. */
  documentNumber: string;
  nationality: string | null;
  /** The phone as written; parsed again when the file is written. */
  phone: string | null;
}

export interface ArrivalRecord {
  kind: 'arrivals';
  person: PersonInput;
  originRegionCode: string | null;
  arrivalDate: string | null;
  travelMode: string | null;
  travelNumber: string | null;
  roomId: string | null;
  placeId: string | null;
  addressText: string | null;
  householdRole: string | null;
  notes: Note[];
}

export interface RentalRecord {
  kind: 'rentals';
  landlord: PersonInput;
  tenant: PersonInput;
  roomId: string | null;
  placeId: string | null;
  addressText: string;
  startDate: string;
  endDate: string | null;
  notes: Note[];
}

export type ImportRecord = ArrivalRecord | RentalRecord;

export interface RowOutcome {
  record?: ImportRecord;
  errors: RowError[];
  /** Document fields whose valid number ends in 000, the shape Excel leaves after it rounds to 15 digits. */
  possiblyMangled: string[];
}

const NATIONALITY_PATTERN = /^[A-Z]{3}$/;
const CHINA_NAMES = new Set(['中国', '中华人民共和国', 'CHINA']);

/** Validates the rows of one import against the header and the community's addresses. */
export class RowValidator {
  private readonly columnOfField = new Map<ImportField, HeaderColumn>();
  private readonly noteColumns: HeaderColumn[];
  private readonly knownIndexes: Set<number>;

  constructor(
    private readonly kind: ImportKind,
    private readonly columns: HeaderColumn[],
    private readonly addresses: AddressIndex,
    private readonly today = chinaToday(),
  ) {
    for (const column of columns) if (column.field) this.columnOfField.set(column.field, column);
    this.noteColumns = columns.filter((column) => !column.ignored && (column.field === null || column.field === 'notes'));
    this.knownIndexes = new Set(columns.map((column) => column.index));
  }

  validate(row: SheetRow): RowOutcome {
    const errors: RowError[] = [];
    const possiblyMangled: string[] = [];
    const reader = new RowReader(row, this.columnOfField, errors);
    const notes = this.notesOf(row);
    const record =
      this.kind === 'arrivals' ? this.arrival(reader, notes, possiblyMangled) : this.rental(reader, notes, possiblyMangled, errors);
    return errors.length === 0 && record ? { record, errors, possiblyMangled } : { errors, possiblyMangled };
  }

  /** Notes: the notes column, every column with an unknown header, and cells of columns without a header. */
  private notesOf(row: SheetRow): Note[] {
    const notes: Note[] = [];
    for (const column of this.noteColumns) {
      const value = cellText(row.cells[column.index] ?? null).trim();
      if (value !== '') notes.push({ header: column.header, value });
    }
    for (const [index, cell] of row.cells.entries()) {
      if (this.knownIndexes.has(index)) continue;
      const value = cellText(cell).trim();
      if (value !== '') notes.push({ header: columnLetterOf(index), value });
    }
    return notes;
  }

  private arrival(reader: RowReader, notes: Note[], possiblyMangled: string[]): ArrivalRecord | undefined {
    const person = readPerson(reader, { name: 'name', type: 'documentType', number: 'documentNumber', phone: 'phone' }, possiblyMangled);
    const originRegionCode = reader.optional<string>('originRegion', (text) => {
      const code = parseOriginRegionText(text);
      if (code === undefined) return { code: 'IMPORT_REGION_UNKNOWN' };
      if (code === null) return { code: 'IMPORT_REGION_AMBIGUOUS' };
      return { value: code };
    });
    const arrivalDate = reader.optionalCell<string>('arrivalDate', (cell) => {
      const date = parseSheetDate(cell, { yearless: 'past', today: this.today });
      if (date === undefined) return { code: 'IMPORT_DATE_INVALID' };
      if (date > this.today) return { code: 'DATE_IN_FUTURE' };
      return { value: date };
    });
    const travelMode = reader.optional('travelMode', (text) => labelOf(text, TRAVEL_MODE_LABELS, 5));
    const travelNumber = reader.optional('travelNumber', (text) => boundedText(compactTravelNumber(text), MAX_TRAVEL_NUMBER_LENGTH));
    const householdRole = reader.optional('householdRole', (text) => labelOf(text, HOUSEHOLD_ROLE_LABELS, 4));
    const address = reader.optional('address', (text) => {
      const found = this.addresses.find(text);
      return found.ok ? { value: { ...found.match, text: cleanName(text) } } : { code: found.code };
    });

    if (!person) return undefined;
    return {
      kind: 'arrivals',
      person,
      originRegionCode,
      arrivalDate,
      travelMode,
      travelNumber,
      roomId: address?.roomId ?? null,
      placeId: address?.placeId ?? null,
      addressText: address?.text ?? null,
      householdRole,
      notes,
    };
  }

  private rental(reader: RowReader, notes: Note[], possiblyMangled: string[], errors: RowError[]): RentalRecord | undefined {
    const address = reader.required('address', (text) => {
      const found = this.addresses.find(text);
      return found.ok ? { value: { ...found.match, text: cleanName(text) } } : { code: found.code };
    });
    const landlord = readPerson(
      reader,
      { name: 'landlordName', type: 'landlordDocumentType', number: 'landlordDocumentNumber', phone: 'landlordPhone' },
      possiblyMangled,
    );
    const tenant = readPerson(
      reader,
      { name: 'tenantName', type: 'tenantDocumentType', number: 'tenantDocumentNumber', phone: 'tenantPhone' },
      possiblyMangled,
    );
    const startDate = reader.requiredCell('startDate', (cell) => dateOf(parseSheetDate(cell, { yearless: 'current', today: this.today })));
    const endDate = reader.optionalCell('endDate', (cell) => dateOf(parseSheetDate(cell, { yearless: 'current', today: this.today })));

    if (startDate && endDate && endDate < startDate) reader.fail('endDate', 'IMPORT_END_BEFORE_START');
    if (landlord && tenant && landlord.documentType === tenant.documentType && landlord.documentNumber === tenant.documentNumber) {
      reader.fail('tenantDocumentNumber', 'IMPORT_LANDLORD_IS_TENANT');
    }
    if (!address || !landlord || !tenant || !startDate || errors.length > 0) return undefined;
    return {
      kind: 'rentals',
      landlord,
      tenant,
      roomId: address.roomId,
      placeId: address.placeId,
      addressText: address.text,
      startDate,
      endDate,
      notes,
    };
  }
}

type Check<T> = { value: T; code?: undefined; params?: undefined } | { code: string; params?: Record<string, string | number> };

function dateOf(date: string | undefined): Check<string> {
  return date === undefined ? { code: 'IMPORT_DATE_INVALID' } : { value: date };
}

function labelOf(text: string, labels: Record<string, string>, offered: number): Check<string> {
  const value = parseLabel(text, labels);
  return value === undefined
    ? { code: 'IMPORT_VALUE_NOT_IN_LIST', params: { allowed: dropDownLabels(labels, offered).join('、') } }
    : { value };
}

function boundedText(text: string, maxLength: number): Check<string> {
  if (Array.from(text).length > maxLength) return { code: 'FIELD_TOO_LONG', params: { limit: maxLength } };
  return { value: text };
}

/** Train numbers, flights and plates are codes: half-width, upper case, no spaces. */
function compactTravelNumber(text: string): string {
  return toHalfWidth(text).replace(/\s+/gu, '').toUpperCase();
}

/** Reads the cells of one row by field and collects each cell's error. */
class RowReader {
  constructor(
    private readonly row: SheetRow,
    private readonly columnOfField: Map<ImportField, HeaderColumn>,
    private readonly errors: RowError[],
  ) {}

  cell(field: ImportField): CellValue {
    const column = this.columnOfField.get(field);
    return column === undefined ? null : (this.row.cells[column.index] ?? null);
  }

  text(field: ImportField): string {
    return cellText(this.cell(field)).trim();
  }

  fail(field: ImportField, code: string, params?: Record<string, string | number>): void {
    const error: RowError = { column: this.columnOfField.get(field)?.header ?? null, field, value: this.text(field), code };
    if (params) error.params = params;
    this.errors.push(error);
  }

  private check<T>(field: ImportField, result: Check<T>): T | undefined {
    if (result.code === undefined) return result.value;
    this.fail(field, result.code, result.params);
    return undefined;
  }

  optional<T>(field: ImportField, parse: (text: string) => Check<T>): T | null {
    const text = this.text(field);
    if (text === '') return null;
    const value: T | undefined = this.check(field, parse(text));
    return value === undefined ? null : value;
  }

  optionalCell<T>(field: ImportField, parse: (cell: CellValue) => Check<T>): T | null {
    if (this.text(field) === '') return null;
    const value: T | undefined = this.check(field, parse(this.cell(field)));
    return value === undefined ? null : value;
  }

  required<T>(field: ImportField, parse: (text: string) => Check<T>): T | undefined {
    const text = this.text(field);
    if (text === '') {
      this.fail(field, 'FIELD_REQUIRED');
      return undefined;
    }
    return this.check(field, parse(text));
  }

  requiredCell<T>(field: ImportField, parse: (cell: CellValue) => Check<T>): T | undefined {
    if (this.text(field) === '') {
      this.fail(field, 'FIELD_REQUIRED');
      return undefined;
    }
    return this.check(field, parse(this.cell(field)));
  }
}

interface PersonFields {
  name: ImportField;
  type: ImportField;
  number: ImportField;
  phone: ImportField;
}

/**
 * Reads one person's name, document and phone with the core parsers. A
 * numeric cell goes to the parser as a number, so an 18-digit ID that Excel
 * stored as a number is reported as Excel damage and never read as the
 * rounded number it became.
 */
function readPerson(reader: RowReader, fields: PersonFields, possiblyMangled: string[]): PersonInput | undefined {
  const name = reader.required(fields.name, (text) => {
    const cleaned = cleanName(text);
    if (cleaned === '') return { code: 'FIELD_REQUIRED' };
    return boundedText(cleaned, MAX_NAME_LENGTH);
  });
  const type = reader.optional(fields.type, (text) => labelOf(text, DOCUMENT_TYPE_LABELS, 6));
  const nationality = fields.type === 'documentType' ? reader.optional<string>('nationality', nationalityOf) : null;

  const numberCell = reader.cell(fields.number);
  let document: { type: string; number: string } | undefined;
  if (reader.text(fields.number) === '') reader.fail(fields.number, 'FIELD_REQUIRED');
  else if (numberCell instanceof Date) reader.fail(fields.number, 'ID_NUMBER_FORMAT_INVALID');
  else {
    const options = { ...(type ? { type: type as DocumentType } : {}), ...(nationality ? { countryCode: nationality } : {}) };
    const parsed = parseIdentityDocument(numberCell as string, options);
    if (!parsed.ok) reader.fail(fields.number, parsed.code);
    else {
      document = parsed.value;
      if (parsed.value.possiblyExcelMangled) possiblyMangled.push(fields.number);
    }
  }

  const phoneCell = reader.cell(fields.phone);
  const phone = reader.optional<string>(fields.phone, () => {
    const parsed = parsePhoneNumber(phoneCell as string);
    return parsed.ok ? { value: typeof phoneCell === 'number' ? String(phoneCell) : cellText(phoneCell).trim() } : { code: parsed.code };
  });

  if (name === undefined || document === undefined) return undefined;
  return { name, documentType: document.type, documentNumber: document.number, nationality, phone };
}

function nationalityOf(text: string): Check<string> {
  const code = toHalfWidth(text).replace(/\s+/gu, '').toUpperCase();
  if (CHINA_NAMES.has(code)) return { value: 'CHN' };
  return NATIONALITY_PATTERN.test(code) ? { value: code } : { code: 'IMPORT_NATIONALITY_INVALID' };
}
