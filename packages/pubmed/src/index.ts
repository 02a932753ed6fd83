export type * from './record.ts';
export * from './parse/index.ts';
export * from './eutils/index.ts';
