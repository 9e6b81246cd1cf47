/**
 * Reads the widget's styles, templates and JSDoc as text and lists every mismatch between them:
 * private `--_*` variables used but never defined, public `--ai-compare-*` tokens read but not
 * documented with `@cssprop` (or documented but never read), and `part` names rendered but not
 * documented with `@csspart` (or documented but never rendered).
 */

export interface ThemingSources {
  /** The element's CSS (the styles module's text). */
  styles: string;
  /** Every source file that renders markup or sets style properties. */
  code: string[];
  /** The element's JSDoc. */
  docs: string;
}

const all = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((match) => match[1]);
const unique = (items: string[]) => [...new Set(items)].sort();
const missing = (wanted: string[], have: string[]) => unique(wanted.filter((item) => !have.includes(item)));

export function themingProblems({ styles, code, docs }: ThemingSources): string[] {
  const source = code.join('\n');
  const definedPrivate = [...all(styles, /(--_[\w-]+)\s*:/g), ...all(source, /setProperty\(\s*['"](--_[\w-]+)['"]/g)];
  const usedPrivate = all(styles, /var\(\s*(--_[\w-]+)/g);
  const readPublic = all(styles, /var\(\s*(--ai-compare-[\w-]+)/g);
  const declaredPublic = all(styles, /(--ai-compare-[\w-]+)\s*:/g);
  const documentedPublic = all(docs, /@cssprop\s+(?:\{[^}]*\}\s+)?(--ai-compare-[\w-]+)/g);
  const renderedParts = all(source, /\bpart="([^"$]+)"/g).flatMap((names) => names.split(/\s+/));
  const documentedParts = all(docs, /@csspart\s+([\w-]+)/g);

  return [
    ...missing(usedPrivate, definedPrivate).map((name) => `${name} is used but never defined`),
    ...unique(declaredPublic).map((name) => `${name} is declared by the widget; public tokens are only read`),
    ...missing(readPublic, documentedPublic).map((name) => `${name} is read but not documented with @cssprop`),
    ...missing(documentedPublic, readPublic).map((name) => `${name} is documented with @cssprop but never read`),
    ...missing(renderedParts, documentedParts).map((name) => `part ${name} is rendered but not documented with @csspart`),
    ...missing(documentedParts, renderedParts).map((name) => `part ${name} is documented with @csspart but never rendered`),
  ];
}
