/** How the command says it was stopped by a signal, for searches and imports alike. */
export const INTERRUPTED = 'ingest: interrupted; everything stored so far is kept and the next run resumes';

/** The shell's convention, 128 + the signal's number: 130 for Ctrl-C (SIGINT), 143 for SIGTERM. */
export function interruptedExitCode(signal: AbortSignal): number {
  return signal.reason === 'SIGTERM' ? 143 : 130;
}
