/**
 * Defence in depth for titles and abstracts: the parser already reduced them to a few inline
 * tags, but the dashboard re-checks before `{@html}`. Only bare <i>, <b>, <sup>, <sub>, <u>
 * survive (no attributes); everything else is escaped, existing entities are kept, and tags are
 * balanced so an unclosed <i> cannot spill into the rest of the page.
 */

const TAG = /<(\/?)(i|b|sup|sub|u)>/gi;
/** Search snippets and highlighted titles also carry <mark> around the matched words. */
const TAG_WITH_MARK = /<(\/?)(i|b|sup|sub|u|mark)>/gi;
const ENTITY = /^&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i;

function escapeText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '&') out += ENTITY.test(text.slice(i, i + 40)) ? '&' : '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === "'") out += '&#39;';
    else out += ch;
  }
  return out;
}

export function sanitizeMarkup(markup: string | null | undefined, options: { mark?: boolean } = {}): string {
  if (!markup) return '';
  const pattern = options.mark ? TAG_WITH_MARK : TAG;
  const open: string[] = [];
  let out = '';
  let last = 0;
  for (const match of markup.matchAll(pattern)) {
    out += escapeText(markup.slice(last, match.index));
    last = match.index + match[0].length;
    const closing = match[1] === '/';
    const tag = match[2]!.toLowerCase();
    if (!closing) {
      open.push(tag);
      out += `<${tag}>`;
    } else if (open.includes(tag)) {
      // Close whatever was opened inside it first, so the output nests properly.
      while (open.length) {
        const top = open.pop()!;
        out += `</${top}>`;
        if (top === tag) break;
      }
    }
    // A stray closing tag with nothing to close is dropped.
  }
  out += escapeText(markup.slice(last));
  while (open.length) out += `</${open.pop()}>`;
  return out;
}
