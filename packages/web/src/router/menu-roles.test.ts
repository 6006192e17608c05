import { ROLES, type Role } from '@cordon/core';
import { describe, expect, it, vi } from 'vitest';
import { consoleRoutes } from './routes.js';

// The unit test runner has no Vue SFC plugin, and the menu needs only the route records.
vi.mock('../layouts/ConsoleLayout.vue', () => ({ default: {} }));

/** Every staff role: the server route sets no `access.roles`, so any signed-in staff user may send it. */
const ANY_STAFF = ROLES;

/**
 * Roles the server allows on each menu page's main list request, copied from
 * the `access.roles` of the route named in the comment (packages/server/src/modules/…).
 */
const SERVER_ROLES: Record<string, readonly Role[]> = {
  // jurisdictions/routes.ts GET /api/jurisdictions/root
  jurisdictions: ANY_STAFF,
  // addresses/routes.ts GET /api/addresses/compounds
  addresses: ANY_STAFF,
  // persons/routes.ts GET /api/persons
  persons: ANY_STAFF,
  // imports/routes.ts (every route)
  imports: ['admin', 'subdistrict_staff', 'community_staff'],
  // screening/routes.ts GET /api/screening/communities
  screening: ANY_STAFF,
  // alerts/routes.ts GET /api/alerts
  alerts: ANY_STAFF,
  // tasks/routes.ts GET /api/tasks
  tasks: ANY_STAFF,
  // declarations/routes.ts GET /api/declarations/follow-up (`read`)
  declarations: ['admin', 'hq', 'subdistrict_staff', 'community_staff', 'grid_worker', 'doctor'],
  // quarantine/routes.ts GET /api/quarantines
  quarantine: ANY_STAFF,
  // sites/routes.ts GET /api/sites (`read`)
  sites: ['admin', 'hq', 'subdistrict_staff', 'community_staff', 'doctor'],
  // checkpoints/routes.ts GET /api/checkpoints (`read`: CHECKPOINT_MANAGERS + checkpoint_officer)
  checkpoints: ['admin', 'hq', 'subdistrict_staff', 'checkpoint_officer'],
  // checkpoints/read-schemas.ts CHECKPOINT_VIEWER_ROLES
  'checkpoint-registrations': ['admin', 'hq', 'subdistrict_staff', 'checkpoint_officer'],
  // checkpoints/read-schemas.ts ARRIVAL_VIEWER_ROLES
  arrivals: ['admin', 'hq', 'subdistrict_staff', 'community_staff', 'grid_worker'],
  // gates/roles.ts GATE_MANAGER_ROLES: GET /api/gate-admin/compounds/:compoundId/gates
  gates: ['admin', 'hq', 'subdistrict_staff', 'community_staff', 'gate_guard'],
  // gates/roles.ts GATE_VIEWER_ROLES: GET /api/gate-events
  'gate-events': ['admin', 'hq', 'subdistrict_staff', 'community_staff', 'grid_worker', 'gate_guard'],
  // gates/roles.ts GATE_VIEWER_ROLES: GET /api/visitors
  visitors: ['admin', 'hq', 'subdistrict_staff', 'community_staff', 'grid_worker', 'gate_guard'],
  // risk-regions/routes.ts GET /api/risk-regions
  'risk-regions': ANY_STAFF,
  // declarations/settings-routes.ts: GET is open to all staff, but only PUT (hq, admin) makes the page useful.
  'declaration-settings': ['admin', 'hq'],
  // sms/routes.ts (every route)
  'sms-outbox': ['admin'],
  // users/routes.ts (every route)
  users: ['admin'],
  // devices/routes.ts GET /api/devices
  devices: ['admin'],
  // audit/routes.ts GET /api/audit
  audit: ['admin', 'hq'],
};

const menuRoutes = consoleRoutes.filter((route) => route.meta?.menuIcon && route.name !== 'home');

function menuOf(role: Role): string[] {
  return menuRoutes.filter((route) => !route.meta?.roles || route.meta.roles.includes(role)).map((route) => String(route.name));
}

describe('console menu roles', () => {
  it('lists server roles for every menu page', () => {
    const missing = menuRoutes.map((route) => String(route.name)).filter((name) => !(name in SERVER_ROLES));
    expect(missing).toEqual([]);
  });

  it.each(ROLES)('shows %s only pages its role may read', (role) => {
    const forbidden = menuOf(role).filter((name) => !SERVER_ROLES[name]?.includes(role));
    expect(forbidden).toEqual([]);
  });

  it('hides health declarations from a gate guard', () => {
    expect(menuOf('gate_guard')).not.toContain('declarations');
    expect(menuOf('gate_guard')).toContain('gates');
  });
});
