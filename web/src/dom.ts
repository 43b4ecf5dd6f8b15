/**
 * A small DOM builder: `h('td', { class: 'num', 'data-value': 3 }, 'text', child)`. Strings become
 * text nodes (never parsed as HTML), so user data can go anywhere; `on<event>` attributes add
 * listeners; `value`, `checked`, `hidden`, `open` and `disabled` are set as properties, and `style`
 * through the CSSOM (the CSP forbids style attributes).
 */
export type Child = Node | string | number | null | undefined | false | Child[];
export type Attrs = Record<string, unknown>;

const PROPERTIES = new Set(['value', 'checked', 'hidden', 'open', 'disabled']);

function apply(el: Element, attrs: Attrs | null | undefined): void {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v as EventListener);
    // Through the CSSOM, which the Content-Security-Policy (style-src 'self') allows; a style attribute it blocks.
    else if (k === 'style') (el as HTMLElement).style.cssText = String(v);
    else if (PROPERTIES.has(k)) (el as unknown as Record<string, unknown>)[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

/** An HTML element with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  apply(el, attrs);
  append(el, children);
  return el;
}

/** An SVG element (the projection chart). */
export function svg(tag: string, attrs?: Attrs | null, ...children: Child[]): SVGElement {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  apply(el, attrs);
  append(el, children);
  return el;
}

/** A fragment of children, for a function that returns several siblings. */
export function fragment(...children: Child[]): DocumentFragment {
  const f = document.createDocumentFragment();
  append(f, children);
  return f;
}

/** The element with this id (the page's fixed frame: index.html). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from index.html`);
  return el as T;
}

/** Replace an element's children (nulls and nested arrays allowed, as in h()). */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren(fragment(...children));
}
