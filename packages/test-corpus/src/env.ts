// The only module of @evidence/test-corpus that reads process.env: the environment the commands it
// runs inherit.

/** A child command's environment: this process's, with the given variables set. */
export const envWith = (variables: Record<string, string>): NodeJS.ProcessEnv => ({ ...process.env, ...variables });
