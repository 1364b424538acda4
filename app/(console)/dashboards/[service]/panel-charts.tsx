"use client";

import { useQuery } from "@tanstack/react-query";

import { MetricChart } from "@/components/charts/metric-chart";
import type { PanelData } from "@/lib/dashboards/load-panel";
import { RANGE_MS } from "@/lib/dashboards/ranges";
import { metricKeys } from "@/lib/query-keys";

async function fetchPanel(service: string, panel: string, range: string): Promise<PanelData> {
  const qs = new URLSearchParams({ service, panel, range });
  // The long ranges come with Cache-Control until their current bucket ends (panel-cache.ts).
  const res = await fetch(`/api/metrics/series?${qs}`, { cache: "default" });
  const body = (await res.json().catch(() => null)) as (PanelData & { error?: string }) | null;
  if (!res.ok || !body) throw new Error(body?.error ?? `HTTP ${res.status}`);
  return body;
}

/** The charts of one dashboard tab, refreshed live (faster for short ranges). */
export function PanelCharts({ initialData }: { initialData: PanelData }) {
  const { service, panel, range } = initialData;
  const query = useQuery({
    queryKey: metricKeys.series(service, panel, range),
    queryFn: () => fetchPanel(service, panel, range),
    initialData,
    refetchInterval: RANGE_MS[range] <= 3_600_000 ? 5_000 : 30_000,
  });
  const data = query.data;
  return (
    <div className="space-y-3">
      {query.isError ? (
        <p role="alert" className="rounded border border-sev-1 px-3 py-2 text-sm">
          Live refresh failed ({query.error.message}); the charts show the last data received.
        </p>
      ) : null}
      <div className="grid gap-3 xl:grid-cols-2">
        {data.charts.map((c) => (
          <MetricChart
            key={c.id}
            id={c.id}
            title={c.title}
            unit={c.unit}
            points={c.points}
            thresholds={c.thresholds}
            markers={data.markers}
            windows={data.windows}
            from={data.from}
            to={data.to}
            note={c.note}
          />
        ))}
      </div>
    </div>
  );
}
