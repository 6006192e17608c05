import type { Role } from '@cordon/core';
import type { LocationQueryValue, RouteLocationRaw, Router } from 'vue-router';
import { ensureSession, hasRole } from '../stores/session.js';

/** Name of the catch-all route, which redirects unknown paths to the home page. */
export const NOT_FOUND_ROUTE = 'not-found';

/** Reason a navigation ended on the home page instead of the requested page. */
export type NavigationNotice =
  { reason: 'notFound'; path: string } | { reason: 'forbidden'; path: string; titleKey: string | undefined; role: Role };

export interface GuardOptions {
  /** Tells the user why they landed on the home page. */
  notify: (notice: NavigationNotice) => void;
}

/**
 * Returns the in-app path a sign-in should continue to. Only same-origin
 * paths are accepted, so a crafted link cannot send a user elsewhere.
 */
export function safeRedirect(value: LocationQueryValue | LocationQueryValue[] | undefined): string | null {
  const path = Array.isArray(value) ? value[0] : value;
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) {
    return null;
  }
  return path;
}

export function installGuards(router: Router, options: GuardOptions): void {
  router.beforeEach(async (to): Promise<true | RouteLocationRaw> => {
    // A network failure counts as "not signed in" here; the sign-in page then
    // reports the failure when the user tries again.
    const user = await ensureSession().catch(() => null);

    if (to.meta.public) {
      if (user && to.name === 'sign-in') return safeRedirect(to.query.redirect) ?? { name: 'home' };
      return true;
    }

    if (!user) return { name: 'sign-in', query: { redirect: to.fullPath } };

    if (user.mustChangePassword && to.name !== 'change-password') {
      return { name: 'change-password', query: { redirect: to.fullPath } };
    }

    // The catch-all route has already redirected to home; redirectedFrom keeps the path that was asked for.
    const requested = to.redirectedFrom;
    if (requested?.name === NOT_FOUND_ROUTE) options.notify({ reason: 'notFound', path: requested.fullPath });

    if (!to.matched.every((record) => hasRole(record.meta.roles))) {
      options.notify({ reason: 'forbidden', path: to.fullPath, titleKey: to.meta.titleKey, role: user.role });
      return { name: 'home' };
    }
    return true;
  });
}
