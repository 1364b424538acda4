/**
 * The metrics Firebreak watches, in canonical units, with the runbook thresholds drawn on
 * every chart and used by the severity engine. Runbook = seed 001 (API Latency Optimizer
 * PRODUCTION_RUNBOOK), "Monitoring and Alerting → Key Metrics to Monitor" unless noted.
 * Ratios are stored as percent 0–100 whatever the service reports (Service.ratioUnit says
 * how to convert; never guessed — optimizer-contract.md "Unit ambiguity").
 */
export type MetricKey =
  | "live"
  | "p95_latency_ms"
  | "error_rate_pct"
  | "cache_hit_pct"
  | "rps"
  | "cpu_pct"
  | "memory_pct"
  | "disk_pct"
  | "open_connections_pct";

/** "above": breach when value > threshold; "below": breach when value < threshold.
 * Strict comparisons: the runbook says ">" and "<", so a value equal to a threshold is clean. */
export type Direction = "above" | "below";

/** Poll groups and their intervals, from the runbook YAML `monitoring_interval`s:
 * 30 s for latency, errors, cpu, memory and health; 1 min for cache, throughput and
 * connections; 5 min for disk. */
export type PollGroup = "fast" | "medium" | "slow";
export const POLL_INTERVAL_MS: Record<PollGroup, number> = { fast: 30_000, medium: 60_000, slow: 300_000 };

export type MetricDef = {
  key: MetricKey;
  label: string;
  unit: "ms" | "%" | "RPS" | "up";
  direction: Direction;
  /** Warning and critical thresholds; null where the runbook gives none. */
  warning: number | null;
  critical: number | null;
  group: PollGroup;
  /** The runbook line the numbers come from. */
  source: string;
};

export const METRICS: Record<MetricKey, MetricDef> = {
  live: {
    key: "live",
    label: "Liveness (/health/live = 200)",
    unit: "up",
    direction: "below",
    warning: null,
    critical: 1,
    group: "fast",
    source: "Incident Response Playbook, Step 2: /health/live != 200 → emergency rollback (SEV-0)",
  },
  p95_latency_ms: {
    key: "p95_latency_ms",
    label: "P95 latency",
    unit: "ms",
    direction: "above",
    warning: 10,
    critical: 50,
    group: "fast",
    source:
      "critical_metrics.p95_latency: threshold 10ms, critical_threshold 50ms, 30s (= SEV-2 / SEV-1 definitions)",
  },
  error_rate_pct: {
    key: "error_rate_pct",
    label: "Error rate",
    unit: "%",
    direction: "above",
    warning: 1,
    critical: 5,
    group: "fast",
    source: "critical_metrics.error_rate: threshold 1%, critical_threshold 5%, 30s (SEV-1: error rate > 5%)",
  },
  cache_hit_pct: {
    key: "cache_hit_pct",
    label: "Cache hit ratio",
    unit: "%",
    direction: "below",
    warning: 70,
    critical: 50,
    group: "medium",
    source: "critical_metrics.cache_hit_ratio: threshold 70%, critical_threshold 50%, 1m (SEV-2 uses < 60%)",
  },
  rps: {
    key: "rps",
    label: "Throughput",
    unit: "RPS",
    direction: "below",
    warning: 50,
    critical: 20,
    group: "medium",
    source: "critical_metrics.throughput: threshold 50 RPS, critical_threshold 20 RPS, 1m (below = breach)",
  },
  cpu_pct: {
    key: "cpu_pct",
    label: "CPU usage",
    unit: "%",
    direction: "above",
    warning: 70,
    critical: 90,
    group: "fast",
    source: "system_metrics.cpu_usage: threshold 70%, critical_threshold 90%, 30s",
  },
  memory_pct: {
    key: "memory_pct",
    label: "Memory usage",
    unit: "%",
    direction: "above",
    warning: 80,
    critical: 95,
    group: "fast",
    source: "system_metrics.memory_usage: threshold 80%, critical_threshold 95%, 30s",
  },
  disk_pct: {
    key: "disk_pct",
    label: "Disk usage",
    unit: "%",
    direction: "above",
    warning: 80,
    critical: 95,
    group: "slow",
    source: "system_metrics.disk_usage: threshold 80%, critical_threshold 95%, 5m",
  },
  open_connections_pct: {
    key: "open_connections_pct",
    label: "Open connections (% of max)",
    unit: "%",
    direction: "above",
    warning: 80,
    critical: 95,
    group: "medium",
    source: "system_metrics.open_connections: threshold 80% of max, critical_threshold 95% of max, 1m",
  },
};

export const METRIC_KEYS = Object.keys(METRICS) as MetricKey[];

/** SEV-2 cache line: the SEV-2 definition says "cache hit ratio < 60%", which sits between the
 * YAML's 70 % warning and 50 % critical. We follow the SEV definition for the SEV level and
 * draw 70/50 on the chart. */
export const SEV2_CACHE_HIT_BELOW_PCT = 60;

/** Scanner run thresholds: seed 000 (ApiHunter operations runbook), "Monitoring and Alerts"
 * and "Rollback Triggers". */
export const SCANNER_THRESHOLDS = {
  retryRatio: { warning: 0.2, critical: 0.35 },
  /** Fraction of scanned URLs with scanner errors. */
  errorPressure: { warning: 0.02, critical: 0.05 },
  /** "sustained connectivity failures across multiple scanners": ≥ 2 scanners with errors. */
  connectivityScanners: 2,
} as const;
