import { METRICS, SCANNER_THRESHOLDS, type MetricKey } from "@/lib/runbook/catalog";

import {
  effectiveThresholds,
  thresholdLines,
  type ThresholdLine,
  type ThresholdOverrideMap,
} from "./thresholds";

/** The five dashboards (Latency, Cache, Retries, Errors, System) and the charts each one draws. */
export const PANEL_KEYS = ["latency", "cache", "retries", "errors", "system"] as const;
export type PanelKey = (typeof PANEL_KEYS)[number];

export const PANEL_LABELS: Record<PanelKey, string> = {
  latency: "Latency",
  cache: "Cache",
  retries: "Retries",
  errors: "Errors",
  system: "System",
};

export type ScannerField = "retryRatio" | "errorPressure";

export type ChartSpec =
  | { id: string; title: string; unit: string; kind: "metric"; metric: MetricKey }
  | { id: string; title: string; unit: string; kind: "scanner"; field: ScannerField };

function metricChart(metric: MetricKey): ChartSpec {
  const def = METRICS[metric];
  return { id: metric, title: def.label, unit: def.unit, kind: "metric", metric };
}

export const PANELS: Record<PanelKey, ChartSpec[]> = {
  latency: [metricChart("p95_latency_ms")],
  cache: [metricChart("cache_hit_pct")],
  retries: [
    {
      id: "retry_ratio",
      title: "Scanner retry ratio (http_retries / http_requests)",
      unit: "ratio",
      kind: "scanner",
      field: "retryRatio",
    },
    {
      id: "error_pressure",
      title: "Scanner error pressure (error URLs / scanned)",
      unit: "%",
      kind: "scanner",
      field: "errorPressure",
    },
  ],
  errors: [metricChart("error_rate_pct")],
  system: [
    metricChart("cpu_pct"),
    metricChart("memory_pct"),
    metricChart("disk_pct"),
    metricChart("open_connections_pct"),
  ],
};

export function isPanelKey(value: unknown): value is PanelKey {
  return typeof value === "string" && (PANEL_KEYS as readonly string[]).includes(value);
}

export function parsePanel(value: string | string[] | undefined | null): PanelKey {
  const v = Array.isArray(value) ? value[0] : value;
  return isPanelKey(v) ? v : "latency";
}

/** Scanner run thresholds (seed 000, "Monitoring and Alerts"): retry ratio 0.20 / 0.35 as a
 * ratio; error pressure 2 % / 5 % of scanned, drawn in percent. */
const SCANNER_LINES: Record<ScannerField, { warning: number; critical: number }> = {
  retryRatio: SCANNER_THRESHOLDS.retryRatio,
  errorPressure: {
    warning: SCANNER_THRESHOLDS.errorPressure.warning * 100,
    critical: SCANNER_THRESHOLDS.errorPressure.critical * 100,
  },
};

/** The warning and critical lines of one chart, with the service's overrides applied. */
export function chartThresholds(spec: ChartSpec, overrides: ThresholdOverrideMap = {}): ThresholdLine[] {
  if (spec.kind === "scanner") return thresholdLines(SCANNER_LINES[spec.field], spec.unit);
  return thresholdLines(effectiveThresholds(spec.metric, overrides), spec.unit);
}

/** Scanner run values in the unit the chart draws (error pressure fraction → percent). */
export function scannerValue(field: ScannerField, value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  return field === "errorPressure" ? value * 100 : value;
}
