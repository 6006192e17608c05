/**
 * Staff roles. Residents, landlords and enterprises have no accounts: they
 * reach Cordon through signed links and one-time codes.
 */
export const ROLES = [
  'hq',
  'subdistrict_staff',
  'community_staff',
  'grid_worker',
  'doctor',
  'checkpoint_officer',
  'gate_guard',
  'admin',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Code of the root of every jurisdiction tree, the node of the first administrator. */
export const JURISDICTION_ROOT_CODE = 'CN';

/** Levels of the jurisdiction tree, from the root down. Grids sit under communities. */
export const JURISDICTION_LEVELS = ['country', 'province', 'city', 'county', 'subdistrict', 'community', 'grid'] as const;

export type JurisdictionLevel = (typeof JURISDICTION_LEVELS)[number];

/** Device kinds that authenticate with a device key instead of a session. */
export const DEVICE_KINDS = ['gate', 'checkpoint'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
