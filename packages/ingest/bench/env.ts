// The only module of @evidence/ingest that reads process.env: the benchmarks' settings and the
// environment of the commands they run. The engine itself takes its configuration as parameters.

/** Studies `pnpm bench:retag` stores and re-tags. */
export const retagBenchStudies = (): number => Number(process.env.RETAG_BENCH_STUDIES ?? 100_000);

/** A child command's environment: this process's, with DATABASE_URL set. */
export const envWithDatabase = (databaseUrl: string): NodeJS.ProcessEnv => ({ ...process.env, DATABASE_URL: databaseUrl });
