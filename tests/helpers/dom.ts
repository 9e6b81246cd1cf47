/** Queries into the widget's shadow root, by role-like hooks and text rather than classes. */
import { oneEvent } from '@open-wc/testing';
import type { AiCompare } from '../../src/ai-compare.js';
import type { AiCompareErrorEvent } from '../../src/events.js';

export function shadow(el: AiCompare): ShadowRoot {
  if (!el.shadowRoot) throw new Error('no shadow root');
  return el.shadowRoot;
}

export function part(el: AiCompare, name: string): HTMLElement[] {
  return [...shadow(el).querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
}

export function text(node: Element | ShadowRoot | undefined | null): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function buttonNamed(el: AiCompare, name: string | RegExp): HTMLButtonElement {
  const buttons = [...shadow(el).querySelectorAll('button')];
  const found = buttons.find((b) => (typeof name === 'string' ? text(b) === name : name.test(text(b))));
  if (!found) throw new Error(`no button named ${String(name)}; have: ${buttons.map((b) => text(b)).join(' | ')}`);
  return found;
}

/**
 * A widget on the page loading `src` eagerly; resolves with the first of `events` it fires (a
 * load or an error event), once that state is on screen.
 */
export async function fromSrc<E extends Event = Event>(
  src: string,
  events: (keyof GlobalEventHandlersEventMap)[],
  timeout = 10_000,
): Promise<{ el: AiCompare; event: E }> {
  const el = document.createElement('ai-compare');
  el.loading = 'eager';
  el.timeout = timeout;
  const outcome = Promise.race(events.map((name) => oneEvent(el, name))) as unknown as Promise<E>;
  el.src = src;
  document.body.append(el);
  const event = await outcome;
  await el.updateComplete;
  return { el, event };
}

/** A widget on the page loading `src` eagerly; resolves with its error event, once it is shown. */
export const failing = (src: string, timeout?: number) => fromSrc<AiCompareErrorEvent>(src, ['ai-compare-error'], timeout);

/** Loads `body` in a frame with the built bundle from `server`; the frame goes when `use` is done. */
export async function inFrame(server: string, body: string, use: (frame: HTMLIFrameElement) => Promise<void>): Promise<void> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html lang="en"><head><script type="module" src="${server}/ai-compare.js"></script></head><body>${body}</body></html>`;
  document.body.append(frame);
  try {
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    await use(frame);
  } finally {
    frame.remove();
  }
}

/** The scripts a frame loaded. */
export const scriptsOf = (frame: HTMLIFrameElement): URL[] =>
  frame.contentWindow!.performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name))
    .filter((url) => url.pathname.endsWith('.js'));

export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Collects uncaught errors while `run` runs and briefly after. Exceptions inside a Lit update
 * surface as rejections, not error events, so both are collected.
 */
export async function uncaughtDuring(run: () => Promise<void>): Promise<string[]> {
  const errors: string[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.message);
  const onRejection = (event: PromiseRejectionEvent) => errors.push(String(event.reason));
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  try {
    await run();
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  }
  return errors;
}
