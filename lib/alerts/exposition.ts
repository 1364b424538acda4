import type { MetricKey } from "@/lib/runbook/catalog";

/**
 * The Prometheus series behind each runbook metric, as the optimizer exposes them on `/metrics`
 * (text exposition format; ratios in percent, latency in ms, like the runbook's own numbers).
 * `live` is Prometheus's own `up` series for the scrape job: a service whose `/metrics` does not
 * answer is down, which the runbook treats like `/health/live` != 200.
 */
export const EXPOSITION_NAMES: Record<MetricKey, string> = {
  live: "up",
  p95_latency_ms: "api_p95_latency_ms",
  error_rate_pct: "api_error_rate_percent",
  cache_hit_pct: "api_cache_hit_ratio_percent",
  rps: "api_requests_per_second",
  cpu_pct: "api_cpu_usage_percent",
  memory_pct: "api_memory_usage_percent",
  disk_pct: "api_disk_usage_percent",
  open_connections_pct: "api_open_connections_percent",
};

/** The label every generated rule carries so an incoming alert maps back to its metric. */
export const METRIC_LABEL = "firebreak_metric";

export function metricOfExpositionName(name: string): MetricKey | null {
  const hit = Object.entries(EXPOSITION_NAMES).find(([, n]) => n === name);
  return hit ? (hit[0] as MetricKey) : null;
}
