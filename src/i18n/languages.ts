/**
 * The built-in UI languages. English is part of the bundle; every other language is a module of
 * its own that the build emits as a chunk beside `ai-compare.js`, fetched only by pages that use
 * it, so an English page downloads nothing more and the embed stays one script tag.
 */
import { en, type BundledWords, type UiStrings } from './en.js';

type Catalogue = Promise<{ default: UiStrings }>;

const chunks: Record<string, () => Catalogue> = {
  ar: () => import('./ar.js'),
  de: () => import('./de.js'),
  es: () => import('./es.js'),
  fr: () => import('./fr.js'),
};

/** Each language's words, once loaded; a promise while they are on their way. */
const cache: Record<string, BundledWords | Promise<BundledWords> | undefined> = {};

/** The language of a BCP 47 tag: `de-AT` → `de`. */
export const languageOf = (locale: string): string => locale.toLowerCase().split('-')[0];

/** Whether the widget has words of its own for this tag's language. */
export function isBuiltIn(locale: string): boolean {
  const language = languageOf(locale);
  return language === 'en' || Object.hasOwn(chunks, language);
}

/**
 * The tag the widget speaks and formats for: the requested one when there are words for it
 * (built in, or the page's own), else English, so a page never reads English dated in Portuguese.
 */
export const uiLocale = (requested: string, ownWords: boolean): string =>
  ownWords || isBuiltIn(requested) ? requested : 'en';

/**
 * The built-in words for a tag: its language, else English. A language not yet loaded comes as a
 * promise; one that fails to load (offline, blocked) resolves to English and is retried next time.
 */
export function builtInStrings(locale: string): BundledWords | Promise<BundledWords> {
  const language = languageOf(locale);
  if (!Object.hasOwn(chunks, language)) return en;
  return (cache[language] ??= chunks[language]().then(
    (module) => (cache[language] = module.default),
    () => {
      cache[language] = undefined;
      return en;
    },
  ));
}
