/**
 * FTS5 marks matches with sentinels we choose; the text around them is a record's plain text,
 * which may contain "<" or "&". So: escape everything, then turn the sentinels into <mark>.
 */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function highlightToHtml(marked: string): string {
  return escapeHtml(marked).replaceAll(HIGHLIGHT_START, '<mark>').replaceAll(HIGHLIGHT_END, '</mark>');
}
