import { negotiateLocale } from '@cordon/core';
import { PUBLIC_LOCALES, isPublicLocale, type PublicLocale } from '../../locales/index.js';

/** Source of a public page's language, listed from strongest to weakest. */
export type LocaleSource = 'query' | 'saved' | 'preferred' | 'browser';

export interface LocaleSources {
  /** The ?lang= parameter of the page address; vue-router gives a string, null or an array. */
  query?: unknown;
  /** The resident's earlier choice in the language switch. */
  saved?: string | null;
  /** The person's preferred language from the person file, which the link lookup returns. */
  preferred?: string | null;
  /** navigator.languages, most preferred first. */
  browser: readonly string[];
}

/**
 * Reads a language tag as one of the public languages: "ja", "ja-JP" and
 * "JA" are Japanese, and any Chinese tag is zh-CN. Returns undefined for
 * anything else, so that the next source decides.
 */
export function matchPublicLocale(value: unknown): PublicLocale | undefined {
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  if (typeof first !== 'string') return undefined;
  const tag = first.trim().toLowerCase().replace('_', '-');
  if (tag === '') return undefined;
  if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
  const base = tag.split('-')[0];
  return PUBLIC_LOCALES.find((locale) => locale === base);
}

/**
 * Chooses the language of a public page: the address's ?lang=, then the
 * saved choice, then the person's preferred language, then the browser's
 * languages as core's negotiateLocale ranks them (zh-CN when none matches).
 */
export function choosePublicLocale(sources: LocaleSources): { locale: PublicLocale; source: LocaleSource } {
  const ranked: Array<[LocaleSource, unknown]> = [
    ['query', sources.query],
    ['saved', sources.saved],
    ['preferred', sources.preferred],
  ];
  for (const [source, value] of ranked) {
    const locale = matchPublicLocale(value);
    if (locale) return { locale, source };
  }

  const negotiated = negotiateLocale(sources.browser.join(','));
  return { locale: isPublicLocale(negotiated) ? negotiated : 'zh-CN', source: 'browser' };
}
