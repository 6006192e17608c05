import type { FormItemRule } from 'element-plus';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** Minimum password length the server enforces (PASSWORD_TOO_WEAK below it). */
export const PASSWORD_MIN_LENGTH = 10;

export interface SignInForm {
  username: string;
  password: string;
}

export interface ChangePasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function buildSignInRules(t: Translate): Partial<Record<keyof SignInForm, FormItemRule[]>> {
  return {
    username: [{ required: true, whitespace: true, message: t('auth.signIn.usernameRequired'), trigger: 'blur' }],
    password: [{ required: true, message: t('auth.signIn.passwordRequired'), trigger: 'blur' }],
  };
}

/**
 * Rules that mirror the server's password policy, so most mistakes show
 * before the request: at least 10 characters, not the username, not the
 * current password, typed the same twice.
 */
export function buildChangePasswordRules(
  t: Translate,
  form: ChangePasswordForm,
  username: () => string,
): Partial<Record<keyof ChangePasswordForm, FormItemRule[]>> {
  return {
    currentPassword: [{ required: true, message: t('auth.changePassword.currentRequired'), trigger: 'blur' }],
    newPassword: [
      { required: true, message: t('auth.changePassword.newRequired'), trigger: 'blur' },
      {
        min: PASSWORD_MIN_LENGTH,
        message: t('auth.changePassword.tooShort', { min: PASSWORD_MIN_LENGTH }),
        trigger: 'blur',
      },
      {
        validator: (_rule, value: string, callback) => {
          if (value && value.toLowerCase() === username().toLowerCase()) {
            callback(new Error(t('auth.changePassword.sameAsUsername')));
          } else if (value && value === form.currentPassword) {
            callback(new Error(t('auth.changePassword.sameAsCurrent')));
          } else {
            callback();
          }
        },
        trigger: 'blur',
      },
    ],
    confirmPassword: [
      { required: true, message: t('auth.changePassword.confirmRequired'), trigger: 'blur' },
      {
        validator: (_rule, value: string, callback) => {
          if (value !== form.newPassword) callback(new Error(t('auth.changePassword.mismatch')));
          else callback();
        },
        trigger: 'blur',
      },
    ],
  };
}
