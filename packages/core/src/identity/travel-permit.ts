import { fail, ok } from '../result.js';
import type { IdentityParseResult } from './types.js';

/**
 * Mainland travel permit for Hong Kong and Macao residents (港澳居民来往内地通行证):
 * H (Hong Kong) or M (Macao), then 8 digits. Older permits carry 10 digits:
 * the 8-digit lifetime number and 2 digits that count the renewals.
 */
const HK_MO_PERMIT = /^[HM](?:\d{8}|\d{10})$/;

/**
 * Mainland travel permit for Taiwan residents (台湾居民来往大陆通行证): the
 * 8-digit lifetime number since 2008-09-25. Permits issued from 1992 until
 * then add 2 digits that count the issues, mostly followed by the issuing
 * office's code in brackets, e.g. 0123456701(B). Fujian, Jiangsu and Shanghai
 * dropped the bracketed code in June 2006.
 */
const TW_PERMIT = /^(?:\d{8}|\d{10}(?:\([0-9A-Z]\))?)$/;

export function parseHongKongMacaoTravelPermit(number: string): IdentityParseResult {
  if (!HK_MO_PERMIT.test(number)) return fail('PERMIT_NUMBER_INVALID');
  return ok({ type: 'mainland_travel_permit_hk_mo', number });
}

export function parseTaiwanTravelPermit(number: string): IdentityParseResult {
  if (!TW_PERMIT.test(number)) return fail('PERMIT_NUMBER_INVALID');
  return ok({ type: 'mainland_travel_permit_tw', number });
}

/** Returns the travel permit type whose shape a normalised number has, if any. */
export function looksLikeTravelPermit(number: string): 'mainland_travel_permit_hk_mo' | 'mainland_travel_permit_tw' | undefined {
  if (HK_MO_PERMIT.test(number)) return 'mainland_travel_permit_hk_mo';
  if (TW_PERMIT.test(number)) return 'mainland_travel_permit_tw';
  return undefined;
}
