// Whether the API's database holds demo (fixture) records, so every page can say so (issue #15).
// Asked of /api/health at most every 30 s: a page view must not cost an extra query each time.
import { api } from './api.ts';

const TTL_MS = 30_000;
let known: { value: boolean; at: number } | null = null;

export async function demoData(now = Date.now()): Promise<boolean> {
  if (known && now - known.at < TTL_MS) return known.value;
  try {
    const response = await api.api.health.$get();
    const value = response.ok ? (await response.json()).demoData : (known?.value ?? false);
    known = { value, at: now };
    return value;
  } catch {
    // An unreachable API gets its own error page; the banner is not what it should fail on.
    return known?.value ?? false;
  }
}
