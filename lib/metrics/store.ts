import "server-only";

import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";

import { METRICS, POLL_INTERVAL_MS, type MetricKey, type PollGroup } from "./catalog";
import { fillBuckets, planBuckets, type BucketPlan, type SeriesPoint } from "./downsample";

export type MetricValues = Partial<Record<MetricKey, number | null>>;

/** The scaled poll interval of a group (COLLECTOR_INTERVAL_SCALE shortens it in tests). */
export function intervalMsOf(group: PollGroup): number {
  return Math.max(1, Math.round(POLL_INTERVAL_MS[group] * getEnv().COLLECTOR_INTERVAL_SCALE));
}

/**
 * Stores one poll's values at its slot. A null value is stored as a gap. Duplicate
 * (service, metric, slot) keys are dropped: returns how many samples this call inserted
 * (0 when another collector already recorded the slot).
 */
export async function recordSamples(input: { serviceId: number; at: Date; values: MetricValues }): Promise<number> {
  const entries = Object.entries(input.values) as Array<[MetricKey, number | null | undefined]>;
  if (entries.length === 0) return 0;
  const metrics = entries.map(([k]) => k);
  const values = entries.map(([, v]) => (v === undefined || v === null || !Number.isFinite(v) ? null : v));
  return getDb().$executeRaw`
    INSERT INTO "metric_samples" ("service_id", "metric", "at", "value")
    SELECT ${input.serviceId}::int, m::"MetricKey", ${input.at}::timestamptz, v
    FROM unnest(${metrics}::text[], ${values}::float8[]) AS u(m, v)
    ON CONFLICT ("service_id", "metric", "at") DO NOTHING`;
}

/** Why a group's samples at `at` are gaps (shown next to the "no data" stretch). */
export async function recordPollError(input: { serviceId: number; group: PollGroup; at: Date; error: string }): Promise<void> {
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
  const plan = planBuckets(opts.from.getTime(), opts.to.getTime(), opts.maxPoints ?? 1000, intervalMsOf(METRICS[opts.metric].group));
  const rows = await getDb().$queryRaw<Array<{ bucket: Date; v: number | null }>>(seriesSql(opts, plan));
  const indexed = rows.map((r) => ({ b: Math.round((r.bucket.getTime() - plan.startMs) / plan.bucketMs), v: r.v }));
  return { bucketMs: plan.bucketMs, points: fillBuckets(plan, indexed) };
}

/** The statement behind querySeries (exported for the benchmark's EXPLAIN). date_bin, not
 * extract(epoch …): extract returns numeric since PG 14, several times slower per row. */
export function seriesSql(opts: { serviceId: number; metric: MetricKey; to: Date }, plan: BucketPlan): Prisma.Sql {
  const start = new Date(plan.startMs);
  return Prisma.sql`
    SELECT date_bin(${plan.bucketMs}::int * interval '1 millisecond', "at", ${start}::timestamptz) AS bucket,
           avg("value") AS v
    FROM "metric_samples"
    WHERE "service_id" = ${opts.serviceId}::int AND "metric" = ${opts.metric}::"MetricKey"
      AND "at" >= ${start}::timestamptz AND "at" <= ${opts.to}::timestamptz
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
export async function pruneOlderThan(days: number, now = new Date()): Promise<{ samples: number; pollErrors: number }> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const db = getDb();
  const samples = await db.$executeRaw`DELETE FROM "metric_samples" WHERE "at" < ${cutoff}::timestamptz`;
  const pollErrors = await db.$executeRaw`DELETE FROM "metric_poll_errors" WHERE "at" < ${cutoff}::timestamptz`;
  return { samples, pollErrors };
}

