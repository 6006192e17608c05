import type { LocationQueryValue, RouteLocationRaw, Router } from 'vue-router';
import { ensureSession, hasRole } from '../stores/session.js';

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

export function installGuards(router: Router): void {
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

    if (!to.matched.every((record) => hasRole(record.meta.roles))) return { name: 'home' };
    return true;
  });
}
