import "server-only";

import { planBuckets } from "@/lib/metrics/downsample";
import { ROLLUP_MS } from "@/lib/metrics/sample-writer";

import { loadPanel, MAX_POINTS, type PanelData } from "./load-panel";
import type { PanelKey } from "./panels";
import { RANGE_MS, type RangeKey } from "./ranges";

/**
 * The long ranges (7 d, 30 d) are drawn from the 5-minute rollups in buckets of 15 min or more.
 * Within one such bucket a re-render draws the same chart (its buckets are aligned to their
 * width), so it is answered from what this process read at the bucket's start, and the browser
 * may keep it until the bucket ends (Cache-Control, ETag). Shorter ranges are always read live.
 */
export type PanelWindow = { bucketStartMs: number; bucketMs: number; etag: string; maxAgeS: number };

export function panelWindow(
  service: string,
  panel: PanelKey,
  range: RangeKey,
  now: Date,
): PanelWindow | null {
  const span = RANGE_MS[range];
  if (span / (MAX_POINTS - 1) <= ROLLUP_MS) return null;
  const { bucketMs } = planBuckets(0, span, MAX_POINTS, ROLLUP_MS);
  const bucketStartMs = Math.floor(now.getTime() / bucketMs) * bucketMs;
  const maxAgeS = Math.max(1, Math.floor((bucketStartMs + bucketMs - now.getTime()) / 1000));
  const etag = `W/"${encodeURIComponent(service)}:${panel}:${range}:${bucketStartMs}"`;
  return { bucketStartMs, bucketMs, etag, maxAgeS };
}

const MAX_ENTRIES = 200;
const cache = new Map<string, { expiresMs: number; data: Promise<PanelData> }>();

/** loadPanel, read once per bucket for the long ranges: every reader in the bucket gets the
 * chart the first one read. */
export function loadPanelCached(
  service: string,
  panel: PanelKey,
  range: RangeKey,
  now = new Date(),
): Promise<PanelData> {
  const window = panelWindow(service, panel, range, now);
  if (!window) return loadPanel(service, panel, range, now);
  const key = window.etag;
  const hit = cache.get(key);
  if (hit && hit.expiresMs > now.getTime()) return hit.data;
  if (cache.size >= MAX_ENTRIES)
    for (const [k, v] of cache)
      if (v.expiresMs <= now.getTime() || cache.size >= MAX_ENTRIES) cache.delete(k);
  const data = loadPanel(service, panel, range, now);
  cache.set(key, { expiresMs: window.bucketStartMs + window.bucketMs, data });
  // A failed read is not kept.
  data.catch(() => cache.delete(key));
  return data;
}
