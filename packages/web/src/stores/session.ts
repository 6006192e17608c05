import type { Role } from '@cordon/core';
import { computed, shallowRef } from 'vue';
import * as authApi from '../api/auth.js';
import type { Me, SignInRequest } from '../api/auth.js';
import { isApiError } from '../api/request.js';

const user = shallowRef<Me | null>(null);
let csrfToken: string | null = null;
let pendingLoad: Promise<Me | null> | null = null;
let loaded = false;

export const currentUser = computed(() => user.value);

export function getCsrfToken(): string | null {
  return csrfToken;
}

function storeSession(session: authApi.Session): Me {
  user.value = session.user;
  csrfToken = session.csrfToken;
  loaded = true;
  return session.user;
}

export function clearSession(): void {
  user.value = null;
  csrfToken = null;
  loaded = true;
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

/** Re-reads /api/auth/me, for example after a password change cleared mustChangePassword. */
export async function refreshSession(): Promise<Me | null> {
  try {
    return storeSession(await authApi.getSession());
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      clearSession();
      return null;
    }
    throw error;
  }
}

export async function signIn(credentials: SignInRequest): Promise<Me> {
  return storeSession(await authApi.signIn(credentials));
}

/** Ends the session on the server; the local session is cleared even when the server is unreachable. */
export async function signOut(): Promise<void> {
  try {
    await authApi.signOut();
  } finally {
    clearSession();
  }
}

export function hasRole(roles: readonly Role[] | undefined): boolean {
  if (!roles) return true;
  return user.value !== null && roles.includes(user.value.role);
}
