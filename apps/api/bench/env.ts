// The only module of the API's benchmarks that reads process.env: the environment of the commands they run.

/** A child command's environment: this process's, with DATABASE_URL set. */
export const envWithDatabase = (databaseUrl: string): NodeJS.ProcessEnv => ({ ...process.env, DATABASE_URL: databaseUrl });
