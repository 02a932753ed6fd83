/**
 * Mixed content (titles, abstract sections) → RichText: plain text plus a markup string that is
 * safe to render as HTML. Only <i> <b> <sup> <sub> <u> survive as tags; MathML and unknown
 * elements keep their text; every other <, >, &, " is escaped.
 */
import type { RichText } from '../record.ts';
import { collapse, nameOf, type XNode } from './fxp.ts';

const INLINE = new Set(['i', 'b', 'sup', 'sub', 'u']);

export function escapeHtml(text: string): string {
  return /[&<>"]/.test(text) ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;') : text;
}

/** RichText of an element's children (the node list fast-xml-parser gives for the element). */
export function richText(children: XNode[] | undefined): RichText {
  if (!children || children.length === 0) return { text: '', markup: '' };
  // Fast path: no inline markup at all.
  const only = children.length === 1 ? children[0] : undefined;
  if (only && '#text' in only) {
    const text = collapse(String(only['#text']));
    return { text, markup: escapeHtml(text) };
  }
  const acc = { text: '', markup: '' };
  walk(children, acc, false);
  return { text: collapse(acc.text), markup: collapseMarkup(acc.markup) };
}

function walk(children: XNode[], acc: RichText, inMath: boolean): void {
  for (const node of children) {
    const name = nameOf(node);
    if (name === undefined) {
      const text = String(node['#text']);
      // Inside MathML, whitespace-only text is indentation between tokens, not content.
      if (inMath && text.trim() === '') continue;
      acc.text += text;
      acc.markup += escapeHtml(text);
      continue;
    }
    const kids = node[name] as XNode[];
    if (INLINE.has(name)) {
      acc.markup += `<${name}>`;
      walk(kids, acc, inMath);
      acc.markup += `</${name}>`;
    } else if (name.endsWith('annotation') || name.endsWith('annotation-xml')) {
    } else {
      walk(kids, acc, inMath || name.startsWith('mml:') || name === 'math');
    }
  }
}

/** Same whitespace rule as plain text; tags contain no whitespace so collapsing is safe. */
function collapseMarkup(markup: string): string {
  return collapse(markup).replace(/<(i|b|sup|sub|u)><\/\1>/g, '');
}
