import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  // Kit 3 takes its options here; svelte.config.js is rejected.
  plugins: [sveltekit({ adapter: adapter() })],
  ssr: {
    // adapter-node leaves production dependencies external; the API package exports TS source
    // (only its typed client and hono/client are used here), so bundle it into the server build.
    noExternal: ['@evidence/api'],
  },
});
