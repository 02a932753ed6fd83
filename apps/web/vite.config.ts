import { paraglideVitePlugin } from '@inlang/paraglide-js';
import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { paraglideOptions } from './paraglide.options.ts';

export default defineConfig({
  plugins: [
    // Compiles messages/{en,nl}.json into tree-shakeable functions under src/lib/paraglide (git-ignored).
    // The message-format plugin is loaded from node_modules (project.inlang/settings.json), so no CDN.
    paraglideVitePlugin({ ...paraglideOptions, strategy: [...paraglideOptions.strategy] }),
    // Kit 3 takes its options here; svelte.config.js is rejected.
    sveltekit({
      adapter: adapter(),
      // Content-Security-Policy on every page. Kit adds a fresh nonce per response to script-src (and
      // style-src) for its own inline start-up script, so no script needs 'unsafe-inline'; chart.js is
      // a same-origin chunk and sets canvas sizes through the CSSOM, which style-src does not govern.
      csp: {
        mode: 'auto',
        directives: {
          'default-src': ['self'],
          'script-src': ['self'],
          'style-src': ['self'],
          // SvelteKit's route announcer (aria-live) is rendered with a style attribute, which no nonce can
          // cover: allow inline style ATTRIBUTES only. <style> elements still need the nonce.
          'style-src-attr': ['unsafe-inline'],
          'img-src': ['self', 'data:'],
          'font-src': ['self'],
          'connect-src': ['self'],
          'object-src': ['none'],
          'base-uri': ['self'],
          'form-action': ['self'],
          'frame-ancestors': ['none'],
        },
      },
    }),
  ],
  ssr: {
    // adapter-node leaves production dependencies external; the API package exports TS source
    // (only its typed client and hono/client are used here), so bundle it into the server build.
    noExternal: ['@evidence/api'],
  },
});
