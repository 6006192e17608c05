/** Row types of the tables added by migration households; merged into Database. */
export interface HouseholdTables {
  tenancies: TenancyTable;
}

/**
 * A lease of exactly one room or one place (the other id is null) from a
 * landlord to a tenant, both person files. Dates are YYYY-MM-DD text.
 */
export interface TenancyTable {
  id: string;
  room_id: string | null;
  place_id: string | null;
  landlord_person_id: string;
  tenant_person_id: string;
  start_date: string;
  /** Last day of the lease; null while it runs with no end date. */
  end_date: string | null;
  /** Community of the room's compound or of the place, for scoping. */
  community_code: string;
  created_at: string;
  updated_at: string;
  /** Reason given when the tenancy was ended; null until then. */
  ended_reason: string | null;
}
