export {
  REGION_ERROR_CODES,
  ancestorRegionCodes,
  isRegionInside,
  normalizeRegionCode,
  parentRegionCode,
  regionCodePrefix,
  regionLevelOf,
  type RegionErrorCode,
  type RegionLevel,
} from './codes.js';
export { currentDivisionRecords, lookupCounty, type CountyInfo } from './divisions.js';
export { DIVISION_DATA_VERSION } from './data/divisions.js';
export type { RegionRecord } from './record.js';
export { parseRegionCode } from './parse.js';
export { parseRegionFile, regionFileNameOf, subtreeRecordsOf } from './region-file.js';
export { RegionTree, buildCountyTree } from './tree.js';
