import type { Curator } from '#lib/server/curator.ts';

declare global {
  namespace App {
    interface Error {
      status: number;
      message: string;
      /** Machine-readable reason, e.g. `api_unreachable`, `invalid_parameter`. */
      code?: string;
      /** The query parameter the API rejected, if any. */
      parameter?: string;
      /** The rule the API says was broken, with its values (a refused search), to word in the reader's language. */
      details?: Record<string, string | number>;
      requestId?: string;
    }
    interface Locals {
      curator: Curator | null;
    }
  }
}
