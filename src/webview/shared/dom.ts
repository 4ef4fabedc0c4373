/**
 * Building a page without innerHTML: every text the log holds (goal titles, repository names,
 * outcome lines, what the person typed) goes in as text, never as markup. Shared by the pages
 * under src/webview.
 */

/** An attribute: left out when false, null or undefined; present and empty when true. */
export type Attributes = Record<string, string | number | boolean | null | undefined>;
/** What goes inside an element: elements, text, or nothing (null, undefined, false); a list counts as its items. */
export type Child = Node | string | null | undefined | false | readonly Child[];

function apply(node: Element, attributes: Attributes, children: readonly Child[]): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (typeof child === 'string') node.append(document.createTextNode(child));
    else if (child instanceof Node) node.append(child);
    else apply(node, {}, child);
  }
}

/** An HTML element. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  apply(node, attributes, children);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element. */
export function s<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  apply(node, attributes, children);
  return node;
}

/** `element`, listening to `type`: so that an element and what it does are written in one expression. */
export function on<E extends HTMLElement, K extends keyof HTMLElementEventMap>(element: E, type: K, listener: (event: HTMLElementEventMap[K]) => void): E {
  element.addEventListener(type, listener);
  return element;
}
