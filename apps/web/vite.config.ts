import { paraglideVitePlugin } from '@inlang/paraglide-js';
import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    // Compiles messages/{en,nl}.json into tree-shakeable functions under src/lib/paraglide (git-ignored).
    // The message-format plugin is loaded from node_modules (project.inlang/settings.json), so no CDN.
    paraglideVitePlugin({
      project: './project.inlang',
      outdir: './src/lib/paraglide',
      // Explicit choice (cookie) first, then the browser's Accept-Language / navigator.languages.
      strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
    }),
    // Kit 3 takes its options here; svelte.config.js is rejected.
    sveltekit({ adapter: adapter() }),
  ],
  ssr: {
    // adapter-node leaves production dependencies external; the API package exports TS source
    // (only its typed client and hono/client are used here), so bundle it into the server build.
    noExternal: ['@evidence/api'],
  },
});
