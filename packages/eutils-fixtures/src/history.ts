/** The Entrez history server: WebEnv → query_key → result PMIDs, as esearch usehistory=y stores them. */
import { randomBytes } from 'node:crypto';

export interface History {
  store(ids: number[], webEnv?: string): { webEnv: string; queryKey: number };
  get(webEnv: string, queryKey: number): number[] | undefined;
}

export function createHistory(): History {
  const envs = new Map<string, number[][]>();
  return {
    store(ids, webEnv) {
      const env = webEnv && envs.has(webEnv) ? webEnv : `MCID_${randomBytes(12).toString('hex')}`;
      if (!envs.has(env)) envs.set(env, []);
      const keys = envs.get(env)!;
      keys.push(ids);
      return { webEnv: env, queryKey: keys.length };
    },
    get: (webEnv, queryKey) => envs.get(webEnv)?.[queryKey - 1],
  };
}
