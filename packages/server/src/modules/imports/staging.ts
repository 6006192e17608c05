import type { Keys } from '../../crypto/keys.js';
import { decryptField, encryptField } from '../../crypto/field-encryption.js';
import { documentIndexOf } from '../persons/input.js';
import type { ImportRecord, PersonInput, RowError } from './validate.js';

/** Contents of a staged row, encrypted as one JSON document. */
export interface StagedPayload {
  /** The row's cells as text, in column order, for the error workbook. */
  cells: string[];
  /** Parsed values of a valid row. */
  record?: ImportRecord;
  /** Problems of an invalid row. */
  errors?: RowError[];
  /** True when a file of the row's document (or one of them, for a rental) exists in scope. */
  existing?: boolean;
}

export function sealPayload(keys: Keys, payload: StagedPayload): string {
  return encryptField(keys.fieldEncryption, JSON.stringify(payload));
}

export function openPayload(keys: Keys, sealed: string): StagedPayload {
  return JSON.parse(decryptField(keys.fieldEncryption, sealed)) as StagedPayload;
}

/** Lists the persons of a record with the field that contains each one's document number. */
export function personsOf(
  record: ImportRecord,
): Array<{ person: PersonInput; documentField: string; role: 'resident' | 'landlord' | 'tenant' }> {
  if (record.kind === 'arrivals') return [{ person: record.person, documentField: 'documentNumber', role: 'resident' }];
  return [
    { person: record.landlord, documentField: 'landlordDocumentNumber', role: 'landlord' },
    { person: record.tenant, documentField: 'tenantDocumentNumber', role: 'tenant' },
  ];
}

export function documentIndexOfPerson(keys: Keys, person: PersonInput): string {
  return documentIndexOf(keys, { type: person.documentType, number: person.documentNumber });
}
