import type { Role } from '@cordon/core';
import type { FormItemRule } from 'element-plus';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** Roles the server lets add grids under a community. */
export const GRID_EDITOR_ROLES: readonly Role[] = ['admin', 'subdistrict_staff', 'community_staff'];

/** Maximum grid name length, as the server's schema sets it. */
export const GRID_NAME_MAX_LENGTH = 50;

/**
 * Lengths of a statistical division code that the server accepts. A province
 * has 2 digits (32), a city 4 (3205), a district or county 6 (320508), a
 * subdistrict or town 9 (320508018), a community or village 12 (320508018014).
 * A code padded with zeros, such as 320500 for the city 3205, names the same region.
 */
export const REGION_CODE_LENGTHS: readonly number[] = [2, 4, 6, 9, 12];

const ASCII_DIGITS = /^[0-9]+$/;
const FULL_WIDTH_DIGIT = /[０-９]/g;
const FULL_WIDTH_OFFSET = 0xfee0;

/**
 * Reads a code as typed: drops spaces and turns full-width digits, which
 * Chinese input methods produce, into ASCII ones. The result is what the
 * dialog checks and sends.
 */
export function readRegionCodeInput(input: string): string {
  return input.replace(/\s+/g, '').replace(FULL_WIDTH_DIGIT, (digit) => String.fromCharCode(digit.charCodeAt(0) - FULL_WIDTH_OFFSET));
}

/** Tells whether a code has the shape the server accepts. Whether the region exists is the server's check. */
export function isRegionCodeShape(code: string): boolean {
  return ASCII_DIGITS.test(code) && REGION_CODE_LENGTHS.includes(code.length);
}

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
      {
        // The required rule above reports an empty field, so this one checks only typed codes.
        validator: (_rule, value: unknown, callback) => {
          const code = readRegionCodeInput(typeof value === 'string' ? value : '');
          if (code === '' || isRegionCodeShape(code)) callback();
          else callback(new Error(t('jurisdictions.loadRegion.codeInvalid')));
        },
        trigger: 'blur',
      },
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
