import { Key, Ticket, Stamp } from '@element-plus/icons-vue';
import type { Role } from '@cordon/core';
import type { RouteRecordRaw } from 'vue-router';

/** Roles that set up compounds' gates, devices, vehicles, passes and rules; a gate guard only for the compounds he manages. */
export const GATE_MANAGER_ROLES: readonly Role[] = ['admin', 'hq', 'subdistrict_staff', 'community_staff', 'gate_guard'];
/** Roles that read gate events and visitor lists. */
export const GATE_VIEWER_ROLES: readonly Role[] = ['admin', 'hq', 'subdistrict_staff', 'community_staff', 'grid_worker', 'gate_guard'];

/** Console pages of the gates module, in side-menu order. */
export const gateConsoleRoutes: RouteRecordRaw[] = [
  {
    path: 'gates',
    name: 'gates',
    component: () => import('../views/gates/GatesPage.vue'),
    meta: { titleKey: 'layout.menu.gates', menuIcon: Key, roles: GATE_MANAGER_ROLES },
  },
  {
    path: 'gate-events',
    name: 'gate-events',
    component: () => import('../views/gates/GateEventsPage.vue'),
    meta: { titleKey: 'layout.menu.gateEvents', menuIcon: Ticket, roles: GATE_VIEWER_ROLES },
  },
  {
    path: 'visitors',
    name: 'visitors',
    component: () => import('../views/gates/VisitorsPage.vue'),
    meta: { titleKey: 'layout.menu.visitors', menuIcon: Stamp, roles: GATE_VIEWER_ROLES },
  },
];

/** Roles that register visitors on the gate phone page. */
export const GATE_PHONE_ROLES: readonly Role[] = ['admin', 'community_staff', 'grid_worker', 'gate_guard'];

/** The gate volunteer's phone page under /m/gate: visitor registration with a staff session. */
export const gatePhoneRoutes: RouteRecordRaw[] = [
  {
    path: 'gate',
    name: 'mobile-gate',
    component: () => import('../views/mobile/gate/GateVisitorHome.vue'),
    meta: { titleKey: 'gatePhone.title', roles: GATE_PHONE_ROLES },
  },
];

/** Public pages of the gates module: a resident's e-pass (/p/<token>) and a host's visitor confirmation (/v/<token>). */
export const gatePublicRoutes: RouteRecordRaw[] = [
  {
    path: '/p',
    component: () => import('../layouts/PublicLayout.vue'),
    children: [
      {
        path: ':token',
        name: 'pass',
        component: () => import('../views/public/pass/PassPage.vue'),
        meta: { public: true, titleKey: 'pass.title' },
      },
    ],
  },
  {
    path: '/v',
    component: () => import('../layouts/PublicLayout.vue'),
    children: [
      {
        path: ':token',
        name: 'visitor-confirm',
        component: () => import('../views/public/visitor/VisitorConfirmPage.vue'),
        meta: { public: true, titleKey: 'visitorConfirm.title' },
      },
    ],
  },
];
