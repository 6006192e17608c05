import { ROLES } from '@cordon/core';
import { type Static, Type } from 'typebox';

export const SignInBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
});
export type SignInBody = Static<typeof SignInBody>;

export const PasswordChangeBody = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
  newPassword: Type.String({ minLength: 1, maxLength: 256 }),
});
export type PasswordChangeBody = Static<typeof PasswordChangeBody>;

export const PathNode = Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() });

export const Me = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.Enum(ROLES),
  nodeCode: Type.String(),
  nodeName: Type.String(),
  nodePath: Type.Array(PathNode),
  mustChangePassword: Type.Boolean(),
});

export const SessionResponse = Type.Object({ user: Me, csrfToken: Type.String() });
