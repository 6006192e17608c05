import { ElMessage } from 'element-plus';
import { shallowReactive } from 'vue';
import { isApiError } from '../api/request.js';
import { i18n } from '../locales/index.js';

/** Shows a failed call as a message: the server's translated text, or a generic one for a bug in the page. */
export function notifyError(error: unknown): void {
  if (isApiError(error)) {
    ElMessage({ type: 'error', message: error.message, grouping: true });
    return;
  }
  console.error(error);
  ElMessage({ type: 'error', message: i18n.global.t('common.errors.UNEXPECTED_RESPONSE'), grouping: true });
}

/**
 * Server-side validation errors shown at their form fields. Bind
 * `fieldErrors[name]` to the `error` prop of each el-form-item.
 */
export function useFieldErrors<Field extends string>(fields: readonly Field[]) {
  const fieldErrors = shallowReactive<Partial<Record<Field, string>>>({});

  function clearFieldErrors(): void {
    for (const field of fields) delete fieldErrors[field];
  }

  /** Puts the error under its field when the form has that field, otherwise shows a message. */
  function reportError(error: unknown): void {
    const field = isApiError(error) ? error.field : undefined;
    if (isApiError(error) && field && (fields as readonly string[]).includes(field)) {
      const errors: Partial<Record<string, string>> = fieldErrors;
      errors[field] = error.message;
      return;
    }
    notifyError(error);
  }

  return { fieldErrors, clearFieldErrors, reportError };
}
