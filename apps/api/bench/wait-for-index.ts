/**
 * Waits until a running API's study index is built (or not used at this size), so a benchmark
 * measures what users meet at rest; returns the state and the seconds it took.
 */
export async function waitForIndex(apiUrl: string): Promise<{ state: string; seconds: number }> {
  const started = performance.now();
  for (;;) {
    const health = (await (await fetch(`${apiUrl}/api/health`)).json()) as { studyIndex: string };
    if (health.studyIndex !== 'building') return { state: health.studyIndex, seconds: (performance.now() - started) / 1000 };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
