import "server-only";

import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";

import { METRICS, POLL_INTERVAL_MS, type MetricKey, type PollGroup } from "@/lib/runbook/catalog";
import { fillBuckets, planBuckets, type BucketPlan, type SeriesPoint } from "./downsample";

export type MetricValues = Partial<Record<MetricKey, number | null>>;

/** Width of the rollup buckets (metric_rollups), aligned to the Unix epoch. */
export const ROLLUP_MS = 300_000;
const EPOCH = new Date(0);

/** The scaled poll interval of a group (COLLECTOR_INTERVAL_SCALE shortens it in tests). */
export function intervalMsOf(group: PollGroup): number {
  return Math.max(1, Math.round(POLL_INTERVAL_MS[group] * getEnv().COLLECTOR_INTERVAL_SCALE));
}

/**
 * Stores one poll's values at its slot. A null value is stored as a gap. Duplicate
 * (service, metric, slot) keys are dropped: returns how many samples this call inserted
 * (0 when another collector already recorded the slot).
 */
export async function recordSamples(input: {
  serviceId: number;
  at: Date;
  values: MetricValues;
}): Promise<number> {
  const entries = Object.entries(input.values) as Array<[MetricKey, number | null | undefined]>;
  if (entries.length === 0) return 0;
  const metrics = entries.map(([k]) => k);
  const values = entries.map(([, v]) => (v === undefined || v === null || !Number.isFinite(v) ? null : v));
  // One statement: the samples this call really inserted (not the slot another collector
  // already wrote) are also added to their 5-minute rollup.
  const [row] = await getDb().$queryRaw<Array<{ n: number }>>`
    WITH ins AS (
      INSERT INTO "metric_samples" ("service_id", "metric", "at", "value")
      SELECT ${input.serviceId}::int, m::"MetricKey", ${input.at}::timestamptz, v
      FROM unnest(${metrics}::text[], ${values}::float8[]) AS u(m, v)
      ON CONFLICT ("service_id", "metric", "at") DO NOTHING
      RETURNING "service_id", "metric", "at", "value"
    ), roll AS (
      INSERT INTO "metric_rollups" ("service_id", "metric", "bucket", "sum", "count")
      SELECT "service_id", "metric", date_bin(${ROLLUP_MS}::int * interval '1 millisecond', "at", ${EPOCH}::timestamptz),
             coalesce(sum("value"), 0), count("value")::int
      FROM ins GROUP BY 1, 2, 3
      ON CONFLICT ("service_id", "metric", "bucket")
      DO UPDATE SET "sum" = "metric_rollups"."sum" + excluded."sum", "count" = "metric_rollups"."count" + excluded."count"
    )
    SELECT count(*)::int AS n FROM ins`;
  return row?.n ?? 0;
}

/** Why a group's samples at `at` are gaps (shown next to the "no data" stretch). */
export async function recordPollError(input: {
  serviceId: number;
  group: PollGroup;
  at: Date;
  error: string;
}): Promise<void> {
  await getDb().$executeRaw`
    INSERT INTO "metric_poll_errors" ("service_id", "poll_group", "at", "error")
    VALUES (${input.serviceId}, ${input.group}::"PollGroup", ${input.at}::timestamptz, ${input.error.slice(0, 2000)})
    ON CONFLICT DO NOTHING`;
}

export async function listPollErrors(opts: { serviceId: number; from: Date; to: Date; limit?: number }) {
  const rows = await getDb().metricPollError.findMany({
    where: { serviceId: opts.serviceId, at: { gte: opts.from, lte: opts.to } },
    orderBy: { at: "desc" },
    take: opts.limit ?? 100,
  });
  return rows.map((r) => ({ group: r.group as PollGroup, at: r.at, error: r.error }));
}

/**
 * A series downsampled on the server to ≤ maxPoints buckets (average per bucket).
 * v = null for a bucket with no sample or only failed polls: "no data", never 0.
 */
export async function querySeries(opts: {
  serviceId: number;
  metric: MetricKey;
  from: Date;
  to: Date;
  maxPoints?: number;
}): Promise<{ bucketMs: number; points: SeriesPoint[] }> {
  const { plan, sql } = seriesStatement(opts);
  const rows = await getDb().$queryRaw<Array<{ bucket: Date; v: number | null }>>(sql);
  const indexed = rows.map((r) => ({
    b: Math.round((r.bucket.getTime() - plan.startMs) / plan.bucketMs),
    v: r.v,
  }));
  return { bucketMs: plan.bucketMs, points: fillBuckets(plan, indexed) };
}

/** The bucket plan and statement behind querySeries (exported for the benchmark's EXPLAIN).
 * Buckets of 5 min or more are built from the rollups (exact: sum/count), shorter ones from samples. */
export function seriesStatement(opts: {
  serviceId: number;
  metric: MetricKey;
  from: Date;
  to: Date;
  maxPoints?: number;
}) {
  const maxPoints = opts.maxPoints ?? 1000;
  const from = opts.from.getTime();
  const to = opts.to.getTime();
  const useRollups = (to - from) / (maxPoints - 1) > ROLLUP_MS;
  const plan = planBuckets(
    from,
    to,
    maxPoints,
    useRollups ? ROLLUP_MS : intervalMsOf(METRICS[opts.metric].group),
  );
  return { plan, useRollups, sql: useRollups ? rollupSeriesSql(opts, plan) : seriesSql(opts, plan) };
}

/** Raw-sample statement. date_bin, not
 * extract(epoch …): extract returns numeric since PG 14, several times slower per row. */
export function seriesSql(
  opts: { serviceId: number; metric: MetricKey; to: Date },
  plan: BucketPlan,
): Prisma.Sql {
  const start = new Date(plan.startMs);
  return Prisma.sql`
    SELECT date_bin(${plan.bucketMs}::int * interval '1 millisecond', "at", ${start}::timestamptz) AS bucket,
           avg("value") AS v
    FROM "metric_samples"
    WHERE "service_id" = ${opts.serviceId}::int AND "metric" = ${opts.metric}::"MetricKey"
      AND "at" >= ${start}::timestamptz AND "at" <= ${opts.to}::timestamptz
    GROUP BY 1`;
}

/** querySeries over the rollups (bucketMs is a multiple of ROLLUP_MS, start aligned to it). */
export function rollupSeriesSql(
  opts: { serviceId: number; metric: MetricKey; to: Date },
  plan: BucketPlan,
): Prisma.Sql {
  const start = new Date(plan.startMs);
  return Prisma.sql`
    SELECT date_bin(${plan.bucketMs}::int * interval '1 millisecond', "bucket", ${start}::timestamptz) AS bucket,
           sum("sum") / nullif(sum("count"), 0) AS v
    FROM "metric_rollups"
    WHERE "service_id" = ${opts.serviceId}::int AND "metric" = ${opts.metric}::"MetricKey"
      AND "bucket" >= ${start}::timestamptz AND "bucket" <= ${opts.to}::timestamptz
    GROUP BY 1`;
}

/** The latest sample of every metric (null = its latest poll failed); `at` = newest of them. */
export async function latestValues(serviceId: number): Promise<{ at: Date | null; values: MetricValues }> {
  const rows = await getDb().$queryRaw<Array<{ metric: MetricKey; at: Date; value: number | null }>>`
    SELECT m.metric::text AS metric, s."at", s."value"
    FROM unnest(enum_range(NULL::"MetricKey")) AS m(metric)
    CROSS JOIN LATERAL (
      SELECT "at", "value" FROM "metric_samples"
      WHERE "service_id" = ${serviceId}::int AND "metric" = m.metric
      ORDER BY "at" DESC LIMIT 1
    ) s`;
  const values: MetricValues = {};
  let at: Date | null = null;
  for (const r of rows) {
    values[r.metric] = r.value;
    if (!at || r.at > at) at = r.at;
  }
  return { at, values };
}

/** Retention (METRICS_RETENTION_DAYS): deletes samples and poll errors older than `days`. */
export async function pruneOlderThan(
  days: number,
  now = new Date(),
): Promise<{ samples: number; pollErrors: number }> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const db = getDb();
  const samples = await db.$executeRaw`DELETE FROM "metric_samples" WHERE "at" < ${cutoff}::timestamptz`;
  const pollErrors =
    await db.$executeRaw`DELETE FROM "metric_poll_errors" WHERE "at" < ${cutoff}::timestamptz`;
  await db.$executeRaw`DELETE FROM "metric_rollups" WHERE "bucket" < ${cutoff}::timestamptz`;
  return { samples, pollErrors };
}
