import { negotiateLocale } from '@cordon/core';
import { createI18n, type LocaleMessageDictionary } from 'vue-i18n';

/** Languages of the staff console. */
export const CONSOLE_LOCALES = ['zh-CN', 'en'] as const;
export type ConsoleLocale = (typeof CONSOLE_LOCALES)[number];
export const DEFAULT_LOCALE: ConsoleLocale = 'zh-CN';

/**
 * Languages of the public pages that residents open without an account. The
 * ja and ko folders hold only the namespaces of those pages, so any other key
 * falls back to zh-CN.
 */
export const PUBLIC_LOCALES = ['zh-CN', 'en', 'ja', 'ko'] as const;
export type PublicLocale = (typeof PUBLIC_LOCALES)[number];

/** Namespaces that every public language has in full. */
export const PUBLIC_NAMESPACES = ['declare', 'pass', 'visitorConfirm'] as const;

export const LOCALE_STORAGE_KEY = 'cordon.locale';

/** Kept apart from the console's key, so a resident's 日本語 never changes the console of a staff member on the same phone. */
export const PUBLIC_LOCALE_STORAGE_KEY = 'cordon.publicLocale';

type Messages = LocaleMessageDictionary<string>;

// Each folder is a language and each JSON file in it a namespace, so
// locales/en/users.json is read as t('users.…') when the locale is en.
const localeFiles = import.meta.glob<Messages>('./*/*.json', { eager: true, import: 'default' });

function collectMessages(): Record<string, Record<string, Messages>> {
  const messages: Record<string, Record<string, Messages>> = {};
  for (const [path, content] of Object.entries(localeFiles)) {
    const match = /^\.\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!match) continue;
    const [, locale = '', namespace = ''] = match;
    messages[locale] ??= {};
    messages[locale][namespace] = content;
  }
  return messages;
}

export function isConsoleLocale(value: string): value is ConsoleLocale {
  return (CONSOLE_LOCALES as readonly string[]).includes(value);
}

export function isPublicLocale(value: string): value is PublicLocale {
  return (PUBLIC_LOCALES as readonly string[]).includes(value);
}

/**
 * Reads the language saved by the language switch. Without one the console
 * starts in zh-CN, the language of its users, whatever the browser prefers.
 */
export function readSavedLocale(): ConsoleLocale {
  let saved: string | null = null;
  try {
    saved = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY) ?? null;
  } catch {
    // Storage can be blocked (private mode, strict settings); the default applies then.
  }
  if (!saved) return DEFAULT_LOCALE;

  const negotiated = negotiateLocale(saved);
  return isConsoleLocale(negotiated) ? negotiated : DEFAULT_LOCALE;
}

export const i18n = createI18n({
  legacy: false,
  locale: readSavedLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages: collectMessages(),
});

export function currentLocale(): ConsoleLocale {
  const locale = i18n.global.locale.value;
  return isConsoleLocale(locale) ? locale : DEFAULT_LOCALE;
}

/** Returns the language of a public page, which is the console's zh-CN or en until a public page chooses another. */
export function currentPublicLocale(): PublicLocale {
  const locale = i18n.global.locale.value;
  return isPublicLocale(locale) ? locale : DEFAULT_LOCALE;
}
