import type { LoggedRequest } from './server.ts';

/** The most requests that arrived within any window of `windowMs` (sliding, not wall-clock aligned). */
export function maxRequestsInAnyWindow(requests: Pick<LoggedRequest, 'time'>[], windowMs = 1000): number {
  const times = requests.map((r) => r.time).sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= windowMs) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}
