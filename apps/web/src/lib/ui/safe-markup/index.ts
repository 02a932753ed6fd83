export { default as SafeMarkup } from './safe-markup.svelte';
