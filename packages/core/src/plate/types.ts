/**
 * Plate kinds that Cordon recognises. The formats follow GA 36-2018 (motor
 * vehicle plates of the People's Republic of China), the 2012 military and
 * armed-police plate series, and the 2018 emergency-rescue plates.
 */
export const PLATE_KINDS = [
  'ordinary',
  'new_energy',
  'trailer',
  'coach',
  'police',
  'embassy',
  'consulate',
  'hk_macau',
  'military',
  'armed_police',
  'emergency',
] as const;

export type PlateKind = (typeof PLATE_KINDS)[number];

/** Error codes of `parsePlate`; each has a message in the plate locale files. */
export const PLATE_ERROR_CODES = [
  'PLATE_REQUIRED',
  'PLATE_LENGTH_INVALID',
  'PLATE_CHARACTER_INVALID',
  'PLATE_FORMAT_INVALID',
  'PLATE_PROVINCE_UNKNOWN',
  'PLATE_ISSUER_UNKNOWN',
  'PLATE_NEW_ENERGY_SERIAL_INVALID',
  'PLATE_HK_MACAU_PREFIX_INVALID',
] as const;

export type PlateErrorCode = (typeof PLATE_ERROR_CODES)[number];

/** A parsed, normalised plate number with its kind and issuer. */
export interface Plate {
  /** Plate number without separators, upper case, e.g. 鄂A12345, 苏EF12345, 苏E1234挂. */
  number: string;
  kind: PlateKind;
  /**
   * Issuer part of the number: province character and issuing letter (鄂A).
   * Military plates use their two unit letters (VA). Armed-police plates use
   * WJ alone (headquarters) or with the province or a two-digit code (WJ苏,
   * WJ01). Embassy plates use 使.
   */
  prefix: string;
  provinceAbbr?: string;
  /** Province-level division name, e.g. 湖北省. */
  province?: string;
  /** Prefecture-level area that the issuing letter serves, e.g. 武汉市. */
  city?: string;
  /**
   * GB/T 2260 code of that area (420100), or of the province when the
   * letter serves several cities or the whole province.
   */
  regionCode?: string;
  newEnergy: boolean;
  /** New-energy plates only: small vehicles carry D/F first, large ones last. */
  vehicleSize?: 'small' | 'large';
  /** New-energy plates only: D and its extension letters mark battery-electric vehicles. */
  batteryElectric?: boolean;
  /** Hong Kong and Macau cross-border plates only: where the vehicle is registered. */
  crossBorderRegion?: 'hong_kong' | 'macau';
  /** Embassy plates only: the three-digit code of the country or organisation. */
  missionCode?: string;
}

/** Province and area of a province character (鄂) or a plate prefix (鄂A). */
export interface PlatePrefixInfo {
  prefix: string;
  provinceAbbr: string;
  province: string;
  city?: string;
  regionCode: string;
  note?: string;
}
