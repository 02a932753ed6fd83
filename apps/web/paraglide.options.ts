// How messages/{en,nl}.json compile into src/lib/paraglide (git-ignored): one definition for the
// Vite build (vite.config.ts) and for a typecheck before any build (scripts/compile-messages.ts).
// The strategy matters at run time: a cookie (the reader's explicit choice) first, then the
// browser's Accept-Language / navigator.languages, then English. A compile with paraglide's default
// strategy would silently ignore Accept-Language (that happened when typecheck and build raced).
export const paraglideOptions = {
  project: './project.inlang',
  outdir: './src/lib/paraglide',
  strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
} as const satisfies { project: string; outdir: string; strategy: readonly string[] };
