import type { Role } from '@cordon/core';
import { computed, shallowRef } from 'vue';
import * as authApi from '../api/auth.js';
import type { Me, SignInRequest } from '../api/auth.js';
import { isApiError } from '../api/request.js';
import { isNetworkFailure } from '../offline/building-cache.js';
import { forgetOfflineData, recallSignedInUser, rememberSignedInUser } from '../offline/offline-cache.js';

const user = shallowRef<Me | null>(null);
let csrfToken: string | null = null;
let pendingLoad: Promise<Me | null> | null = null;
let loaded = false;
const recalledOffline = shallowRef(false);

export const currentUser = computed(() => user.value);

/**
 * True while the user comes from the phone's cache because the server was
 * unreachable at page load. There is no CSRF token then, so nothing may be
 * sent until `refreshSession` confirms the session with the server.
 */
export const sessionRecalledOffline = computed(() => recalledOffline.value);

export function getCsrfToken(): string | null {
  return csrfToken;
}

function storeSession(session: authApi.Session): Me {
  user.value = session.user;
  csrfToken = session.csrfToken;
  loaded = true;
  recalledOffline.value = false;
  rememberSignedInUser(session.user);
  return session.user;
}

export function clearSession(): void {
  user.value = null;
  csrfToken = null;
  loaded = true;
  recalledOffline.value = false;
}

/**
 * Loads the session once per page load and returns the user, or null
 * without a session. Parallel callers share one request.
 */
export function ensureSession(): Promise<Me | null> {
  if (loaded) return Promise.resolve(user.value);
  pendingLoad ??= refreshSession().finally(() => {
    pendingLoad = null;
  });
  return pendingLoad;
}

/**
 * Re-reads /api/auth/me, for example after a password change cleared
 * mustChangePassword. When the server is unreachable, the last user it
 * confirmed on this phone is used instead, so the phone pages open offline.
 */
export async function refreshSession(): Promise<Me | null> {
  try {
    return storeSession(await authApi.getSession());
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      clearSession();
      return null;
    }
    const remembered = isNetworkFailure(error) ? await recallSignedInUser() : undefined;
    if (!remembered) throw error;
    user.value = remembered;
    csrfToken = null;
    loaded = true;
    recalledOffline.value = true;
    return remembered;
  }
}

export async function signIn(credentials: SignInRequest): Promise<Me> {
  return storeSession(await authApi.signIn(credentials));
}

/**
 * Ends the session on the server. The local session and the phone's offline
 * cache are cleared even when the server is unreachable.
 */
export async function signOut(): Promise<void> {
  try {
    await authApi.signOut();
  } finally {
    clearSession();
    await forgetOfflineData();
  }
}

export function hasRole(roles: readonly Role[] | undefined): boolean {
  if (!roles) return true;
  return user.value !== null && roles.includes(user.value.role);
}
