import "server-only";

import { preparedQuery } from "@/lib/db/pool";
import { METRICS, type MetricKey } from "@/lib/runbook/catalog";

import { planBuckets, type BucketPlan, type SeriesPoint } from "./downsample";
import { ROLLUP_MS } from "./sample-writer";
import { intervalMsOf } from "./intervals";

type SeriesQuery = { serviceId: number; metric: MetricKey; from: Date; to: Date; maxPoints?: number };

/** Raw samples, averaged per bucket. date_bin, not extract(epoch …) per row: extract returns
 * numeric since PG 14, several times slower per row; the bucket's index is computed on the
 * (at most maxPoints) output rows only. */
const SAMPLES_SQL = `
  SELECT (extract(epoch FROM b - $3::timestamptz) * 1000)::float8 / $5::int AS i, v FROM (
    SELECT date_bin($5::int * interval '1 millisecond', "at", $3::timestamptz) AS b, avg("value") AS v
    FROM "metric_samples"
    WHERE "service_id" = $1::int AND "metric" = $2::text::"MetricKey" AND "at" >= $3::timestamptz AND "at" <= $4::timestamptz
    GROUP BY 1) x`;

/** The 5-minute rollups (exact: sum / count), for buckets that are whole multiples of them. */
const ROLLUPS_SQL = `
  SELECT (extract(epoch FROM b - $3::timestamptz) * 1000)::float8 / $5::int AS i, v FROM (
    SELECT date_bin($5::int * interval '1 millisecond', "bucket", $3::timestamptz) AS b,
           sum("sum") / nullif(sum("count"), 0) AS v
    FROM "metric_rollups"
    WHERE "service_id" = $1::int AND "metric" = $2::text::"MetricKey" AND "bucket" >= $3::timestamptz AND "bucket" <= $4::timestamptz
    GROUP BY 1) x`;

/** The bucket plan and statement behind querySeries (exported for the benchmark's EXPLAIN).
 * Buckets of 5 min or more are built from the rollups, shorter ones from samples. */
export function seriesStatement(opts: SeriesQuery, force?: "samples") {
  const maxPoints = opts.maxPoints ?? 1000;
  const from = opts.from.getTime();
  const to = opts.to.getTime();
  const useRollups = force !== "samples" && (to - from) / (maxPoints - 1) > ROLLUP_MS;
  const interval = useRollups ? ROLLUP_MS : intervalMsOf(METRICS[opts.metric].group);
  const plan: BucketPlan = planBuckets(from, to, maxPoints, interval);
  const values = [opts.serviceId, opts.metric, new Date(plan.startMs), opts.to, plan.bucketMs];
  return {
    plan,
    useRollups,
    name: useRollups ? "fb_series_rollups" : "fb_series_samples",
    text: useRollups ? ROLLUPS_SQL : SAMPLES_SQL,
    values,
  };
}

/**
 * A series downsampled on the server to ≤ maxPoints buckets (average per bucket).
 * v = null for a bucket with no sample or only failed polls: "no data", never 0.
 * One prepared statement; rows come back as [index, value] arrays and fill the points in place.
 */
export async function querySeries(opts: SeriesQuery): Promise<{ bucketMs: number; points: SeriesPoint[] }> {
  const { plan, name, text, values } = seriesStatement(opts);
  const { rows } = await preparedQuery<unknown[]>(name, text, values, "array");
  const points: SeriesPoint[] = new Array(plan.count);
  for (let i = 0; i < plan.count; i++) points[i] = { t: plan.startMs + i * plan.bucketMs, v: null };
  for (const row of rows as unknown as Array<[number, number | null]>) {
    const i = Math.round(row[0]);
    const v = row[1];
    if (i >= 0 && i < plan.count && v !== null && Number.isFinite(v)) points[i]!.v = v;
  }
  return { bucketMs: plan.bucketMs, points };
}
