/** Row types of the tables added by migration sites (sites, their rooms and stays), merged into Database. */
export interface SitesTables {
  sites: SiteTable;
  site_rooms: SiteRoomTable;
  site_stays: SiteStayTable;
}

export interface SiteTable {
  id: string;
  name: string;
  /** quarantine_site, resettlement_site or transit_site */
  type: string;
  /** Jurisdiction that runs the site. Staff see the sites of their subtree. */
  node_code: string;
  address: string;
  contact: string | null;
  notes: string | null;
  /** 1 while the site takes admissions. */
  active: number;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
}

export interface SiteRoomTable {
  id: string;
  site_id: string;
  name: string;
  beds: number;
  /** Number of open stays in the room, kept by admissions, transfers and discharges. */
  occupied: number;
  notes: string | null;
  created_at: string;
  updated_at: string;
  /** Time the room was removed. The row is kept for the stays that name it. */
  removed_at: string | null;
}

export interface SiteStayTable {
  id: string;
  person_id: string;
  site_id: string;
  room_id: string;
  admitted_at: string;
  admitted_by: string | null;
  /** Null while the person stays. */
  discharged_at: string | null;
  discharged_by: string | null;
  discharge_reason: string | null;
  /** The stay a transfer opened, or null for a discharge. */
  transferred_to_stay_id: string | null;
  notes: string | null;
}
