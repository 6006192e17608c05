import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import elementEn from 'element-plus/es/locale/lang/en';
import elementZhCn from 'element-plus/es/locale/lang/zh-cn';
import { Locale as VantLocale } from 'vant';
import vantEnUS from 'vant/es/locale/lang/en-US';
import vantZhCN from 'vant/es/locale/lang/zh-CN';
import { computed } from 'vue';
import { LOCALE_STORAGE_KEY, currentLocale, i18n, type ConsoleLocale } from './index.js';

/** The same language in each library's own naming. */
const LIBRARY_LOCALES = {
  'zh-CN': { element: elementZhCn, vantName: 'zh-CN', vant: vantZhCN, dayjs: 'zh-cn' },
  en: { element: elementEn, vantName: 'en-US', vant: vantEnUS, dayjs: 'en' },
} as const;

/** Element Plus locale for ElConfigProvider, following the console language. */
export const elementLocale = computed(() => LIBRARY_LOCALES[currentLocale()].element);

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
export function applyLibraryLocales(locale: ConsoleLocale = currentLocale()): void {
  const target = LIBRARY_LOCALES[locale];
  dayjs.locale(target.dayjs);
  VantLocale.use(target.vantName, target.vant);
  document.documentElement.lang = locale;
}
