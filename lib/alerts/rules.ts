import { METRIC_KEYS, METRICS, type MetricKey } from "@/lib/runbook/catalog";
import type { Severity } from "@/lib/runbook/sev-levels";
import { evaluateSeverity } from "@/lib/severity/engine";
import { EXPOSITION_NAMES, METRIC_LABEL } from "./exposition";

/** One Prometheus alerting rule, as it appears in a rule group. */
export type AlertRule = {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
};

export type RuleOptions = {
  /** The scrape job of the watched service (label matcher on every expression). */
  job: string;
  /** How long a breach must hold before the alert fires. The default, one minute, is two
   * samples at the runbook's 30 s interval — the same two-sample rule the SEV tracker uses. */
  forDuration?: string;
};

export type RuleSpec = {
  rule: AlertRule;
  metric: MetricKey;
  threshold: number;
  direction: "above" | "below";
};

/**
 * The runbook's thresholds (runbook 001 · Monitoring and Alerting → Key Metrics to Monitor) as
 * Prometheus alerting rules: a warning and a critical rule per metric, strict comparisons as the
 * runbook writes them ("> 50ms", "< 70%": a value equal to the threshold never fires). Each rule
 * carries the SEV level the severity engine assigns to that breach alone, so Alertmanager
 * routes and Firebreak's incidents agree on the level.
 */
export function buildRuleSpecs(options: RuleOptions): RuleSpec[] {
  const out: RuleSpec[] = [];
  for (const metric of METRIC_KEYS) {
    const def = METRICS[metric];
    for (const which of ["warning", "critical"] as const) {
      const threshold = def[which];
      if (threshold === null) continue;
      const op = def.direction === "above" ? ">" : "<";
      const sev = sevOfBreach(metric, threshold, def.direction);
      const name = `Runbook${pascal(metric)}${which === "warning" ? "Warning" : "Critical"}`;
      const series = `${EXPOSITION_NAMES[metric]}{job="${escapeLabel(options.job)}"}`;
      out.push({
        metric,
        threshold,
        direction: def.direction,
        rule: {
          alert: name,
          expr: `${series} ${op} ${threshold}`,
          for: options.forDuration ?? "1m",
          labels: {
            severity: which,
            ...(sev ? { sev } : {}),
            service: options.job,
            [METRIC_LABEL]: metric,
          },
          annotations: {
            summary: `${def.label} ${op} ${threshold}${unitText(def.unit)} (${which}) on {{ $labels.job }}`,
            description: `${def.label} is {{ $value }}${unitText(def.unit)}; the runbook's ${which} threshold is ${op} ${threshold}${unitText(def.unit)}.`,
            runbook: `runbook 001 · ${def.source}`,
          },
        },
      });
    }
  }
  return out;
}

export function buildRuleGroup(options: RuleOptions): { name: string; rules: AlertRule[] } {
  return { name: "firebreak-runbook", rules: buildRuleSpecs(options).map((s) => s.rule) };
}

/** What SEV the engine gives this metric alone, just past its threshold. */
function sevOfBreach(metric: MetricKey, threshold: number, direction: "above" | "below"): Severity | null {
  const step = Math.max(Math.abs(threshold) * 1e-6, 1e-6);
  const value = direction === "above" ? threshold + step : threshold - step;
  return evaluateSeverity({ [metric]: value }).level;
}

function pascal(key: string): string {
  return key
    .split("_")
    .map((p) => (p === "pct" ? "Pct" : p.charAt(0).toUpperCase() + p.slice(1)))
    .join("");
}

function unitText(unit: string): string {
  if (unit === "ms") return " ms";
  if (unit === "%") return " %";
  if (unit === "RPS") return " RPS";
  return "";
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
}
