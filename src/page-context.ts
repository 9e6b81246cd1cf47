import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ahead, prepareFormatting, safeLocale, textDirection } from './i18n/format.js';
import { builtInStrings, uiLocale } from './i18n/languages.js';
import { en, type BundledWords, type UiStrings } from './i18n/en.js';
import { closestAcross, pageScheme, schemeIn, watchPage, type Scheme } from './page-signals.js';

const warned = new Set<string>();

/** The page's own words that are messages; anything else keeps the built-in words, with a warning. */
const usable = (own: Partial<UiStrings> = {}): Partial<UiStrings> => {
  const kept: Record<string, unknown> = {};
  for (const [key, message] of Object.entries(own)) {
    if (
      typeof message === 'string' ||
      (typeof message === 'object' && typeof (message as { other?: unknown } | null)?.other === 'string')
    ) {
      kept[key] = message;
    } else if (!warned.has(key)) {
      warned.add(key);
      console.warn(`ai-compare: strings.${key} is not a text or plural forms with "other"; the built-in words stay.`);
    }
  }
  return kept;
};

interface Host extends ReactiveControllerHost, HTMLElement {
  theme: 'auto' | 'light' | 'dark';
  strings?: Partial<UiStrings>;
}

/**
 * The widget's language, writing direction, words and colour scheme, resolved from the element,
 * its ancestors and the host page, and kept current as the page changes them.
 */
export class PageContextController implements ReactiveController {
  // The fields declared only are set by `resolve`, before each render.
  /** The tag numbers and dates are formatted for. */
  declare locale: string;
  declare dir: 'ltr' | 'rtl';
  /** The scheme to draw in; undefined follows the reader's system. */
  declare scheme?: Scheme;
  /** The words for the language; what chunks bring in English is added when they arrive. */
  strings: BundledWords & Partial<UiStrings> = en;
  /** Set while a language's words are on their way; the widget keeps what it shows until then. */
  declare pending?: Promise<unknown>;

  #stopWatching?: () => void;

  readonly #host: Host;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#stopWatching = watchPage((changed) => {
      if (!changed || changed.contains(this.#host)) this.#host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.#stopWatching?.();
  }

  /** Resolves everything for the coming render. */
  resolve(): void {
    const host = this.#host;
    const language = closestAcross(host, '[lang]');
    // A page that names no language gets English, whatever the reader's browser prefers: the
    // feed around the widget is in the page's language, not necessarily in the reader's.
    const requested = safeLocale(language?.getAttribute('lang') || document.documentElement.lang);
    const own = host.strings;
    this.locale = ahead.locale = uiLocale(requested, !!own);
    // The element's own `dir` wins; else whichever is declared closer, an ancestor's `dir` or the
    // language (`lang="ar"` on the widget in a left-to-right page is still right to left).
    const declared = closestAcross(host, '[dir]');
    const dir = declared?.getAttribute('dir')?.toLowerCase();
    this.dir = (dir === 'rtl' || dir === 'ltr') && (!language || language.contains(declared)) ? dir : textDirection(this.locale);
    this.scheme = schemeIn(host.theme) ?? pageScheme();

    const builtIn = builtInStrings(this.locale);
    if (builtIn instanceof Promise) {
      // While the words are on their way, the main thread has time to spare.
      prepareFormatting();
      const pending = (this.pending = builtIn.then(() => {
        if (this.pending === pending) this.pending = undefined;
        host.requestUpdate();
      }));
      return;
    }
    this.pending = undefined;
    // English under everything: a key missing from a language (or from the page's own words
    // for a new one) still reads as something.
    this.strings = own || builtIn !== en ? { ...en, ...builtIn, ...usable(own) } : en;
  }
}
