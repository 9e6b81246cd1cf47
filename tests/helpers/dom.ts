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

/** A widget on the page loading `src` eagerly; resolves with its error event, once it is shown. */
export async function failing(src: string, timeout = 10_000): Promise<{ el: AiCompare; event: AiCompareErrorEvent }> {
  const el = document.createElement('ai-compare');
  el.loading = 'eager';
  el.timeout = timeout;
  const error = oneEvent(el, 'ai-compare-error') as Promise<AiCompareErrorEvent>;
  el.src = src;
  document.body.append(el);
  const event = await error;
  await el.updateComplete;
  return { el, event };
}

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
