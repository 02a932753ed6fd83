// The two renderings one digest template is written against: HTML and plain text. A template
// calls these and never writes a tag or an escape itself, so both parts always say the same thing.

/** Already rendered: inserted as is. Anything else a template passes is text, escaped for HTML. */
class Rendered {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
}
type Inline = string | number | Rendered;

export interface Markup {
  heading(...parts: Inline[]): Rendered;
  paragraph(...parts: Inline[]): Rendered;
  /** A highlighted notice (retractions, errata). */
  warning(...parts: Inline[]): Rendered;
  /** Smaller print (the footer). */
  small(...parts: Inline[]): Rendered;
  link(text: string, url: string): Rendered;
  strong(text: string): Rendered;
  /** A bulleted list; each item is its lines. */
  list(items: Inline[][][]): Rendered;
  line(...parts: Inline[]): Inline[];
  document(language: string, title: string, blocks: (Rendered | null)[]): string;
}

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

const html = (parts: Inline[]) => parts.map((p) => (p instanceof Rendered ? p.value : escapeHtml(String(p)))).join('');
const text = (parts: Inline[]) => parts.map((p) => (p instanceof Rendered ? p.value : String(p))).join('');

export const htmlMarkup: Markup = {
  heading: (...parts) => new Rendered(`<h2 style="font-size:18px;margin:24px 0 8px">${html(parts)}</h2>`),
  paragraph: (...parts) => new Rendered(`<p style="margin:0 0 12px">${html(parts)}</p>`),
  warning: (...parts) =>
    new Rendered(`<p style="margin:0 0 12px;padding:8px 12px;background:#fdecea;border-left:4px solid #b3261e">${html(parts)}</p>`),
  small: (...parts) => new Rendered(`<p style="margin:24px 0 0;font-size:12px;color:#555">${html(parts)}</p>`),
  link: (label, url) => new Rendered(`<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`),
  strong: (label) => new Rendered(`<strong>${escapeHtml(label)}</strong>`),
  list: (items) =>
    new Rendered(
      `<ul style="padding-left:20px;margin:0 0 12px">${items
        .map((lines) => `<li style="margin:0 0 12px">${lines.map((l) => html(l)).join('<br>')}</li>`)
        .join('')}</ul>`,
    ),
  line: (...parts) => parts,
  document: (language, title, blocks) =>
    `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;font-size:15px;line-height:1.45;color:#1a1a1a;max-width:640px;margin:0 auto;padding:16px">
${blocks
  .filter((b) => b !== null)
  .map((b) => b.value)
  .join('\n')}
</body></html>
`,
};

export const textMarkup: Markup = {
  heading: (...parts) => new Rendered(`${text(parts)}\n${'='.repeat(Math.min(text(parts).length, 72))}`),
  paragraph: (...parts) => new Rendered(text(parts)),
  warning: (...parts) => new Rendered(`!! ${text(parts)}`),
  small: (...parts) => new Rendered(`-- \n${text(parts)}`),
  link: (label, url) => new Rendered(label === url ? url : `${label} <${url}>`),
  strong: (label) => new Rendered(label),
  list: (items) => new Rendered(items.map((lines) => lines.map((l, i) => `${i === 0 ? '- ' : '  '}${text(l)}`).join('\n')).join('\n\n')),
  line: (...parts) => parts,
  document: (_language, _title, blocks) =>
    `${blocks
      .filter((b) => b !== null)
      .map((b) => b.value)
      .join('\n\n')}\n`,
};
