import type { OverviewData } from "@/lib/dashboards/load-overview";

/** How often the overview refreshes: a third of the collector's fast poll interval (30 s in
 * production, shortened by COLLECTOR_INTERVAL_SCALE in tests), between 0.5 s and 3 s, so a
 * new SEV shows up well within one poll interval of being computed. */
export function overviewRefreshMs(fastPollMs: number): number {
  return Math.min(3_000, Math.max(500, Math.round(fastPollMs / 3)));
}

export async function fetchOverview(): Promise<OverviewData> {
  const res = await fetch("/api/metrics/overview", { cache: "no-store" });
  const body = (await res.json().catch(() => null)) as (OverviewData & { error?: string }) | null;
  if (!res.ok || !body) throw new Error(body?.error ?? `HTTP ${res.status}`);
  return body;
}
