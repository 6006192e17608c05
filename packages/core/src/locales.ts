import enAddress from './locales/en/address.json' with { type: 'json' };
import enCommon from './locales/en/common.json' with { type: 'json' };
import enCreditCode from './locales/en/credit-code.json' with { type: 'json' };
import enIdentity from './locales/en/identity.json' with { type: 'json' };
import enPhone from './locales/en/phone.json' with { type: 'json' };
import enPlate from './locales/en/plate.json' with { type: 'json' };
import enRegions from './locales/en/regions.json' with { type: 'json' };
import enRisk from './locales/en/risk.json' with { type: 'json' };
import enServer from './locales/en/server.json' with { type: 'json' };
import jaAddress from './locales/ja/address.json' with { type: 'json' };
import jaCommon from './locales/ja/common.json' with { type: 'json' };
import jaCreditCode from './locales/ja/credit-code.json' with { type: 'json' };
import jaIdentity from './locales/ja/identity.json' with { type: 'json' };
import jaPhone from './locales/ja/phone.json' with { type: 'json' };
import jaPlate from './locales/ja/plate.json' with { type: 'json' };
import jaRegions from './locales/ja/regions.json' with { type: 'json' };
import jaRisk from './locales/ja/risk.json' with { type: 'json' };
import jaServer from './locales/ja/server.json' with { type: 'json' };
import koAddress from './locales/ko/address.json' with { type: 'json' };
import koCommon from './locales/ko/common.json' with { type: 'json' };
import koCreditCode from './locales/ko/credit-code.json' with { type: 'json' };
import koIdentity from './locales/ko/identity.json' with { type: 'json' };
import koPhone from './locales/ko/phone.json' with { type: 'json' };
import koPlate from './locales/ko/plate.json' with { type: 'json' };
import koRegions from './locales/ko/regions.json' with { type: 'json' };
import koRisk from './locales/ko/risk.json' with { type: 'json' };
import koServer from './locales/ko/server.json' with { type: 'json' };
import zhAddress from './locales/zh-CN/address.json' with { type: 'json' };
import zhCommon from './locales/zh-CN/common.json' with { type: 'json' };
import zhCreditCode from './locales/zh-CN/credit-code.json' with { type: 'json' };
import zhIdentity from './locales/zh-CN/identity.json' with { type: 'json' };
import zhPhone from './locales/zh-CN/phone.json' with { type: 'json' };
import zhPlate from './locales/zh-CN/plate.json' with { type: 'json' };
import zhRegions from './locales/zh-CN/regions.json' with { type: 'json' };
import zhRisk from './locales/zh-CN/risk.json' with { type: 'json' };
import zhServer from './locales/zh-CN/server.json' with { type: 'json' };

import zhPerson from './locales/zh-CN/person.json' with { type: 'json' };
import zhHousehold from './locales/zh-CN/household.json' with { type: 'json' };
import zhImport from './locales/zh-CN/import.json' with { type: 'json' };
import zhExport from './locales/zh-CN/export.json' with { type: 'json' };
import zhScreening from './locales/zh-CN/screening.json' with { type: 'json' };
import enPerson from './locales/en/person.json' with { type: 'json' };
import enHousehold from './locales/en/household.json' with { type: 'json' };
import enImport from './locales/en/import.json' with { type: 'json' };
import enExport from './locales/en/export.json' with { type: 'json' };
import enScreening from './locales/en/screening.json' with { type: 'json' };
import jaPerson from './locales/ja/person.json' with { type: 'json' };
import jaHousehold from './locales/ja/household.json' with { type: 'json' };
import jaImport from './locales/ja/import.json' with { type: 'json' };
import jaExport from './locales/ja/export.json' with { type: 'json' };
import jaScreening from './locales/ja/screening.json' with { type: 'json' };
import koPerson from './locales/ko/person.json' with { type: 'json' };
import koHousehold from './locales/ko/household.json' with { type: 'json' };
import koImport from './locales/ko/import.json' with { type: 'json' };
import koExport from './locales/ko/export.json' with { type: 'json' };
import koScreening from './locales/ko/screening.json' with { type: 'json' };
import zhWork from './locales/zh-CN/work.json' with { type: 'json' };
import zhDeclaration from './locales/zh-CN/declaration.json' with { type: 'json' };
import zhQuarantine from './locales/zh-CN/quarantine.json' with { type: 'json' };
import zhSite from './locales/zh-CN/site.json' with { type: 'json' };
import zhSmsJobs from './locales/zh-CN/sms-jobs.json' with { type: 'json' };
import zhCheckpoint from './locales/zh-CN/checkpoint.json' with { type: 'json' };
import enWork from './locales/en/work.json' with { type: 'json' };
import enDeclaration from './locales/en/declaration.json' with { type: 'json' };
import enQuarantine from './locales/en/quarantine.json' with { type: 'json' };
import enSite from './locales/en/site.json' with { type: 'json' };
import enSmsJobs from './locales/en/sms-jobs.json' with { type: 'json' };
import enCheckpoint from './locales/en/checkpoint.json' with { type: 'json' };
import jaWork from './locales/ja/work.json' with { type: 'json' };
import jaDeclaration from './locales/ja/declaration.json' with { type: 'json' };
import jaQuarantine from './locales/ja/quarantine.json' with { type: 'json' };
import jaSite from './locales/ja/site.json' with { type: 'json' };
import jaSmsJobs from './locales/ja/sms-jobs.json' with { type: 'json' };
import jaCheckpoint from './locales/ja/checkpoint.json' with { type: 'json' };
import koWork from './locales/ko/work.json' with { type: 'json' };
import koDeclaration from './locales/ko/declaration.json' with { type: 'json' };
import koQuarantine from './locales/ko/quarantine.json' with { type: 'json' };
import koSite from './locales/ko/site.json' with { type: 'json' };
import koSmsJobs from './locales/ko/sms-jobs.json' with { type: 'json' };
import koCheckpoint from './locales/ko/checkpoint.json' with { type: 'json' };
import zhGate from './locales/zh-CN/gate.json' with { type: 'json' };
import enGate from './locales/en/gate.json' with { type: 'json' };
import jaGate from './locales/ja/gate.json' with { type: 'json' };
import koGate from './locales/ko/gate.json' with { type: 'json' };
import zhGateDevice from './locales/zh-CN/gate-device.json' with { type: 'json' };
import enGateDevice from './locales/en/gate-device.json' with { type: 'json' };
import jaGateDevice from './locales/ja/gate-device.json' with { type: 'json' };
import koGateDevice from './locales/ko/gate-device.json' with { type: 'json' };
import zhGateRules from './locales/zh-CN/gate-rules.json' with { type: 'json' };
import enGateRules from './locales/en/gate-rules.json' with { type: 'json' };
import jaGateRules from './locales/ja/gate-rules.json' with { type: 'json' };
import koGateRules from './locales/ko/gate-rules.json' with { type: 'json' };
/** Languages of error messages and field labels. zh-CN is the default. */
export const LOCALES = ['zh-CN', 'en', 'ja', 'ko'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

interface LocaleSection {
  errors: Record<string, string>;
  fields: Record<string, string>;
}

function mergeSections(sections: LocaleSection[]): LocaleSection {
  const merged: LocaleSection = { errors: {}, fields: {} };
  for (const section of sections) {
    Object.assign(merged.errors, section.errors);
    Object.assign(merged.fields, section.fields);
  }
  return merged;
}

/** Error messages and field labels by locale, one JSON file per domain area. */
export const MESSAGES: Record<Locale, LocaleSection> = {
  'zh-CN': mergeSections([
    zhAddress,
    zhCommon,
    zhCreditCode,
    zhIdentity,
    zhPhone,
    zhPlate,
    zhRegions,
    zhRisk,
    zhServer,
    zhPerson,
    zhHousehold,
    zhImport,
    zhExport,
    zhScreening,
    zhWork,
    zhDeclaration,
    zhQuarantine,
    zhSite,
    zhSmsJobs,
    zhCheckpoint,
    zhGate,
    zhGateDevice,
    zhGateRules,
  ]),
  en: mergeSections([
    enAddress,
    enCommon,
    enCreditCode,
    enIdentity,
    enPhone,
    enPlate,
    enRegions,
    enRisk,
    enServer,
    enPerson,
    enHousehold,
    enImport,
    enExport,
    enScreening,
    enWork,
    enDeclaration,
    enQuarantine,
    enSite,
    enSmsJobs,
    enCheckpoint,
    enGate,
    enGateDevice,
    enGateRules,
  ]),
  ja: mergeSections([
    jaAddress,
    jaCommon,
    jaCreditCode,
    jaIdentity,
    jaPhone,
    jaPlate,
    jaRegions,
    jaRisk,
    jaServer,
    jaPerson,
    jaHousehold,
    jaImport,
    jaExport,
    jaScreening,
    jaWork,
    jaDeclaration,
    jaQuarantine,
    jaSite,
    jaSmsJobs,
    jaCheckpoint,
    jaGate,
    jaGateDevice,
    jaGateRules,
  ]),
  ko: mergeSections([
    koAddress,
    koCommon,
    koCreditCode,
    koIdentity,
    koPhone,
    koPlate,
    koRegions,
    koRisk,
    koServer,
    koPerson,
    koHousehold,
    koImport,
    koExport,
    koScreening,
    koWork,
    koDeclaration,
    koQuarantine,
    koSite,
    koSmsJobs,
    koCheckpoint,
    koGate,
    koGateDevice,
    koGateRules,
  ]),
};

/**
 * Picks the best supported locale from an Accept-Language header or a tag
 * such as "en-US". Falls back to zh-CN, the language of the platform's users.
 */
export function negotiateLocale(header: string | undefined | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const qParam = params.find((p) => p.trim().startsWith('q='));
      const quality = qParam ? Number(qParam.trim().slice(2)) : 1;
      return { tag: tag.toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);

  for (const { tag } of ranked) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}

function matchLocale(tag: string): Locale | undefined {
  if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
  const base = tag.split('-')[0];
  return LOCALES.find((locale) => locale === base);
}

/**
 * Formats the message of an error code in a locale. `{field}` is replaced by
 * the translated label of the field, other `{name}` placeholders by params.
 * A code without a message falls back to zh-CN, then to the code itself.
 */
export function formatErrorMessage(
  locale: Locale,
  code: string,
  options: { field?: string; params?: Record<string, string | number> } = {},
): string {
  const template = MESSAGES[locale].errors[code] ?? MESSAGES[DEFAULT_LOCALE].errors[code] ?? code;
  const fieldLabel = options.field ? fieldLabelOf(locale, options.field) : '';
  const message = template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    if (name === 'field') return fieldLabel;
    const value = options.params?.[name];
    return value === undefined ? placeholder : String(value);
  });
  if (locale === 'ko') return attachKoreanParticles(message);
  // English labels are lower case ("registration time") so that they read well mid-sentence; a message starts with a capital.
  if (locale === 'en') return message.charAt(0).toUpperCase() + message.slice(1);
  return message;
}

/**
 * Translated label of a field name such as `idNumber`; the name itself when
 * unknown. An item of a list (`symptoms.3`) takes the list's label.
 */
export function fieldLabelOf(locale: Locale, field: string): string {
  const segments = field.split('.').filter((segment) => !/^\d+$/.test(segment));
  const leaf = segments.pop() ?? field;
  return MESSAGES[locale].fields[leaf] ?? MESSAGES[DEFAULT_LOCALE].fields[leaf] ?? field;
}

// Korean messages are written with both forms of a particle, "이(가)", because
// the word before it is a placeholder. The form follows the last sound of
// that word: with a final consonant the first form, without it the second.
const KOREAN_PARTICLES = /(이\(가\)|을\(를\)|은\(는\)|과\(와\))/g;
// Digits as read in Korean: 0 영, 1 일, 3 삼, 6 육, 7 칠, 8 팔 end in a consonant; 2 이, 4 사, 5 오, 9 구 do not.
const DIGITS_WITH_FINAL_CONSONANT = new Set(['0', '1', '3', '6', '7', '8']);
const CLOSING_MARKS = /["'”’」』)\]）》〉\s]/;

/** True or false when the sound before `index` is known to end in a consonant; undefined for Latin letters and the like. */
function endsInConsonant(text: string, index: number): boolean | undefined {
  let position = index - 1;
  while (position >= 0 && CLOSING_MARKS.test(text[position] ?? '')) position -= 1;
  const character = text[position];
  if (character === undefined) return undefined;
  const code = character.charCodeAt(0);
  if (code >= 0xac00 && code <= 0xd7a3) return (code - 0xac00) % 28 !== 0;
  if (/\d/.test(character)) return DIGITS_WITH_FINAL_CONSONANT.has(character);
  return undefined;
}

/** Picks one form of each double particle where the word before it is Hangul or a digit; keeps both forms elsewhere. */
export function attachKoreanParticles(message: string): string {
  return message.replace(KOREAN_PARTICLES, (pair: string, _group: string, offset: number) => {
    const consonant = endsInConsonant(message, offset);
    if (consonant === undefined) return pair;
    const [withConsonant, withoutConsonant] = [pair.slice(0, 1), pair.slice(2, 3)];
    return consonant ? withConsonant : withoutConsonant;
  });
}
