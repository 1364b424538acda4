import { MAX_CONNECTIONS, type Readings } from "./scenarios";

/** `GET /metrics` in the Prometheus text exposition format (version 0.0.4), as the real service's
 * exporter serves it for scraping. Ratios in percent and latency in ms, the runbook's units. */
export const EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

const GAUGES: Array<[name: string, help: string, value: (r: Readings) => number]> = [
  ["api_p95_latency_ms", "P95 request latency in milliseconds.", (r) => r.p95_latency],
  ["api_error_rate_percent", "Share of requests that failed, percent.", (r) => r.error_rate],
  ["api_cache_hit_ratio_percent", "Cache hit ratio, percent.", (r) => r.cache_hit_ratio],
  ["api_requests_per_second", "Requests served per second.", (r) => r.requests_per_second],
  ["api_cpu_usage_percent", "CPU usage, percent.", (r) => r.cpu_usage],
  ["api_memory_usage_percent", "Memory usage, percent.", (r) => r.memory_usage],
  ["api_disk_usage_percent", "Disk usage, percent.", (r) => r.disk_usage],
  ["api_open_connections", "Open client connections.", (r) => r.open_connections],
  ["api_max_connections", "Connection limit.", () => MAX_CONNECTIONS],
  [
    "api_open_connections_percent",
    "Open connections as a percent of the limit.",
    (r) => (r.open_connections / MAX_CONNECTIONS) * 100,
  ],
  ["api_cache_eviction_rate", "Cache evictions per second.", (r) => r.eviction_rate],
];

export function renderExposition(r: Readings): string {
  const lines: string[] = [];
  for (const [name, help, value] of GAUGES) {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name} ${formatValue(value(r))}`);
  }
  return lines.join("\n") + "\n";
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "+Inf" : "-Inf";
  return String(Math.round(v * 1000) / 1000);
}
