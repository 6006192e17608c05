import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { PUBLIC_LOCALE_STORAGE_KEY, currentPublicLocale, type PublicLocale } from '../../locales/index.js';
import { setPublicLocale } from '../../locales/libraries.js';
import { choosePublicLocale } from './locale-choice.js';

function readSavedChoice(): string | null {
  try {
    return localStorage.getItem(PUBLIC_LOCALE_STORAGE_KEY);
  } catch {
    // Storage can be blocked (private mode, strict settings); the other sources decide then.
    return null;
  }
}

function browserLanguages(): readonly string[] {
  if (navigator.languages.length > 0) return navigator.languages;
  return navigator.language ? [navigator.language] : [];
}

/** Returns the language of a public page and the two ways to change it: the sources in order, or the resident's switch. */
export function usePublicLocale() {
  const route = useRoute();
  const router = useRouter();

  /** Applies the strongest source; the page calls it again with the person's language once the link is read. */
  function applyChosenLocale(preferred?: string | null): void {
    const choice = choosePublicLocale({ query: route.query.lang, saved: readSavedChoice(), preferred, browser: browserLanguages() });
    setPublicLocale(choice.locale, { save: false });
  }

  /** Switches to the resident's choice and saves it; a ?lang= in the address follows, so a reload keeps the choice. */
  function switchLocale(locale: PublicLocale): void {
    setPublicLocale(locale, { save: true });
    if (route.query.lang !== undefined) void router.replace({ query: { ...route.query, lang: locale } });
  }

  return { locale: computed(currentPublicLocale), applyChosenLocale, switchLocale };
}
