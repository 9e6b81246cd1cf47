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
let scheme: Scheme | undefined | null = null;
/** Stops the observers; set while they run. */
let stop: () => void;

const schemeChanged = (): void => {
  // Pages touch `class` and `style` on <html> and <body> for many reasons (an open menu, a
  // scroll lock); only a change of the declared scheme is worth a render.
  const was = scheme;
  scheme = null;
  if (was !== null && pageScheme() === was) return;
  for (const listener of listeners) listener();
};

function start(): () => void {
  const tree = new MutationObserver((records) => {
    for (const record of records) for (const listener of listeners) listener(record.target);
  });
  tree.observe(document.documentElement, { subtree: true, attributeFilter: ['lang', 'dir'] });
  const roots = new MutationObserver(schemeChanged);
  for (const root of [document.documentElement, document.body]) {
    if (root) roots.observe(root, { attributeFilter: ['class', 'style', 'data-theme', 'data-color-scheme'] });
  }
  const system = matchMedia('(prefers-color-scheme: dark)');
  system.onchange = schemeChanged;
  return () => {
    tree.disconnect();
    roots.disconnect();
    system.onchange = null;
  };
}

/** Starts listening; the returned function stops. The observers run while any widget is connected. */
export function watchPage(listener: Listener): () => void {
  if (!listeners.size) stop = start();
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size) return;
    stop();
    scheme = null;
  };
}

const schemes = ['dark', 'light'] as const;

/** `dark` or `light`, if that is what `value` says. */
export const schemeIn = (value: string | undefined): Scheme | undefined => schemes.find((name) => name === value);

/** A `dark` or `light` class on `element`, else its `data-theme` or `data-color-scheme`. */
const declaredOn = (element: HTMLElement | null): Scheme | undefined =>
  element
    ? schemes.find((name) => element.classList.contains(name)) ??
      schemeIn(element.dataset.theme ?? element.dataset.colorScheme)
    : undefined;

/**
 * The scheme the page declares, or undefined when it leaves it to the reader's system: a class or
 * data attribute on `<body>` or `<html>`, else the root's `color-scheme` when it names one scheme.
 */
export const pageScheme = (): Scheme | undefined => {
  if (scheme !== null) return scheme;
  const found =
    declaredOn(document.body) ??
    declaredOn(document.documentElement) ??
    schemeIn(getComputedStyle(document.documentElement).colorScheme.replace(/^only | only$/, ''));
  // Only cache while observed; otherwise nothing would tell us it went stale.
  if (listeners.size) scheme = found;
  return found;
};

/** The nearest element, across shadow roots, that matches `selector`, from `node` upward. */
export const closestAcross = (node: Element, selector: string): Element | null => {
  const root = node.getRootNode();
  return node.closest(selector) ?? (root instanceof ShadowRoot ? closestAcross(root.host, selector) : null);
};
