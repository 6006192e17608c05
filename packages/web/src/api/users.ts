import type { Role } from '@cordon/core';
import { get, patch, post } from './request.js';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  nodeCode: string;
  nodeName: string;
  disabled: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  lastSignInAt: string | null;
  createdAt: string;
}

export interface UserListQuery {
  q?: string;
  role?: Role | '';
  nodeCode?: string;
  page?: number;
  pageSize?: number;
}

export interface UserList {
  items: User[];
  total: number;
}

export interface CreateUserRequest {
  username: string;
  displayName: string;
  role: Role;
  nodeCode: string;
}

export interface UpdateUserRequest {
  displayName?: string;
  role?: Role;
  nodeCode?: string;
  disabled?: boolean;
}

/** A new account or a reset: the temporary password is shown to the admin once. */
export interface CreatedUser {
  user: User;
  temporaryPassword: string;
}

export function getUserList(query: UserListQuery = {}): Promise<UserList> {
  return get<UserList>('/api/users', { ...query });
}

export function getUser(id: string): Promise<User> {
  return get<User>(`/api/users/${encodeURIComponent(id)}`);
}

export function createUser(user: CreateUserRequest): Promise<CreatedUser> {
  return post<CreatedUser>('/api/users', user);
}

export function updateUser(id: string, changes: UpdateUserRequest): Promise<User> {
  return patch<User>(`/api/users/${encodeURIComponent(id)}`, changes);
}

/** Issues a temporary password that the user must change at the next sign-in. */
export function resetUserPassword(id: string): Promise<{ temporaryPassword: string }> {
  return post<{ temporaryPassword: string }>(`/api/users/${encodeURIComponent(id)}/reset-password`);
}
