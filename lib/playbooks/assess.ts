import { simpleComparison, test, type CompareOp } from "./expr";
import type { Branch, Metric } from "./schema";

/** Argo Rollouts' measurement phases. */
export type Phase = "Successful" | "Failed" | "Inconclusive" | "Error";

export type Measurement = { phase: Phase; value: unknown; text: string; error?: string };

/** Reads `{$.a.b[0]}`, `$.a.b` or `{$}` (the JSONPath forms Argo's web provider uses). */
export function readJsonPath(body: unknown, jsonPath: string): unknown {
  const inner = jsonPath
    .trim()
    .replace(/^\{(.*)\}$/, "$1")
    .trim();
  if (!inner.startsWith("$")) throw new Error(`jsonPath must start with $: ${jsonPath}`);
  const parts = inner
    .slice(1)
    .split(/\.|\[(\d+)\]/)
    .filter((p) => p !== undefined && p !== "");
  let cur: unknown = body;
  for (const p of parts) {
    if (cur === null || typeof cur !== "object") return undefined;
    const key = /^\d+$/.test(p) && Array.isArray(cur) ? Number(p) : p;
    if (!Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

const NEGATE: Record<CompareOp, string> = { ">": "≤", ">=": "<", "<": "≥", "<=": ">", "==": "≠", "!=": "=" };
const SHOW: Record<CompareOp, string> = { ">": ">", ">=": "≥", "<": "<", "<=": "≤", "==": "=", "!=": "≠" };

export function formatValue(value: unknown, unit?: string): string {
  const u = unit ? ` ${unit}` : "";
  if (typeof value === "number") return `${Math.round(value * 100) / 100}${u}`;
  if (typeof value === "string") return `${value}${u}`;
  if (Array.isArray(value)) {
    const named = value.map((v) =>
      v && typeof v === "object" && "name" in v
        ? `${String(v.name)}${"severity" in v ? ` (${String(v.severity)})` : ""}`
        : formatValue(v),
    );
    return value.length === 0 ? "none" : `${value.length}: ${named.join(", ")}`;
  }
  if (value && typeof value === "object")
    return Object.entries(value)
      .map(([k, v]) => `${k} ${formatValue(v)}`)
      .join(", ");
  return String(value);
}

function withComparison(base: string, condition: string, negate: boolean, unit?: string): string {
  const c = simpleComparison(condition);
  if (!c) return base;
  const threshold = typeof c.threshold === "number" ? formatValue(c.threshold, unit) : c.threshold;
  return `${base} ${negate ? NEGATE[c.op] : SHOW[c.op]} ${threshold}`;
}

/**
 * One measurement's phase, as Argo decides it: a true failureCondition fails; a true
 * successCondition succeeds; with both set and neither true it is Inconclusive; with only a
 * successCondition, false fails; with only a failureCondition, false succeeds. The text is the
 * evidence a person reads: "p95 60 ms > 50 ms", "/health/live 503 ≠ 200".
 */
export function assessValue(metric: Metric, value: unknown): Measurement {
  const label = metric.label ?? metric.name;
  const base = `${label} ${formatValue(value, metric.unit)}`;
  const scope = { result: value };
  try {
    if (metric.failureCondition && test(metric.failureCondition, scope))
      return {
        phase: "Failed",
        value,
        text: withComparison(base, metric.failureCondition, false, metric.unit),
      };
    if (metric.successCondition) {
      if (test(metric.successCondition, scope)) return { phase: "Successful", value, text: base };
      if (metric.failureCondition)
        return { phase: "Inconclusive", value, text: `${base} (between thresholds)` };
      return {
        phase: "Failed",
        value,
        text: withComparison(base, metric.successCondition, true, metric.unit),
      };
    }
    return { phase: "Successful", value, text: base };
  } catch (e) {
    const error = `${label}: ${(e as Error).message}`;
    return { phase: "Error", value, text: error, error };
  }
}

/** Combines a metric's `count` measurements: Failed when failures exceed `failureLimit`,
 * Error when no measurement could be taken, else Inconclusive/Successful. */
export function combine(metric: Metric, measurements: Measurement[]): Measurement {
  const last = measurements.at(-1);
  if (!last) return { phase: "Error", value: null, text: `${metric.label ?? metric.name}: not measured` };
  const failed = measurements.filter((m) => m.phase === "Failed");
  if (failed.length > metric.failureLimit) return failed.at(-1)!;
  if (measurements.every((m) => m.phase === "Error")) return last;
  const inconclusive = measurements.find((m) => m.phase === "Inconclusive");
  return inconclusive ?? measurements.filter((m) => m.phase !== "Error").at(-1) ?? last;
}

/** Orquesta-style transitions, ordered like the runbook's if/elif/else: the first `when` that
 * holds is taken. Null when none holds. */
export function chooseBranch(branches: readonly Branch[], value: unknown): Branch | null {
  return branches.find((b) => test(b.when, { result: value })) ?? null;
}
