// The only module of the tagger's evaluation that reads process.env.

/** How many misses `pnpm eval:tagger` prints per set (MISSES=0 keeps the blind set's misses out of sight). */
export const missesToPrint = (): number => Number(process.env.MISSES ?? 40);
