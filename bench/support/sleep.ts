export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Retries `probe` until it resolves or `timeoutMs` passes; rejects with its last error, or at once
 * when `hopeless` returns an error (say, the process being waited for has exited).
 */
export async function until<T>(probe: () => Promise<T>, timeoutMs: number, intervalMs = 250, hopeless: () => Error | undefined = () => undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const fatal = hopeless();
    if (fatal !== undefined) throw fatal;
    try {
      return await probe();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await sleep(intervalMs);
    }
  }
}
