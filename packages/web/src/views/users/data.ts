import { ROLES, type Role } from '@cordon/core';
import type { FormItemRule } from 'element-plus';
import type { User } from '../../api/users.js';
import type { TableColumn } from '../../utils/table.js';

type Translate = (key: string, named?: Record<string, unknown>) => string;

export const ROLE_OPTIONS: readonly Role[] = ROLES;

// The server's rule after it lowercases the name: 3 to 32 characters,
// letters, digits, dots, underscores and hyphens, starting with a letter or digit.
export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$/;
export const USERNAME_MAX_LENGTH = 32;
export const FILTER_QUERY_MAX_LENGTH = 50;
export const DISPLAY_NAME_MAX_LENGTH = 50;

export const userColumns: TableColumn<User>[] = [
  { key: 'username', prop: 'username', labelKey: 'users.fields.username', kind: 'mono', minWidth: 140, essential: true },
  { key: 'displayName', prop: 'displayName', labelKey: 'users.fields.displayName', kind: 'text', minWidth: 110, essential: true },
  { key: 'role', labelKey: 'users.fields.role', kind: 'custom', minWidth: 130, essential: true },
  { key: 'node', labelKey: 'users.fields.node', kind: 'custom', minWidth: 140 },
  { key: 'status', labelKey: 'users.fields.status', kind: 'custom', minWidth: 150, essential: true },
  { key: 'lastSignInAt', prop: 'lastSignInAt', labelKey: 'users.fields.lastSignInAt', kind: 'datetime', width: 150 },
];

export interface UserFilters {
  q: string;
  role: Role | '';
  nodeCode: string;
}

export function emptyUserFilters(): UserFilters {
  return { q: '', role: '', nodeCode: '' };
}

export interface UserForm {
  username: string;
  displayName: string;
  role: Role | '';
  nodeCode: string;
}

export function buildUserFormRules(t: Translate): Record<keyof UserForm, FormItemRule[]> {
  return {
    username: [
      { required: true, whitespace: true, message: t('users.form.usernameRequired'), trigger: 'blur' },
      { pattern: USERNAME_PATTERN, message: t('users.form.usernameInvalid'), trigger: 'blur' },
    ],
    displayName: [
      { required: true, whitespace: true, message: t('users.form.displayNameRequired'), trigger: 'blur' },
      {
        max: DISPLAY_NAME_MAX_LENGTH,
        message: t('users.form.displayNameTooLong', { max: DISPLAY_NAME_MAX_LENGTH }),
        trigger: 'blur',
      },
    ],
    role: [{ required: true, message: t('users.form.roleRequired'), trigger: 'change' }],
    nodeCode: [{ required: true, message: t('users.form.nodeRequired'), trigger: 'change' }],
  };
}

export type UserStatus = 'disabled' | 'locked' | 'mustChangePassword' | 'active';

/** Status tags of a user, most serious first; an account can be locked and waiting for a password change at once. */
export function userStatuses(user: User, now: Date = new Date()): UserStatus[] {
  const statuses: UserStatus[] = [];
  if (user.disabled) statuses.push('disabled');
  if (user.lockedUntil && new Date(user.lockedUntil) > now) statuses.push('locked');
  if (user.mustChangePassword) statuses.push('mustChangePassword');
  if (statuses.length === 0) statuses.push('active');
  return statuses;
}

export const STATUS_TAG_TYPES: Record<UserStatus, 'danger' | 'warning' | 'info' | 'success'> = {
  disabled: 'danger',
  locked: 'warning',
  mustChangePassword: 'info',
  active: 'success',
};
