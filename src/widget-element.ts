/**
 * The element base: Lit's templates (`lit-html`) driven by the reactive update cycle the widget
 * uses, and nothing else. It follows LitElement's contract (declared `properties`, batched
 * asynchronous updates, `willUpdate` → `update` → `updated`, `updateComplete`, reactive
 * controllers, adopted styles), without what a single embedded element never needs: decorators,
 * inherited property sets, custom attribute converters, style arrays and polyfills. That cut is
 * what keeps `dist/ai-compare.js` inside its size budget.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { render, type RenderOptions } from 'lit/html.js';

/** How a public property meets its attribute (the subset of Lit's options the widget uses). */
export interface PropertyOptions {
  /** The attribute's name (default: the property's, lowercased); false for none. */
  attribute?: string | false;
  /** How the attribute's text becomes the value (default: the text itself). */
  type?: BooleanConstructor | NumberConstructor;
  /** Writes the value back to the attribute on each update. */
  reflect?: boolean;
  /** Internal state: no attribute, and not public API. */
  state?: boolean;
}

/** Property names that changed since the last update, with their values before the change. */
export type PropertyValues<T> = Map<keyof T | PropertyKey, unknown>;

/** The attribute's name for each property that has one, built once per class. */
const attributesOf = new WeakMap<object, Map<string, [property: string, options: PropertyOptions]>>();

/** Each class's stylesheet, made once and adopted by every instance's shadow root. */
const sheets = new WeakMap<object, CSSStyleSheet>();

export abstract class WidgetElement extends HTMLElement implements ReactiveControllerHost {
  /** The reactive properties: setting one schedules an update. */
  static properties: Record<string, PropertyOptions> = {};
  /** The shadow root's one stylesheet (the text of a `css` template). */
  static styles = '';

  static get observedAttributes(): string[] {
    let attributes = attributesOf.get(this);
    if (!attributes) {
      attributesOf.set(this, (attributes = new Map()));
      for (const [name, options] of Object.entries(this.properties)) {
        Object.defineProperty(this.prototype, name, {
          get(this: WidgetElement) {
            return this.#values.get(name);
          },
          set(this: WidgetElement, value: unknown) {
            const old = this.#values.get(name);
            if (Object.is(old, value)) return;
            this.#values.set(name, value);
            this.requestUpdate(name, old);
          },
          configurable: true,
        });
        if (options.attribute !== false && !options.state) attributes.set(options.attribute || name.toLowerCase(), [name, options]);
      }
    }
    return [...attributes.keys()];
  }

  /** The options and attributes each property has, by attribute name. */
  get #attributes() {
    const type = this.constructor as typeof WidgetElement;
    void type.observedAttributes;
    return attributesOf.get(type) as Map<string, [string, PropertyOptions]>;
  }

  #values = new Map<string, unknown>();
  #changed: PropertyValues<this> = new Map();
  #controllers = new Set<ReactiveController>();
  #pending = false;
  #connected!: () => void;
  #updated: Promise<boolean> = new Promise((resolve) => (this.#connected = () => resolve(true)));
  /** The attribute being written from its property, which must not write the property back. */
  #reflecting?: string;

  /** Whether the element has rendered at least once. */
  hasUpdated = false;
  /** Where the templates render: the shadow root. */
  renderRoot!: ShadowRoot;
  /** Passed to lit-html's `render`: `renderBefore` is the shadow root's first child at first. */
  protected renderOptions: RenderOptions = { host: this };

  constructor() {
    super();
    // Values a page set on the element before its class was defined sit in own properties that
    // hide the accessors: take them through the accessors instead.
    for (const name of Object.keys((this.constructor as typeof WidgetElement).properties)) {
      if (Object.hasOwn(this, name)) {
        const value = (this as Record<string, unknown>)[name];
        Reflect.deleteProperty(this, name);
        this.#values.set(name, value);
      }
    }
    this.#pending = true;
    this.#updated = this.#enqueue();
  }

  /** Resolves (true) once no update is pending, after the update in progress, if any. */
  get updateComplete(): Promise<boolean> {
    return this.getUpdateComplete();
  }

  protected getUpdateComplete(): Promise<boolean> {
    return this.#updated;
  }

  addController(controller: ReactiveController): void {
    this.#controllers.add(controller);
    if (this.renderRoot && this.isConnected) controller.hostConnected?.();
  }

  removeController(controller: ReactiveController): void {
    this.#controllers.delete(controller);
  }

  /** Schedules an update; `name` and `old` record which property changed and from what. */
  requestUpdate(name?: PropertyKey, old?: unknown): void {
    if (name !== undefined && !this.#changed.has(name)) this.#changed.set(name, old);
    if (this.#pending) return;
    this.#pending = true;
    this.#updated = this.#enqueue();
  }

  connectedCallback(): void {
    this.renderRoot ??= this.createRenderRoot();
    this.#connected();
    for (const controller of this.#controllers) controller.hostConnected?.();
  }

  disconnectedCallback(): void {
    for (const controller of this.#controllers) controller.hostDisconnected?.();
  }

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null): void {
    const entry = this.#attributes.get(attribute);
    if (!entry || this.#reflecting === attribute) return;
    const [name, { type }] = entry;
    (this as Record<string, unknown>)[name] =
      type === Boolean ? value !== null : type === Number ? (value === null ? null : Number(value)) : value;
  }

  /** The open shadow root (a declarative one when the page brought it), with the styles adopted. */
  protected createRenderRoot(): ShadowRoot {
    const type = this.constructor as typeof WidgetElement;
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    let sheet = sheets.get(type);
    if (!sheet) {
      sheets.set(type, (sheet = new CSSStyleSheet()));
      sheet.replaceSync(type.styles);
    }
    root.adoptedStyleSheets = [sheet];
    this.renderOptions.renderBefore ??= root.firstChild;
    return root;
  }

  async #enqueue(): Promise<boolean> {
    // The previous update (or, for the first, connection) finishes first; then the microtask
    // batches every change made in the same task into one update. A failed update was reported
    // where it failed and does not stop the next.
    try {
      await this.#updated;
    } catch {
      // Reported by the update that threw.
    }
    await this.scheduleUpdate();
    return !this.#pending;
  }

  /** Runs the update; an override may await something first. */
  protected scheduleUpdate(): unknown {
    return this.performUpdate();
  }

  protected performUpdate(): void {
    if (!this.#pending) return;
    const changed = this.#changed;
    try {
      this.willUpdate?.(changed);
      for (const controller of this.#controllers) controller.hostUpdate?.();
      this.update(changed);
    } finally {
      this.#changed = new Map();
      this.#pending = false;
    }
    for (const controller of this.#controllers) controller.hostUpdated?.();
    this.hasUpdated = true;
    this.updated?.(changed);
  }

  /** Computes what the render needs; property sets here join this update. */
  protected willUpdate?(changed: PropertyValues<this>): void;

  /** Reflects attributes, then renders. */
  protected update(changed: PropertyValues<this>): void {
    for (const [attribute, [name, options]] of this.#attributes) {
      if (!options.reflect || !changed.has(name)) continue;
      const value = this.#values.get(name);
      this.#reflecting = attribute;
      if (value == null || value === false) this.removeAttribute(attribute);
      else this.setAttribute(attribute, value === true ? '' : String(value));
      this.#reflecting = undefined;
    }
    render(this.render(), this.renderRoot, this.renderOptions);
  }

  /** After the render, with the DOM current. */
  protected updated?(changed: PropertyValues<this>): void;

  protected abstract render(): unknown;
}
