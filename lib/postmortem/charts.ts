import "server-only";

import { AppError } from "@/lib/errors";
import { getIncidentOrThrow } from "@/lib/incidents/queries";
import { querySeries } from "@/lib/metrics/store";
import { METRICS, type MetricKey } from "@/lib/runbook/catalog";
import { getServiceByName } from "@/lib/services/queries";

import { renderChartSvg } from "./chart-svg";

/** The metrics a postmortem charts: the SEV-1/SEV-2 definitions' latency and error rate, and the
 * cache hit ratio (runbook 001 · Severity Levels). */
export const CHART_METRICS = [
  "p95_latency_ms",
  "error_rate_pct",
  "cache_hit_pct",
] as const satisfies readonly MetricKey[];
export type ChartMetric = (typeof CHART_METRICS)[number];

const BEFORE_MS = 15 * 60_000;
const AFTER_MS = 5 * 60_000;

/** From 15 minutes before the declaration to 5 after the resolution (or now, while open). */
export function incidentWindow(declaredAt: Date, resolvedAt: Date | null, now = new Date()) {
  return {
    from: new Date(declaredAt.getTime() - BEFORE_MS),
    to: new Date(Math.min(now.getTime(), (resolvedAt ?? now).getTime() + AFTER_MS)),
  };
}

export function chartPath(incidentId: number, metric: ChartMetric): string {
  return `/api/incidents/${incidentId}/postmortem/chart?metric=${metric}`;
}

/** The chart images of an incident whose service is watched (none otherwise). */
export async function listIncidentCharts(
  incidentId: number,
  service: string,
  baseUrl = "",
): Promise<Array<{ label: string; url: string }>> {
  if (!(await getServiceByName(service))) return [];
  return CHART_METRICS.map((m) => ({
    label: `${METRICS[m].label} (${METRICS[m].unit})`,
    url: `${baseUrl}${chartPath(incidentId, m)}`,
  }));
}

/** One metric over the incident window, from the stored samples, as an SVG document. */
export async function renderIncidentChart(incidentId: number, metric: ChartMetric): Promise<string> {
  const incident = await getIncidentOrThrow(incidentId);
  const service = await getServiceByName(incident.service);
  if (!service)
    throw new AppError("NOT_FOUND", `${incident.service} is not a watched service: no samples to chart.`);
  const { from, to } = incidentWindow(incident.declaredAt, incident.resolvedAt);
  const { points } = await querySeries({ serviceId: service.id, metric, from, to, maxPoints: 240 });
  const def = METRICS[metric];
  const marks = [{ t: incident.declaredAt.getTime(), label: "declared" }];
  if (incident.mitigatedAt) marks.push({ t: incident.mitigatedAt.getTime(), label: "mitigated" });
  if (incident.resolvedAt) marks.push({ t: incident.resolvedAt.getTime(), label: "resolved" });
  return renderChartSvg({
    title: `${def.label}, ${incident.service}, incident #${incident.id}`,
    unit: def.unit,
    points,
    from: from.getTime(),
    to: to.getTime(),
    warning: def.warning,
    critical: def.critical,
    marks,
  });
}
