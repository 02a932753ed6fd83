export { default as SafeMarkup } from './safe-markup.svelte';
export { sanitizeMarkup, ALLOWED_TAGS } from './sanitize.ts';
