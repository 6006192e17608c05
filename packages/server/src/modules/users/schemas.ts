import { ROLES } from '@cordon/core';
import { Type } from 'typebox';
import { JurisdictionCode, NullableTimestamp, Pagination, Timestamp } from '../../http/common-schemas.js';

export const RoleSchema = Type.Enum(ROLES);

export const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  nodeCode: Type.String(),
  nodeName: Type.String(),
  disabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  lockedUntil: NullableTimestamp,
  lastSignInAt: NullableTimestamp,
  createdAt: Timestamp,
});

export const UserListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 50 })),
  role: Type.Optional(RoleSchema),
  nodeCode: Type.Optional(JurisdictionCode),
  ...Pagination,
});

export const UserList = Type.Object({ items: Type.Array(User), total: Type.Integer() });

export const CreateUserBody = Type.Object({
  username: Type.String({ minLength: 3, maxLength: 32 }),
  displayName: Type.String({ minLength: 1, maxLength: 50 }),
  role: RoleSchema,
  nodeCode: JurisdictionCode,
});

export const CreateUserResult = Type.Object({ user: User, temporaryPassword: Type.String() });

export const UpdateUserBody = Type.Object({
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  role: Type.Optional(RoleSchema),
  nodeCode: Type.Optional(JurisdictionCode),
  disabled: Type.Optional(Type.Boolean()),
});

export const PasswordResetResult = Type.Object({ temporaryPassword: Type.String() });
