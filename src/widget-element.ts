/**
 * The element base: Lit's templates (`lit-html`) driven by the reactive update cycle the widget
 * uses, and nothing else. It follows LitElement's contract (declared `properties`, batched
 * asynchronous updates, `willUpdate` → `update` → `updated`, `updateComplete`, reactive
 * controllers, adopted styles), without what a single embedded element never needs: decorators,
 * inherited property sets, custom attribute converters, style arrays and polyfills. That cut is
 * what keeps `dist/ai-compare.js` inside its size budget. One addition: an attribute a subclass
 * observes besides its properties' (the host's own `lang`, say) asks for an update when it changes.
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
}

/** Property names that changed since the last update, with their values before the change. */
export type PropertyValues<T> = Map<keyof T | PropertyKey, unknown>;

/**
 * Every reactive property of a class, a subclass's own with those it inherits, and its options
 * with the attribute's name worked out (false for none).
 */
type Finalized = Map<string, PropertyOptions & { attribute: string | false }>;

/** What each class declares, worked out once (when the browser asks for its attributes). */
const classes = new WeakMap<object, Finalized>();

/** Each class's stylesheet, made once and adopted by every instance's shadow root. */
const sheets = new WeakMap<object, CSSStyleSheet>();

export abstract class WidgetElement extends HTMLElement implements ReactiveControllerHost {
  /** The reactive properties: setting one schedules an update. */
  declare static properties: Record<string, PropertyOptions>;
  /** The shadow root's one stylesheet (the text of a `css` template). */
  declare static styles: string;

  static get observedAttributes(): string[] {
    return [...WidgetElement.#finalized(this).values()].flatMap(({ attribute }) => attribute || []);
  }

  /**
   * The class's properties (its own over its parents'), each with an accessor that schedules an
   * update, and the attributes they read; worked out once per class. Instances call it as is: a
   * getter for their class's properties costs the bundle more bytes than it saves.
   */
  static #finalized(type: typeof WidgetElement): Finalized {
    let found = classes.get(type);
    if (found) return found;
    const parent = Object.getPrototypeOf(type) as typeof WidgetElement;
    const inherited = parent.properties && WidgetElement.#finalized(parent);
    found = new Map(inherited);
    classes.set(type, found);
    if (Object.hasOwn(type, 'properties')) {
      for (const [name, options] of Object.entries(type.properties)) {
        found.set(name, { ...options, attribute: options.attribute ?? name.toLowerCase() });
        Object.defineProperty(type.prototype, name, {
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
      }
    }
    return found;
  }

  #values = new Map<string, unknown>();
  /** Values a page set before the class was defined, applied as the first update starts. */
  #early?: [string, unknown][];
  #changed: PropertyValues<this> = new Map();
  #controllers = new Set<ReactiveController>();
  #pending = false;
  #connected!: (value: boolean) => void;
  #updated: Promise<boolean> = new Promise((resolve) => (this.#connected = resolve));
  /** The attribute being written from its property, which must not write the property back. */
  #reflecting?: string;

  /** Whether the element has rendered at least once. */
  hasUpdated = false;
  /** Where the templates render: the shadow root. */
  renderRoot!: ShadowRoot;
  /** Passed to lit-html's `render`. */
  protected renderOptions: RenderOptions = { host: this };

  constructor() {
    super();
    // Values a page set on the element before its class was defined sit in own properties that
    // hide the accessors. They go through the accessors when the first update starts, after
    // the constructors' defaults, so the page's values win (as in Lit).
    for (const [name] of WidgetElement.#finalized(this.constructor as typeof WidgetElement)) {
      if (Object.hasOwn(this, name)) {
        (this.#early ??= []).push([name, (this as Record<string, unknown>)[name]]);
        Reflect.deleteProperty(this, name);
      }
    }
    this.requestUpdate();
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
    // The previous update (or, for the first, connection) finishes first; then the microtask
    // batches every change made in the same task into one update. A failed update was reported
    // where it failed and does not stop the next.
    this.#updated = (async () => {
      try {
        await this.#updated;
      } catch (error) {
        // Waiting on it here handles the rejection, which would silence it: report it again.
        reportError(error);
      }
      await this.scheduleUpdate();
      return !this.#pending;
    })();
  }

  connectedCallback(): void {
    this.renderRoot ??= this.createRenderRoot();
    this.#connected(true);
    for (const controller of this.#controllers) controller.hostConnected?.();
  }

  disconnectedCallback(): void {
    for (const controller of this.#controllers) controller.hostDisconnected?.();
  }

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null): void {
    for (const [name, { attribute: read, type }] of WidgetElement.#finalized(this.constructor as typeof WidgetElement)) {
      if (read !== attribute) continue;
      if (this.#reflecting !== attribute) {
        // Besides Boolean, the one type there is converts a present attribute: Number.
        (this as Record<string, unknown>)[name] =
          type === Boolean ? value !== null : type && value !== null ? type(value) : value;
      }
      return;
    }
    // An attribute a subclass observes besides its properties' asks for an update.
    this.requestUpdate();
  }

  /** The open shadow root (a declarative one when the page brought it), with the styles adopted. */
  protected createRenderRoot(): ShadowRoot {
    const type = this.constructor as typeof WidgetElement;
    // The sheet first: an engine without constructable sheets then fails before the shadow root
    // exists, and the element's light-DOM fallback stays on the page.
    let sheet = sheets.get(type);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(type.styles);
      sheets.set(type, sheet);
    }
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet];
    return root;
  }

  /** Runs the update; an override may await something first. */
  protected scheduleUpdate(): unknown {
    return this.performUpdate();
  }

  protected performUpdate(): void {
    if (!this.#pending) return;
    for (const [name, value] of this.#early ?? []) (this as Record<string, unknown>)[name] = value;
    this.#early = undefined;
    const changed = this.#changed;
    try {
      this.willUpdate?.(changed);
      for (const controller of this.#controllers) controller.hostUpdate?.();
    } finally {
      // The update has its changes (even when working them out failed): what is set from here on
      // asks for another update.
      this.#changed = new Map();
      this.#pending = false;
    }
    this.update(changed);
    for (const controller of this.#controllers) controller.hostUpdated?.();
    this.hasUpdated = true;
    this.updated?.(changed);
  }

  /** Computes what the render needs; property sets here join this update. */
  protected willUpdate?(changed: PropertyValues<this>): void;

  /** Reflects attributes, then renders. */
  protected update(changed: PropertyValues<this>): void {
    for (const [name, { attribute, reflect }] of WidgetElement.#finalized(this.constructor as typeof WidgetElement)) {
      if (attribute && reflect && changed.has(name)) {
        const value = this.#values.get(name);
        this.#reflecting = attribute;
        if (value == null || value === false) this.removeAttribute(attribute);
        else this.setAttribute(attribute, value === true ? '' : String(value));
        this.#reflecting = undefined;
      }
    }
    render(this.render(), this.renderRoot, this.renderOptions);
  }

  /** After the render, with the DOM current. */
  protected updated?(changed: PropertyValues<this>): void;

  protected abstract render(): unknown;
}
