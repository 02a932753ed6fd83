// The only module of the tagger's evaluation that reads process.env.

/** How many misses `pnpm eval:tagger` prints per set (MISSES=0 keeps the blind set's misses out of sight). */
export const missesToPrint = (): number => Number(process.env.MISSES ?? 40);

/** Misses of the blind findings set: none unless MISSES asks (the set is measured, never tuned on). */
export const blindFindingMissesToPrint = (): number => Number(process.env.MISSES ?? 0);
