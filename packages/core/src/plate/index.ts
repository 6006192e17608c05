export { PLATE_PREFIXES, type PlatePrefixEntry } from './data/prefixes.js';
export { lookupPlatePrefix } from './lookup.js';
export { normalizePlateInput } from './normalize.js';
export { parsePlate } from './parse.js';
export { PROVINCE_ABBREVIATIONS, isProvinceAbbreviation, type ProvinceAbbreviation } from './provinces.js';
export { PLATE_ERROR_CODES, PLATE_KINDS, type Plate, type PlateErrorCode, type PlateKind, type PlatePrefixInfo } from './types.js';
