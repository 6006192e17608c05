/** Row types of the tables added by migration person-depth; merged into Database. */
export interface PersonDepthTables {
  risk_regions: RiskRegionTable;
}

/**
 * One entry of the risk-region list. `value` is a canonical region code or
 * plate prefix as validateRiskEntry of @cordon/core returns it; the dates are
 * inclusive China calendar days (YYYY-MM-DD), and a null end date never expires.
 */
export interface RiskRegionTable {
  id: string;
  kind: string;
  value: string;
  level: string;
  effective_from: string;
  effective_to: string | null;
  note: string | null;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
}
