export { chinaCalendarDate } from './dates.js';
export {
  RISK_ENTRY_KINDS,
  RISK_ERROR_CODES,
  RISK_LEVELS,
  validateRiskEntry,
  type RiskEntry,
  type RiskEntryKind,
  type RiskErrorCode,
  type RiskLevel,
} from './entry.js';
export {
  evaluatePersonRisk,
  evaluatePlateRisk,
  highestRiskLevel,
  isRiskEntryEffective,
  type PersonRegions,
  type PersonRiskSubject,
  type PlateRiskMatch,
  type PlateRiskSubject,
  type RiskMatch,
} from './evaluate.js';
