import type { OverviewData } from "@/lib/metrics/series/load-overview";

export const OVERVIEW_QUERY_KEY = ["metrics", "overview"] as const;
/** How often the overview refreshes; the collector's fast group polls every 30 s. */
export const OVERVIEW_REFRESH_MS = 3_000;

export async function fetchOverview(): Promise<OverviewData> {
  const res = await fetch("/api/metrics/overview", { cache: "no-store" });
  const body = (await res.json().catch(() => null)) as (OverviewData & { error?: string }) | null;
  if (!res.ok || !body) throw new Error(body?.error ?? `HTTP ${res.status}`);
  return body;
}
