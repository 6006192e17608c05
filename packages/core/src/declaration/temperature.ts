import { toHalfWidth } from '../text/normalize.js';
import { failed, passed, type DeclarationCheck } from './result.js';

/** Accepted body temperatures, in tenths of a degree Celsius (35.0–42.0 °C). */
export const MIN_DECLARATION_TEMPERATURE_TENTHS = 350;
export const MAX_DECLARATION_TEMPERATURE_TENTHS = 420;
/** A declaration at or above 37.3 °C is abnormal and goes to the community doctor. */
export const ABNORMAL_TEMPERATURE_TENTHS = 373;
/** At or above 38.5 °C an abnormal declaration raises a critical alert instead of a warning. */
export const CRITICAL_TEMPERATURE_TENTHS = 385;

export const DECLARATION_TEMPERATURE_ERROR_CODES = ['DECLARATION_TEMPERATURE_INVALID', 'DECLARATION_TEMPERATURE_OUT_OF_RANGE'] as const;
export type TemperatureErrorCode = (typeof DECLARATION_TEMPERATURE_ERROR_CODES)[number];

/** Decimal number as typed: digits with at most one dot; full-width digits are converted before. */
const DECIMAL = /^\d{1,3}(\.\d{1,6})?$/;
/** Maximum length of a temperature typed as text; longer text is rejected before it is normalised. */
const MAX_TEMPERATURE_TEXT_LENGTH = 100;
/** Characters of the rejected text that the error message repeats. */
const SHOWN_TEXT_LENGTH = 20;
/**
 * Format characters that print as nothing (right-to-left marks, zero-width
 * spaces, the BOM). Text copied from a chat message can carry them, and
 * "\u200f36.6" must not fail with a message that shows "36.6".
 */
const INVISIBLE = /\p{Cf}/gu;

/** Parameters of the out-of-range message: the accepted range in degrees. */
export const DECLARATION_TEMPERATURE_RANGE = {
  min: (MIN_DECLARATION_TEMPERATURE_TENTHS / 10).toFixed(1),
  max: (MAX_DECLARATION_TEMPERATURE_TENTHS / 10).toFixed(1),
};

/**
 * Reads a body temperature in °C from a number or from typed text (full-width
 * digits allowed, invisible format characters dropped) and returns it in
 * tenths of a degree. Text that is not a plain decimal number ("36,6",
 * "37.3°C") or is longer than 100 characters fails with
 * DECLARATION_TEMPERATURE_INVALID naming the value. A number outside 35.0–42.0 or with a second decimal
 * (42.05) fails with DECLARATION_TEMPERATURE_OUT_OF_RANGE.
 */
export function parseDeclarationTemperature(input: unknown): DeclarationCheck<number, TemperatureErrorCode> {
  let value: number;
  if (typeof input === 'number') {
    value = input;
  } else if (typeof input === 'string') {
    const invalidText = {
      value: Array.from(input.slice(0, 2 * SHOWN_TEXT_LENGTH))
        .slice(0, SHOWN_TEXT_LENGTH)
        .join(''),
    };
    if (input.length > MAX_TEMPERATURE_TEXT_LENGTH) return failed('DECLARATION_TEMPERATURE_INVALID', invalidText);
    const text = toHalfWidth(input).replace(INVISIBLE, '').trim();
    if (!DECIMAL.test(text)) return failed('DECLARATION_TEMPERATURE_INVALID', invalidText);
    value = Number(text);
  } else {
    return failed('DECLARATION_TEMPERATURE_INVALID', { value: typeof input });
  }

  if (!Number.isFinite(value)) return failed('DECLARATION_TEMPERATURE_OUT_OF_RANGE', DECLARATION_TEMPERATURE_RANGE);
  const tenths = Math.round(value * 10);
  // Math.round absorbs binary noise such as 36.6 * 10 = 366.00000000000006; a second decimal does not survive it.
  const oneDecimal = Math.abs(tenths - value * 10) < 1e-6;
  if (!oneDecimal || tenths < MIN_DECLARATION_TEMPERATURE_TENTHS || tenths > MAX_DECLARATION_TEMPERATURE_TENTHS) {
    return failed('DECLARATION_TEMPERATURE_OUT_OF_RANGE', DECLARATION_TEMPERATURE_RANGE);
  }
  return passed(tenths);
}
