import type { Role } from '@cordon/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent } from 'vue';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import type { Me } from '../api/auth.js';
import { NOT_FOUND_ROUTE, installGuards, type NavigationNotice } from './guards.js';

const session = vi.hoisted(() => ({ user: null as Me | null }));

vi.mock('../stores/session.js', () => ({
  ensureSession: () => Promise.resolve(session.user),
  hasRole: (roles: readonly Role[] | undefined) => !roles || (session.user !== null && roles.includes(session.user.role)),
}));

const Page = defineComponent({ render: () => null });

function signedInAs(role: Role, mustChangePassword = false): Me {
  return {
    id: 'u1',
    username: 'wang',
    displayName: '王社工',
    role,
    nodeCode: '320508018014',
    nodeName: '察院场社区',
    nodePath: [],
    mustChangePassword,
  };
}

let notices: NavigationNotice[] = [];

function buildRouter(): Router {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/sign-in', name: 'sign-in', component: Page, meta: { public: true } },
      { path: '/change-password', name: 'change-password', component: Page },
      { path: '/', name: 'home', component: Page },
      { path: '/users', name: 'users', component: Page, meta: { roles: ['admin'], titleKey: 'layout.menu.users' } },
      { path: '/:pathMatch(.*)*', name: NOT_FOUND_ROUTE, redirect: { name: 'home' } },
    ],
  });
  installGuards(router, { notify: (notice) => notices.push(notice) });
  return router;
}

beforeEach(() => {
  notices = [];
  session.user = null;
});

describe('navigation guards', () => {
  it('send a forbidden page to home with a notice', async () => {
    session.user = signedInAs('community_staff');
    const router = buildRouter();
    await router.push('/users');
    expect(router.currentRoute.value.name).toBe('home');
    expect(notices).toEqual([{ reason: 'forbidden', path: '/users', titleKey: 'layout.menu.users', role: 'community_staff' }]);
  });

  it('send an unknown path to home with a notice', async () => {
    session.user = signedInAs('admin');
    const router = buildRouter();
    await router.push('/no/such/page?x=1');
    expect(router.currentRoute.value.name).toBe('home');
    expect(notices).toEqual([{ reason: 'notFound', path: '/no/such/page?x=1' }]);
  });

  it('open an allowed page without a notice', async () => {
    session.user = signedInAs('admin');
    const router = buildRouter();
    await router.push('/users');
    expect(router.currentRoute.value.name).toBe('users');
    expect(notices).toEqual([]);
  });

  it('send a visitor to sign-in without a notice', async () => {
    const router = buildRouter();
    await router.push('/users');
    expect(router.currentRoute.value.name).toBe('sign-in');
    expect(router.currentRoute.value.query.redirect).toBe('/users');
    expect(notices).toEqual([]);
  });

  it('put the password change before the role check', async () => {
    session.user = signedInAs('community_staff', true);
    const router = buildRouter();
    await router.push('/users');
    expect(router.currentRoute.value.name).toBe('change-password');
    expect(notices).toEqual([]);
  });
});
