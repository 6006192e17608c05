import type { FormItemRule } from 'element-plus';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** Password length limits the server enforces, counted in Unicode code points. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

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
 * before the request: 10 to 256 characters, not containing the username
 * (case-insensitive), not the current password, typed the same twice.
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
        validator: (_rule, value: string, callback) => {
          const length = [...value].length;
          const name = username().toLowerCase();
          if (length < PASSWORD_MIN_LENGTH) {
            callback(new Error(t('auth.changePassword.tooShort', { min: PASSWORD_MIN_LENGTH })));
          } else if (length > PASSWORD_MAX_LENGTH) {
            callback(new Error(t('auth.changePassword.tooLong', { max: PASSWORD_MAX_LENGTH })));
          } else if (name && value.toLowerCase().includes(name)) {
            callback(new Error(t('auth.changePassword.containsUsername')));
          } else if (value === form.currentPassword) {
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
