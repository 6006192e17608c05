import {
  Bell,
  Van,
  Guide,
  Location,
  Checked,
  Cpu,
  FirstAidKit,
  House,
  List,
  MapLocation,
  Message,
  OfficeBuilding,
  School,
  Setting,
  Tickets,
  Timer,
  Upload,
  User,
  UserFilled,
  Warning,
} from '@element-plus/icons-vue';
import type { Role } from '@cordon/core';
import type { Component } from 'vue';
import type { RouteRecordRaw } from 'vue-router';
import ConsoleLayout from '../layouts/ConsoleLayout.vue';
import { checkpointPhoneRoutes } from './checkpoint-phone-routes.js';
import { gateConsoleRoutes, gatePhoneRoutes, gatePublicRoutes } from './gate-routes.js';
import { NOT_FOUND_ROUTE } from './guards.js';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session. */
    public?: boolean;
    /** Locale key of the page title, also used by the side menu. */
    titleKey?: string;
    /** Roles allowed on the route; every signed-in role when absent. */
    roles?: readonly Role[];
    /** Puts the route in the side menu with this icon. */
    menuIcon?: Component;
  }
}

/** Roles the server lets read the audit log; only admin may verify the chain. */
export const AUDIT_ROLES: readonly Role[] = ['admin', 'hq'];

/** Roles that set up checkpoints, their officers and phones. */
export const CHECKPOINT_MANAGER_ROLES: readonly Role[] = ['admin', 'hq', 'subdistrict_staff'];
/** Roles that read checkpoint registrations and statistics. */
export const CHECKPOINT_VIEWER_ROLES: readonly Role[] = ['admin', 'hq', 'subdistrict_staff', 'checkpoint_officer'];
/** Roles that see the arrivals heading to their communities. */
export const ARRIVAL_VIEWER_ROLES: readonly Role[] = ['admin', 'hq', 'subdistrict_staff', 'community_staff', 'grid_worker'];
/** Roles that read the health declaration follow-up and completion reports. */
export const DECLARATION_VIEWER_ROLES: readonly Role[] = ['admin', 'hq', 'subdistrict_staff', 'community_staff', 'grid_worker', 'doctor'];

/** Pages inside the console layout, in side-menu order. */
export const consoleRoutes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'home',
    component: () => import('../views/dashboard/DashboardHome.vue'),
    meta: { titleKey: 'layout.menu.home', menuIcon: House },
  },
  {
    path: 'jurisdictions',
    name: 'jurisdictions',
    component: () => import('../views/jurisdictions/JurisdictionTree.vue'),
    meta: { titleKey: 'layout.menu.jurisdictions', menuIcon: MapLocation },
  },
  {
    path: 'addresses',
    name: 'addresses',
    component: () => import('../views/addresses/AddressesPage.vue'),
    meta: { titleKey: 'layout.menu.addresses', menuIcon: OfficeBuilding },
  },
  {
    path: 'persons',
    name: 'persons',
    component: () => import('../views/persons/PersonsPage.vue'),
    meta: { titleKey: 'layout.menu.persons', menuIcon: UserFilled },
  },
  {
    path: 'imports',
    name: 'imports',
    component: () => import('../views/imports/ImportsPage.vue'),
    meta: { titleKey: 'layout.menu.imports', menuIcon: Upload, roles: ['admin', 'subdistrict_staff', 'community_staff'] },
  },
  {
    path: 'screening',
    name: 'screening',
    component: () => import('../views/screening/ScreeningProgress.vue'),
    meta: { titleKey: 'layout.menu.screening', menuIcon: Checked },
  },
  {
    path: 'alerts',
    name: 'alerts',
    component: () => import('../views/alerts/AlertsPage.vue'),
    meta: { titleKey: 'layout.menu.alerts', menuIcon: Bell },
  },
  {
    path: 'tasks',
    name: 'tasks',
    component: () => import('../views/tasks/TasksPage.vue'),
    meta: { titleKey: 'layout.menu.tasks', menuIcon: List },
  },
  {
    path: 'declarations',
    name: 'declarations',
    component: () => import('../views/declarations/DeclarationsPage.vue'),
    meta: { titleKey: 'layout.menu.declarations', menuIcon: FirstAidKit, roles: DECLARATION_VIEWER_ROLES },
  },
  {
    path: 'quarantine',
    name: 'quarantine',
    component: () => import('../views/quarantine/QuarantinePage.vue'),
    meta: { titleKey: 'layout.menu.quarantine', menuIcon: Timer },
  },
  {
    path: 'sites',
    name: 'sites',
    component: () => import('../views/sites/SitesPage.vue'),
    meta: { titleKey: 'layout.menu.sites', menuIcon: School, roles: ['admin', 'hq', 'subdistrict_staff', 'community_staff', 'doctor'] },
  },
  {
    path: 'checkpoints',
    name: 'checkpoints',
    component: () => import('../views/checkpoints/CheckpointsPage.vue'),
    meta: { titleKey: 'layout.menu.checkpoints', menuIcon: Guide, roles: CHECKPOINT_MANAGER_ROLES },
  },
  {
    path: 'checkpoint-registrations',
    name: 'checkpoint-registrations',
    component: () => import('../views/checkpoints/RegistrationsPage.vue'),
    meta: { titleKey: 'layout.menu.checkpointRegistrations', menuIcon: Van, roles: CHECKPOINT_VIEWER_ROLES },
  },
  {
    path: 'arrivals',
    name: 'arrivals',
    component: () => import('../views/checkpoints/ArrivalsPage.vue'),
    meta: { titleKey: 'layout.menu.arrivals', menuIcon: Location, roles: ARRIVAL_VIEWER_ROLES },
  },
  ...gateConsoleRoutes,
  {
    path: 'risk-regions',
    name: 'risk-regions',
    component: () => import('../views/risk-regions/RiskRegionsPage.vue'),
    meta: { titleKey: 'layout.menu.riskRegions', menuIcon: Warning },
  },
  {
    path: 'declaration-settings',
    name: 'declaration-settings',
    component: () => import('../views/settings/DeclarationSettingsPage.vue'),
    meta: { titleKey: 'layout.menu.declarationSettings', menuIcon: Setting, roles: ['admin', 'hq'] },
  },
  {
    path: 'sms-outbox',
    name: 'sms-outbox',
    component: () => import('../views/sms/SmsOutboxPage.vue'),
    meta: { titleKey: 'layout.menu.smsOutbox', menuIcon: Message, roles: ['admin'] },
  },
  {
    path: 'users',
    name: 'users',
    component: () => import('../views/users/UserList.vue'),
    meta: { titleKey: 'layout.menu.users', menuIcon: User, roles: ['admin'] },
  },
  {
    path: 'devices',
    name: 'devices',
    component: () => import('../views/devices/DeviceList.vue'),
    meta: { titleKey: 'layout.menu.devices', menuIcon: Cpu, roles: ['admin'] },
  },
  {
    path: 'audit',
    name: 'audit',
    component: () => import('../views/audit/AuditLog.vue'),
    meta: { titleKey: 'layout.menu.audit', menuIcon: Tickets, roles: AUDIT_ROLES },
  },
];

/** Phone pages (door-to-door screening, checkpoint, gate) live under /m with the Vant layout. */
export const mobileRoutes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'mobile-home',
    component: () => import('../views/mobile/MobileHome.vue'),
    meta: { titleKey: 'mobile.home.title' },
  },
  {
    path: 'screening',
    name: 'mobile-screening',
    component: () => import('../views/mobile/screening/ScreeningBuildings.vue'),
    meta: { titleKey: 'screening.mobile.buildingsTitle' },
  },
  {
    path: 'screening/buildings/:buildingId',
    name: 'mobile-screening-building',
    component: () => import('../views/mobile/screening/ScreeningBuilding.vue'),
    meta: { titleKey: 'screening.mobile.buildingTitle' },
  },
  {
    path: 'screening/rooms/:roomId',
    name: 'mobile-screening-room',
    component: () => import('../views/mobile/screening/ScreeningRoom.vue'),
    meta: { titleKey: 'screening.mobile.roomTitle' },
  },
  {
    path: 'tasks',
    name: 'mobile-tasks',
    component: () => import('../views/mobile/tasks/MyTasks.vue'),
    meta: { titleKey: 'tasks.mobile.title' },
  },
  ...checkpointPhoneRoutes,
  ...gatePhoneRoutes,
];

/** Public phone pages: a resident declares through a signed link or a one-time code, in zh-CN, en, ja or ko. */
export const publicRoutes: RouteRecordRaw[] = [
  {
    path: '/d',
    component: () => import('../layouts/PublicLayout.vue'),
    children: [
      {
        path: ':token?',
        name: 'declare',
        component: () => import('../views/public/declare/DeclarePage.vue'),
        meta: { public: true, titleKey: 'declare.title' },
      },
    ],
  },
  ...gatePublicRoutes,
];

export const routes: RouteRecordRaw[] = [
  ...publicRoutes,
  {
    path: '/sign-in',
    name: 'sign-in',
    component: () => import('../views/auth/SignIn.vue'),
    meta: { public: true, titleKey: 'auth.signIn.title' },
  },
  {
    path: '/change-password',
    name: 'change-password',
    component: () => import('../views/auth/ChangePassword.vue'),
    meta: { titleKey: 'auth.changePassword.title' },
  },
  { path: '/', component: ConsoleLayout, children: consoleRoutes },
  { path: '/m', component: () => import('../layouts/MobileLayout.vue'), children: mobileRoutes },
  { path: '/:pathMatch(.*)*', name: NOT_FOUND_ROUTE, redirect: { name: 'home' } },
];
