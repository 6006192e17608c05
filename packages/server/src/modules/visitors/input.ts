import { ABNORMAL_TEMPERATURE_TENTHS, cleanName, hasForbiddenNameCharacters, parseDeclarationTemperature } from '@cordon/core';
import type { ServiceContext } from '../../context/types.js';
import { encryptField } from '../../crypto/field-encryption.js';
import { AppError } from '../../errors/app-error.js';
import { documentColumnsOf, phoneColumnsOf } from '../persons/input.js';
import type { RegisterVisitorBody } from './schemas.js';

export const MAX_PURPOSE_LENGTH = 100;
/** 37.3 °C: a visitor at or above it is refused at the gate, as in the health declarations. */
export const VISITOR_FEVER_TENTHS = ABNORMAL_TEMPERATURE_TENTHS;

// Control characters and text-direction marks would garble the host's SMS.
const FORBIDDEN_TEXT = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

function checkPurpose(input: string): string {
  const purpose = cleanName(input);
  const length = Array.from(purpose).length;
  if (FORBIDDEN_TEXT.test(input) || length < 1 || length > MAX_PURPOSE_LENGTH) throw new AppError('VISITOR_PURPOSE_INVALID', 'purpose');
  return purpose;
}

/**
 * Checks a registration's fields with the core parsers (document numbers as
 * offices type them: lower-case x, full-width digits; phone; temperature
 * 35.0–42.0 °C) and returns the encrypted and masked columns.
 */
export function checkVisitorInput(ctx: ServiceContext, input: RegisterVisitorBody) {
  if (hasForbiddenNameCharacters(input.name)) throw new AppError('NAME_CHARACTERS_INVALID', 'name');
  const name = cleanName(input.name);
  if (name === '') throw new AppError('FIELD_REQUIRED', 'name');

  const { columns: document } = documentColumnsOf(ctx.keys, input.documentNumber, input.documentType, input.nationality?.toUpperCase());
  const phone = phoneColumnsOf(ctx.keys, input.phone);

  const temperature = parseDeclarationTemperature(input.temperature);
  if (!temperature.ok) throw new AppError(temperature.code, 'temperature', temperature.params);

  return {
    name,
    nameEnc: encryptField(ctx.keys.fieldEncryption, name),
    document,
    phoneEnc: phone.phone_enc as string,
    phoneMasked: phone.phone_masked as string,
    purpose: checkPurpose(input.purpose),
    temperatureTenths: temperature.value,
  };
}
