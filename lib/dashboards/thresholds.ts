import { METRICS, type MetricKey } from "@/lib/runbook/catalog";

/** Per-service overrides as stored on Service.thresholdOverrides (same shape as the severity
 * engine's ThresholdOverrides): a number replaces the catalog value, null switches it off. */
export type ThresholdOverrideMap = Partial<
  Record<MetricKey, { warning?: number | null; critical?: number | null }>
>;

export type ThresholdLine = { kind: "warning" | "critical"; value: number; label: string };

/** The catalog's warning/critical thresholds with the service's overrides applied. */
export function effectiveThresholds(
  metric: MetricKey,
  overrides: ThresholdOverrideMap = {},
): { warning: number | null; critical: number | null } {
  const def = METRICS[metric];
  const o = overrides[metric];
  return {
    warning: o && "warning" in o ? (o.warning ?? null) : def.warning,
    critical: o && "critical" in o ? (o.critical ?? null) : def.critical,
  };
}

/** The reference lines a chart draws, labelled with the unit ("warning 10 ms"). */
export function thresholdLines(
  thresholds: { warning: number | null; critical: number | null },
  unit: string,
): ThresholdLine[] {
  const lines: ThresholdLine[] = [];
  if (thresholds.warning !== null) {
    lines.push({
      kind: "warning",
      value: thresholds.warning,
      label: `warning ${formatNumber(thresholds.warning)} ${unit}`,
    });
  }
  if (thresholds.critical !== null) {
    lines.push({
      kind: "critical",
      value: thresholds.critical,
      label: `critical ${formatNumber(thresholds.critical)} ${unit}`,
    });
  }
  return lines;
}

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toFixed(3)));
}
