import type { Role } from '@cordon/core';
import type { FormItemRule } from 'element-plus';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** Roles the server lets add grids under a community. */
export const GRID_EDITOR_ROLES: readonly Role[] = ['admin', 'subdistrict_staff', 'community_staff'];

/** Maximum grid name length, as the server's schema sets it. */
export const GRID_NAME_MAX_LENGTH = 50;

/**
 * Statistical division codes: 2 digits for a province, 6 for a county,
 * 12 for a community. The server also accepts the shortened forms between.
 */
export const REGION_CODE_PATTERN = /^\d{2,12}$/;

export const SEARCH_QUERY_MAX_LENGTH = 50;
export const SEARCH_RESULT_LIMIT = 20;
export const SEARCH_DEBOUNCE_MS = 300;

export interface LoadRegionForm {
  code: string;
}

export interface AddGridForm {
  name: string;
}

export function buildLoadRegionRules(t: Translate): Record<keyof LoadRegionForm, FormItemRule[]> {
  return {
    code: [
      { required: true, whitespace: true, message: t('jurisdictions.loadRegion.codeRequired'), trigger: 'blur' },
      { pattern: REGION_CODE_PATTERN, message: t('jurisdictions.loadRegion.codeInvalid'), trigger: 'blur' },
    ],
  };
}

export function buildAddGridRules(t: Translate): Record<keyof AddGridForm, FormItemRule[]> {
  return {
    name: [
      { required: true, whitespace: true, message: t('jurisdictions.addGrid.nameRequired'), trigger: 'blur' },
      {
        max: GRID_NAME_MAX_LENGTH,
        message: t('jurisdictions.addGrid.nameTooLong', { max: GRID_NAME_MAX_LENGTH }),
        trigger: 'blur',
      },
    ],
  };
}
