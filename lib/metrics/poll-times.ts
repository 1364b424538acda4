/** The last polls' wall times, in a fixed ring (no allocation per poll): for benchmarks. */
export function createPollTimes(kept = 4096) {
  const ring = new Float64Array(kept);
  let count = 0;
  return {
    add(ms: number) {
      ring[count++ % kept] = ms;
    },
    /** Oldest first. */
    recent(): number[] {
      const out: number[] = [];
      for (let i = Math.max(0, count - kept); i < count; i++) out.push(ring[i % kept]!);
      return out;
    },
  };
}

/** Runs f over items, `size` at a time. */
export async function inBatches<T>(items: T[], size: number, f: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(f));
}
