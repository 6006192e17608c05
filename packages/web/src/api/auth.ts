import type { JurisdictionLevel, Role } from '@cordon/core';
import { get, post } from './request.js';

export interface NodePathItem {
  code: string;
  name: string;
  level: JurisdictionLevel;
}

/** The signed-in staff member. */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  nodeCode: string;
  nodeName: string;
  nodePath: NodePathItem[];
  mustChangePassword: boolean;
}

export interface Session {
  user: Me;
  csrfToken: string;
}

export interface SignInRequest {
  username: string;
  password: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** Signs in with a password; the server sets the session cookie. */
export function signIn(credentials: SignInRequest): Promise<Session> {
  return post<Session>('/api/auth/sign-in', credentials, { redirectOnUnauthorized: false });
}

/** Reads the current session. Rejects with a 401 ApiError when there is no valid session. */
export function getSession(): Promise<Session> {
  return get<Session>('/api/auth/me', undefined, { redirectOnUnauthorized: false });
}

export function signOut(): Promise<void> {
  return post<void>('/api/auth/sign-out', undefined, { redirectOnUnauthorized: false });
}

export function changePassword(change: ChangePasswordRequest): Promise<void> {
  return post<void>('/api/auth/password', change);
}
