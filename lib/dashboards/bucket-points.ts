import type { SeriesPoint } from "./table-rows";

/** Irregular points (one per scanner run) reduced to at most `maxPoints` by averaging per time
 * bucket; buckets without a value stay out (runs are events, not a polled series). */
export function bucketPoints(
  points: SeriesPoint[],
  from: number,
  to: number,
  maxPoints = 1000,
): SeriesPoint[] {
  const inRange = points.filter((p) => p.t >= from && p.t <= to).sort((a, b) => a.t - b.t);
  if (inRange.length <= maxPoints) return inRange;
  const width = Math.max(1, Math.ceil((to - from + 1) / maxPoints));
  const buckets = new Map<number, { sum: number; n: number; nulls: number }>();
  for (const p of inRange) {
    const b = Math.floor((p.t - from) / width);
    const acc = buckets.get(b) ?? { sum: 0, n: 0, nulls: 0 };
    if (p.v === null) acc.nulls++;
    else {
      acc.sum += p.v;
      acc.n++;
    }
    buckets.set(b, acc);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([b, acc]) => ({ t: from + b * width, v: acc.n > 0 ? acc.sum / acc.n : null }));
}
