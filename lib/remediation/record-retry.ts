import "server-only";

/** Writes a record that must not be lost (the audit row and timeline event of a change that
 * already landed in the cluster) by retrying with backoff until it is written. Each attempt
 * must be idempotent (finishRunOnce only writes while the run is pending). If this process
 * dies first, the run's expired lease makes the next request reconcile it from the cluster. */
export function retryUntilWritten(
  write: () => Promise<unknown>,
  opts: { firstDelayMs?: number; maxDelayMs?: number; onError?: (e: unknown, attempt: number) => void } = {},
): Promise<void> {
  const first = opts.firstDelayMs ?? 500;
  const max = opts.maxDelayMs ?? 30_000;
  return (async () => {
    for (let attempt = 1; ; attempt++) {
      await new Promise((r) => setTimeout(r, Math.min(max, first * 2 ** (attempt - 1))));
      try {
        await write();
        return;
      } catch (e) {
        (
          opts.onError ?? ((err, n) => console.error(`[actions] recording still failing (attempt ${n})`, err))
        )(e, attempt);
      }
    }
  })();
}
