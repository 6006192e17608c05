export type { DeclarationCheck } from './result.js';
export {
  DEFAULT_DECLARATION_WINDOWS,
  MAX_DECLARATION_WINDOWS,
  DECLARATION_WINDOW_ERROR_CODES,
  checkDeclarationWindows,
  minutesOfTime,
  type DeclarationWindow,
  type WindowErrorCode,
  type WindowsCheck,
} from './windows.js';
export {
  chinaDayOf,
  parseWindowKey,
  windowKeyOf,
  windowOccurrenceOf,
  windowsAt,
  type WindowOccurrence,
  type WindowsAt,
} from './calendar.js';
export {
  ABNORMAL_TEMPERATURE_TENTHS,
  CRITICAL_TEMPERATURE_TENTHS,
  MAX_DECLARATION_TEMPERATURE_TENTHS,
  MIN_DECLARATION_TEMPERATURE_TENTHS,
  DECLARATION_TEMPERATURE_ERROR_CODES,
  DECLARATION_TEMPERATURE_RANGE,
  parseDeclarationTemperature,
  type TemperatureErrorCode,
} from './temperature.js';
export {
  DECLARATION_SYMPTOMS,
  DECLARATION_SYMPTOM_ERROR_CODES,
  checkDeclarationSymptoms,
  isDeclarationAbnormal,
  isDeclarationSymptom,
  type DeclarationSymptom,
  type SymptomErrorCode,
} from './symptoms.js';
export { maskPersonName } from './mask-name.js';
