/**
 * The severity engine: from a service's latest samples, the SEV level the optimizer runbook
 * (seed 001) assigns and every reason for it. Pure; numbers come from `lib/runbook/catalog.ts`
 * (with per-service overrides), never from here.
 *
 * Rules (runbook 001 · Severity Levels and Key Metrics to Monitor):
 * - SEV-0: `/health/live` not 200 (`live` < 1). "Complete system outage" has no metric in the
 *   runbook; the Incident Response Playbook, Step 2 treats a failing /health/live as the outage.
 * - SEV-1: p95 > 50 ms or error rate > 5 % (the `critical` thresholds; SEV-1 definition).
 * - SEV-2: p95 > 10 ms (p95 `warning`) or cache hit < 60 % (SEV-2 definition).
 * - SEV-3: any other `warning` threshold crossed ("Metrics approaching thresholds"): cache hit
 *   < 70 %, error rate > 1 %, throughput < 50 RPS, cpu > 70 %, memory > 80 %, disk > 80 %,
 *   open connections > 80 % of max.
 *
 * Where the runbook contradicts itself, the line followed:
 * - Cache hit: the YAML says warning 70 % / critical 50 %, the SEV-2 definition says < 60 %.
 *   Levels follow the SEV definitions (< 60 % → SEV-2, < 70 % → SEV-3); the YAML's 50 % is only
 *   drawn on charts, as < 50 % is already SEV-2. A per-service `critical` override for
 *   `cache_hit_pct` moves the SEV-2 line (there is no other SEV-level use for it).
 * - Error rate warning: the YAML says 1 %, the "High Error Rate Alert" script says > 2 %. We
 *   follow the YAML (`critical_metrics.error_rate.threshold: 1%`) since the SEV-3 definition
 *   refers to the monitoring thresholds, and the script is an investigation aid.
 * - Latency: the "High Latency Alert" script branches at > 25 ms. It is not a threshold of the
 *   monitoring section nor of any SEV definition, so it is not used.
 * - cpu/memory/disk/connections/throughput `critical` values cross their warning too, so they
 *   count as SEV-3: no SEV definition names them.
 *
 * Comparisons are strict: the runbook writes ">" and "<", so a value equal to a threshold does
 * not breach. A null, missing or non-finite value never breaches (no data is not zero).
 */
import { METRICS, SEV2_CACHE_HIT_BELOW_PCT, type MetricKey } from "@/lib/runbook/catalog";
import type { Severity } from "@/lib/runbook/sev-levels";

export type SeverityReason = {
  level: Severity;
  metric: MetricKey;
  value: number | null;
  threshold: number;
  comparator: ">" | "<" | "!=";
  /** e.g. "p95 60 ms > 50 ms". */
  text: string;
  /** The runbook line the threshold comes from. */
  source: string;
};

/** Per-service thresholds. `undefined` keeps the catalog value; `null` switches the line off. */
export type ThresholdOverrides = Partial<
  Record<MetricKey, { warning?: number | null; critical?: number | null }>
>;

export type SeverityEvaluation = { level: Severity | null; reasons: SeverityReason[] };

type Which = "warning" | "critical" | "sev2Cache";
type Rule = { level: Severity; metric: MetricKey; which: Which; source: string };

const SEV_SOURCE = {
  SEV1: "Severity Levels, SEV-1: P95 latency > 50ms or error rate > 5%",
  SEV2: "Severity Levels, SEV-2: P95 latency > 10ms or cache hit ratio < 60%",
  SEV3: "Severity Levels, SEV-3: metrics approaching thresholds",
} as const;

/** Worst first; per metric only its worst breached rule is reported. */
const RULES: readonly Rule[] = [
  { level: "SEV0", metric: "live", which: "critical", source: METRICS.live.source },
  {
    level: "SEV1",
    metric: "p95_latency_ms",
    which: "critical",
    source: `${SEV_SOURCE.SEV1}; ${METRICS.p95_latency_ms.source}`,
  },
  {
    level: "SEV1",
    metric: "error_rate_pct",
    which: "critical",
    source: `${SEV_SOURCE.SEV1}; ${METRICS.error_rate_pct.source}`,
  },
  {
    level: "SEV2",
    metric: "p95_latency_ms",
    which: "warning",
    source: `${SEV_SOURCE.SEV2}; ${METRICS.p95_latency_ms.source}`,
  },
  { level: "SEV2", metric: "cache_hit_pct", which: "sev2Cache", source: SEV_SOURCE.SEV2 },
  ...(
    [
      "cache_hit_pct",
      "error_rate_pct",
      "rps",
      "cpu_pct",
      "memory_pct",
      "disk_pct",
      "open_connections_pct",
    ] as const
  ).map((metric): Rule => ({
    level: "SEV3",
    metric,
    which: "warning",
    source: `${SEV_SOURCE.SEV3}; ${METRICS[metric].source}`,
  })),
];

const TEXT_LABEL: Record<MetricKey, string> = {
  live: "/health/live",
  p95_latency_ms: "p95",
  error_rate_pct: "error rate",
  cache_hit_pct: "cache hit",
  rps: "throughput",
  cpu_pct: "cpu",
  memory_pct: "memory",
  disk_pct: "disk",
  open_connections_pct: "open connections",
};

/** The threshold a rule uses for this service, or null when the line is off. */
export function ruleThreshold(
  metric: MetricKey,
  which: Which,
  overrides?: ThresholdOverrides,
): number | null {
  const o = overrides?.[metric];
  if (which === "sev2Cache") return o?.critical !== undefined ? o.critical : SEV2_CACHE_HIT_BELOW_PCT;
  const own = o?.[which];
  return own !== undefined ? own : METRICS[metric][which];
}

export function formatNumber(v: number): string {
  return String(Math.round(v * 100) / 100);
}

function withUnit(metric: MetricKey, v: number): string {
  const unit = METRICS[metric].unit;
  return unit === "up" ? formatNumber(v) : `${formatNumber(v)} ${unit}`;
}

function breaches(metric: MetricKey, value: number, threshold: number): boolean {
  return METRICS[metric].direction === "above" ? value > threshold : value < threshold;
}

function reasonText(metric: MetricKey, value: number, threshold: number): string {
  if (metric === "live") return "/health/live not 200";
  const op = METRICS[metric].direction === "above" ? ">" : "<";
  return `${TEXT_LABEL[metric]} ${withUnit(metric, value)} ${op} ${withUnit(metric, threshold)}`;
}

export function evaluateSeverity(
  latest: Partial<Record<MetricKey, number | null>>,
  overrides?: ThresholdOverrides,
): SeverityEvaluation {
  const reasons: SeverityReason[] = [];
  const reported = new Set<MetricKey>();
  for (const rule of RULES) {
    if (reported.has(rule.metric)) continue;
    const value = latest[rule.metric];
    if (value === null || value === undefined || !Number.isFinite(value)) continue;
    const threshold = ruleThreshold(rule.metric, rule.which, overrides);
    if (threshold === null || !breaches(rule.metric, value, threshold)) continue;
    reported.add(rule.metric);
    reasons.push({
      level: rule.level,
      metric: rule.metric,
      value,
      threshold,
      comparator: rule.metric === "live" ? "!=" : METRICS[rule.metric].direction === "above" ? ">" : "<",
      text: reasonText(rule.metric, value, threshold),
      source: rule.source,
    });
  }
  return { level: reasons[0]?.level ?? null, reasons };
}
