import dayjs from 'dayjs';
import 'dayjs/locale/ja';
import 'dayjs/locale/ko';
import 'dayjs/locale/zh-cn';
import elementEn from 'element-plus/es/locale/lang/en';
import elementZhCn from 'element-plus/es/locale/lang/zh-cn';
import { Locale as VantLocale } from 'vant';
import vantEnUS from 'vant/es/locale/lang/en-US';
import vantJaJP from 'vant/es/locale/lang/ja-JP';
import vantKoKR from 'vant/es/locale/lang/ko-KR';
import vantZhCN from 'vant/es/locale/lang/zh-CN';
import { computed } from 'vue';
import {
  LOCALE_STORAGE_KEY,
  PUBLIC_LOCALE_STORAGE_KEY,
  currentLocale,
  i18n,
  readSavedLocale,
  type ConsoleLocale,
  type PublicLocale,
} from './index.js';

/** Element Plus only serves the console, so it has the console's two languages. */
const ELEMENT_LOCALES = { 'zh-CN': elementZhCn, en: elementEn } as const satisfies Record<ConsoleLocale, unknown>;

/** The same language in the naming of Vant and dayjs, for the console and the public pages. */
const PHONE_LIBRARY_LOCALES = {
  'zh-CN': { vantName: 'zh-CN', vant: vantZhCN, dayjs: 'zh-cn' },
  en: { vantName: 'en-US', vant: vantEnUS, dayjs: 'en' },
  ja: { vantName: 'ja-JP', vant: vantJaJP, dayjs: 'ja' },
  ko: { vantName: 'ko-KR', vant: vantKoKR, dayjs: 'ko' },
} as const satisfies Record<PublicLocale, unknown>;

/** Element Plus locale for ElConfigProvider, following the console language. */
export const elementLocale = computed(() => ELEMENT_LOCALES[currentLocale()]);

/** Switches vue-i18n, Element Plus, Vant and dayjs together and saves the choice. */
export function setLocale(locale: ConsoleLocale): void {
  i18n.global.locale.value = locale;
  applyLibraryLocales(locale);
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Without storage the choice lasts until the page reloads.
  }
}

/** Brings the libraries and <html lang> in line with vue-i18n; main.ts calls it once at start. */
export function applyLibraryLocales(locale: PublicLocale = currentLocale()): void {
  const target = PHONE_LIBRARY_LOCALES[locale];
  dayjs.locale(target.dayjs);
  VantLocale.use(target.vantName, target.vant);
  document.documentElement.lang = locale;
}

/**
 * Switches a public page to one of its four languages. Only a choice the
 * resident made with the language switch is saved, not a language taken from
 * the link or the browser.
 */
export function setPublicLocale(locale: PublicLocale, options: { save: boolean }): void {
  i18n.global.locale.value = locale;
  applyLibraryLocales(locale);
  if (!options.save) return;
  try {
    localStorage.setItem(PUBLIC_LOCALE_STORAGE_KEY, locale);
  } catch {
    // Without storage the choice lasts until the page reloads.
  }
}

/** Returns to the console's own language when the app leaves a public page. */
export function restoreConsoleLocale(): void {
  const locale = readSavedLocale();
  i18n.global.locale.value = locale;
  applyLibraryLocales(locale);
}
