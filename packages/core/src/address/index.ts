export { formatRoomAddress } from './format.js';
export { parseRoomAddress } from './parse.js';
export { DEFAULT_RANGE_MAX, expandNumberRange, type NumberRangeOptions } from './range.js';
export { normalizeAddressText } from './text.js';
export {
  ADDRESS_ERROR_CODES,
  MAX_ADDRESS_TEXT_LENGTH,
  type AddressErrorCode,
  type RoomAddress,
  type RoomAddressParseResult,
} from './types.js';
