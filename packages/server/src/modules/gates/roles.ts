import type { Role } from '@cordon/core';

/**
 * Roles that set up a compound's gates, devices, vehicles, passes, rules and
 * key tracking. A gate guard manages only the compounds he is listed on in
 * compound_managers; the others manage the compounds of their scope.
 * Matches GATE_MANAGER_ROLES of the web router.
 */
export const GATE_MANAGER_ROLES: readonly Role[] = ['admin', 'hq', 'subdistrict_staff', 'community_staff', 'gate_guard'];

/** Roles that read gate events and visitor lists: the managers and the grid workers of the scope. */
export const GATE_VIEWER_ROLES: readonly Role[] = ['admin', 'hq', 'subdistrict_staff', 'community_staff', 'grid_worker', 'gate_guard'];

/** Managers who are not gate guards: only they change a compound's managers and webhooks, and jurisdiction rules. */
export const GATE_STAFF_MANAGER_ROLES: readonly Role[] = ['admin', 'hq', 'subdistrict_staff', 'community_staff'];
