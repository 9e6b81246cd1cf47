/**
 * What the host page says about language, direction and colour scheme, watched by one set of
 * observers shared by every widget on the page: `lang`/`dir` anywhere in the document, and the
 * scheme switches sites flip on `<html>` and `<body>` (a `dark`/`light` class, `data-theme`,
 * `data-color-scheme`, an inline `color-scheme`), plus the reader's system setting.
 */

export type Scheme = 'light' | 'dark';

/** Called with the element whose `lang`/`dir` changed, or with nothing when the scheme may have. */
type Listener = (changed?: Node) => void;

const listeners = new Set<Listener>();
const SCHEME_ATTRIBUTES = ['class', 'style', 'data-theme', 'data-color-scheme'];
let tree: MutationObserver | undefined;
let roots: MutationObserver | undefined;
let system: MediaQueryList | undefined;
let scheme: Scheme | undefined | null = null;

function schemeChanged(): void {
  // Pages touch `class` and `style` on <html> and <body> for many reasons (an open menu, a
  // scroll lock); only a change of the declared scheme is worth a render.
  const was = scheme;
  scheme = null;
  if (was !== null && pageScheme() === was) return;
  for (const listener of listeners) listener();
}

function start(): void {
  tree = new MutationObserver((records) => {
    for (const record of records) for (const listener of listeners) listener(record.target);
  });
  tree.observe(document.documentElement, { subtree: true, attributeFilter: ['lang', 'dir'] });
  roots = new MutationObserver(schemeChanged);
  for (const root of [document.documentElement, document.body]) {
    if (root) roots.observe(root, { attributeFilter: SCHEME_ATTRIBUTES });
  }
  system = matchMedia('(prefers-color-scheme: dark)');
  system.addEventListener('change', schemeChanged);
}

/** Starts listening; the returned function stops. The observers run while any widget is connected. */
export function watchPage(listener: Listener): () => void {
  if (!listeners.size) start();
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size) return;
    tree?.disconnect();
    roots?.disconnect();
    system?.removeEventListener('change', schemeChanged);
    scheme = null;
  };
}

function declaredOn(element: HTMLElement | null): Scheme | undefined {
  if (!element) return undefined;
  for (const name of ['dark', 'light'] as const) if (element.classList.contains(name)) return name;
  const value = element.dataset.theme ?? element.dataset.colorScheme;
  return value === 'dark' || value === 'light' ? value : undefined;
}

/**
 * The scheme the page declares, or undefined when it leaves it to the reader's system: a class or
 * data attribute on `<body>` or `<html>`, else the root's `color-scheme` when it names one scheme.
 */
export function pageScheme(): Scheme | undefined {
  if (scheme !== null) return scheme;
  scheme = declaredOn(document.body) ?? declaredOn(document.documentElement);
  if (!scheme) {
    const declared = getComputedStyle(document.documentElement).colorScheme.split(' ').filter((word) => word !== 'only');
    const [only] = declared;
    if (declared.length === 1 && (only === 'dark' || only === 'light')) scheme = only;
  }
  // Only cache while observed; otherwise nothing would tell us it went stale.
  const result = scheme;
  if (!listeners.size) scheme = null;
  return result;
}

/** The nearest element, across shadow roots, that matches `selector`, from `node` upward. */
export function closestAcross(node: Element, selector: string): Element | null {
  let current: Element | null = node;
  while (current) {
    const found = current.closest(selector);
    if (found) return found;
    const root = current.getRootNode();
    current = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}
