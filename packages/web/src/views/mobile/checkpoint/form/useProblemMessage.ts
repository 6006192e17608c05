import { formatErrorMessage } from '@cordon/core';
import { useI18n } from 'vue-i18n';
import { currentLocale } from '../../../../locales/index.js';
import type { FieldProblem } from './draft.js';

/** Returns a function that turns a field problem into a message in the page's language. */
export function useProblemMessage(): (problem: FieldProblem | undefined) => string {
  const { t } = useI18n();
  return (problem) => {
    if (!problem) return '';
    if ('code' in problem) return formatErrorMessage(currentLocale(), problem.code, { field: problem.field });

    // A `field` parameter is itself a locale key: the label of the field the message names.
    const params: Record<string, string | number> = { ...(problem.params ?? {}) };
    if (typeof params.field === 'string') params.field = t(params.field);
    return t(problem.key, params);
  };
}
