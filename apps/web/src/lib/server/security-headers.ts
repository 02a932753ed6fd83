// Sent with every response: pages and server endpoints (hooks.server.ts) and the built static files
// (serve.js sets them before adapter-node's file server answers). The Content-Security-Policy itself
// comes from SvelteKit (the `csp` option in vite.config.ts), which puts each page's nonce into it.
export const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  // The dashboard uses none of these; clipboard-write stays allowed for the copy buttons.
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  // frame-ancestors 'none' in the CSP, for browsers that only know the older header.
  'X-Frame-Options': 'DENY',
} as const;
