import "server-only";

import { preparedQuery } from "@/lib/db/pool";
import type { MetricKey } from "@/lib/runbook/catalog";

/** Width of the rollup buckets (metric_rollups), aligned to the Unix epoch. */
export const ROLLUP_MS = 300_000;

/** One statement for a whole batch of polls: the samples really inserted (not a slot another
 * collector already wrote) are also added to their 5-minute rollup, and come back so every
 * poll learns how many of its own samples were new. */
const INSERT_SQL = `
  WITH ins AS (
    INSERT INTO "metric_samples" ("service_id", "metric", "at", "value")
    SELECT s, m::"MetricKey", a, v FROM unnest($1::int[], $2::text[], $3::timestamptz[], $4::float8[]) AS u(s, m, a, v)
    ON CONFLICT ("service_id", "metric", "at") DO NOTHING
    RETURNING "service_id", "metric", "at", "value"
  ), roll AS (
    INSERT INTO "metric_rollups" ("service_id", "metric", "bucket", "sum", "count")
    SELECT "service_id", "metric", date_bin(${ROLLUP_MS} * interval '1 millisecond', "at", 'epoch'::timestamptz),
           coalesce(sum("value"), 0), count("value")::int
    FROM ins GROUP BY 1, 2, 3
    ON CONFLICT ("service_id", "metric", "bucket")
    DO UPDATE SET "sum" = "metric_rollups"."sum" + excluded."sum", "count" = "metric_rollups"."count" + excluded."count"
  )
  SELECT "service_id", "metric"::text, (extract(epoch FROM "at") * 1000)::float8 FROM ins`;

type Pending = {
  serviceId: number;
  atMs: number;
  metrics: MetricKey[];
  values: Array<number | null>;
  resolve: (inserted: number) => void;
  reject: (e: unknown) => void;
};

let queue: Pending[] = [];
let flushing = false;

/**
 * Stores one poll's samples (group commit): polls that finish while a write is in flight are
 * written together by the next one, as one multi-row statement. Resolves with how many of this
 * poll's samples were inserted (0 when another collector already recorded the slot).
 */
export function writeSamples(
  serviceId: number,
  at: Date,
  metrics: MetricKey[],
  values: Array<number | null>,
): Promise<number> {
  if (metrics.length === 0) return Promise.resolve(0);
  return new Promise<number>((resolve, reject) => {
    queue.push({ serviceId, atMs: at.getTime(), metrics, values, resolve, reject });
    if (!flushing) {
      flushing = true;
      // Polls answered in the same turn of the event loop join this write.
      setImmediate(flush);
    }
  });
}

async function flush(): Promise<void> {
  while (queue.length > 0) {
    const batch = queue;
    queue = [];
    try {
      const inserted = await insertBatch(batch);
      for (const p of batch) p.resolve(inserted(p));
    } catch (e) {
      for (const p of batch) p.reject(e);
    }
  }
  flushing = false;
}

async function insertBatch(batch: Pending[]): Promise<(p: Pending) => number> {
  const ids: number[] = [];
  const metrics: string[] = [];
  const ats: Date[] = [];
  const values: Array<number | null> = [];
  // Who wrote each key: the same (service, metric, slot) twice in one batch counts for the
  // first poll only, as two separate statements would.
  const owner = batch.length > 1 ? new Map<string, Pending>() : null;
  for (const p of batch) {
    const at = new Date(p.atMs);
    for (let i = 0; i < p.metrics.length; i++) {
      const metric = p.metrics[i]!;
      if (owner) {
        const key = `${p.serviceId}|${metric}|${p.atMs}`;
        if (owner.has(key)) continue;
        owner.set(key, p);
      }
      ids.push(p.serviceId);
      metrics.push(metric);
      ats.push(at);
      const v = p.values[i];
      values.push(v === undefined || v === null || !Number.isFinite(v) ? null : v);
    }
  }
  const { rows } = await preparedQuery<unknown[]>(
    "fb_write_samples",
    INSERT_SQL,
    [ids, metrics, ats, values],
    "array",
  );
  if (!owner) return () => rows.length;
  const counts = new Map<Pending, number>();
  for (const r of rows as unknown as Array<[number, string, number]>) {
    const p = owner.get(`${r[0]}|${r[1]}|${r[2]}`);
    if (p) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  return (p) => counts.get(p) ?? 0;
}
