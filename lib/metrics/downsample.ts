/** Pure time-bucket math behind the charts (server-side downsampling) and the collector's
 * slot alignment. No I/O. */

/** Start of the poll slot that contains `nowMs`: samples are stamped with it, so every
 * process polling during the same interval writes the same (service, metric, at) key. */
export function slotStart(nowMs: number, intervalMs: number): number {
  return Math.floor(nowMs / intervalMs) * intervalMs;
}

export type BucketPlan = { startMs: number; bucketMs: number; count: number };

/**
 * Buckets covering [fromMs, toMs]: bucket width is a whole multiple of the metric's poll
 * interval (so a short range does not show a gap between every two samples), boundaries are
 * aligned to multiples of the width (so a chart that refreshes does not re-average old
 * points), and there are never more than maxPoints buckets.
 */
export function planBuckets(fromMs: number, toMs: number, maxPoints: number, intervalMs: number): BucketPlan {
  if (!(toMs > fromMs)) throw new RangeError("`to` must be after `from`");
  if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new RangeError("maxPoints must be an integer ≥ 2");
  if (!(intervalMs > 0)) throw new RangeError("intervalMs must be > 0");
  // Aligning the start can add one bucket, hence maxPoints - 1 for the span.
  const minWidth = (toMs - fromMs) / (maxPoints - 1);
  const bucketMs = Math.max(1, Math.ceil(minWidth / intervalMs)) * intervalMs;
  const startMs = Math.floor(fromMs / bucketMs) * bucketMs;
  const count = Math.floor((toMs - startMs) / bucketMs) + 1;
  return { startMs, bucketMs, count };
}

export type SeriesPoint = { t: number; v: number | null };

/** One point per bucket, null where the bucket holds no value ("no data", never 0). */
export function fillBuckets(
  plan: BucketPlan,
  rows: ReadonlyArray<{ b: number; v: number | null }>,
): SeriesPoint[] {
  const byBucket = new Map<number, number | null>();
  for (const r of rows) byBucket.set(r.b, r.v);
  return Array.from({ length: plan.count }, (_, i) => {
    const v = byBucket.get(i);
    return {
      t: plan.startMs + i * plan.bucketMs,
      v: v === undefined || v === null || !Number.isFinite(v) ? null : v,
    };
  });
}
