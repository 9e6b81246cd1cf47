import type { Message, UiStrings } from './en.js';
import { countWriter } from './format.js';

/** Values for a message's placeholders; numbers are formatted for the language. */
export type Values = Record<string, string | number>;

/** Fills in one message of the widget's words. */
export type Translate = (key: keyof UiStrings, values?: Values) => string;

// First-strong isolates keep a Latin name or a number from reordering the words of a
// right-to-left sentence around it (and the other way round).
const FSI = '\u2068';
const PDI = '\u2069';

/**
 * A translator for one set of words and one locale. Plural forms are chosen by `{count}` with
 * `Intl.PluralRules`; `isolate` wraps each value in bidi isolates (for right-to-left layouts).
 */
export function translator(strings: UiStrings, locale: string, isolate: boolean): Translate {
  // Made once per translator: building Intl formatters costs far more than using them. The
  // number formatter only when a message needs one: a page's first costs 12–30 ms of main thread,
  // which a loading placeholder or an error panel need not wait for.
  const plural = new Intl.PluralRules(locale);
  let numbers: ((count: number) => string) | undefined;
  return (key, values = {}) => {
    // A word that comes with a chunk is missing until the chunk is there: nothing shows it yet.
    const message: Message = strings[key] ?? '';
    const template =
      typeof message === 'string' ? message : (message[plural.select(Number(values.count ?? 0))] ?? message.other);
    return String(template).replace(/\{(\w+)\}/g, (placeholder, name: string) => {
      const value = values[name];
      // A placeholder with no value stays as written.
      if (value === undefined) return placeholder;
      const shown =
        typeof value === 'number' ? (numbers ??= countWriter(locale))(value) : value;
      return isolate ? FSI + shown + PDI : shown;
    });
  };
}
