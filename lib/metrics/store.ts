import "server-only";

import { getDb } from "@/lib/db/client";

import type { MetricKey, PollGroup } from "@/lib/runbook/catalog";
import { ROLLUP_MS, writeSamples } from "./sample-writer";

export type MetricValues = Partial<Record<MetricKey, number | null>>;

export { ROLLUP_MS };

export { intervalMsOf } from "./intervals";
export { querySeries, seriesStatement } from "./series";

/**
 * Stores one poll's values at its slot. A null value is stored as a gap. Duplicate
 * (service, metric, slot) keys are dropped: returns how many samples this call inserted
 * (0 when another collector already recorded the slot). Polls stored at the same moment share
 * one statement (lib/metrics/sample-writer.ts), which also adds them to their 5-minute rollup.
 */
export async function recordSamples(input: {
  serviceId: number;
  at: Date;
  values: MetricValues;
}): Promise<number> {
  const metrics: MetricKey[] = [];
  const values: Array<number | null> = [];
  for (const k in input.values) {
    metrics.push(k as MetricKey);
    values.push(input.values[k as MetricKey] ?? null);
  }
  return writeSamples(input.serviceId, input.at, metrics, values);
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
