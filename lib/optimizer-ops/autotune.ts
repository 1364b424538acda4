/**
 * The auto-tuning rules of runbook 001 · Performance Tuning ("Auto-Tuning Script"), as a pure
 * function from the current metrics and the ConfigMap's data to a proposal:
 * - cache hit ratio < 80 (percent) → `cache_size` × 1.2;
 * - p95 latency > 5 (ms) → `default_ttl` "15m";
 * - requests per second > 80 → `max_connections` "50".
 * Comparisons are strict, as the script's `bc` tests are (80 % exactly does not tune).
 * The script multiplies `$current_cache_size`, which it never sets; here it is the ConfigMap's
 * own `cache_size`, an entry count, rounded to a whole number.
 */
import type { JsonPatchOp } from "@/lib/kube/cluster";
import { pointerSegment } from "@/lib/kube/config-objects";
import type { DiffLine } from "@/lib/kube/diff";

export const TUNABLE_KEYS = ["cache_size", "default_ttl", "max_connections"] as const;
export type TunableKey = (typeof TUNABLE_KEYS)[number];

export const TUNING_RULES = {
  cache_size: { metric: "cache hit ratio", below: 80, factor: 1.2 },
  default_ttl: { metric: "p95 latency", above: 5, value: "15m" },
  max_connections: { metric: "requests per second", above: 80, value: "50" },
} as const;

/** The three readings the rules use: percent, ms, requests per second (null = not read). */
export type TuningMetrics = { cacheHitPct: number | null; p95Ms: number | null; rps: number | null };

export type TuningChange = { key: TunableKey; from: string | null; to: string; reason: string };
export type TuningProposal = {
  changes: TuningChange[];
  /** Rules that fired but change nothing, and rules that could not be evaluated, in words. */
  notes: string[];
};

/** The value a rule sets `key` to, given its current value; null when it cannot be computed. */
export function ruleValue(key: TunableKey, from: string | null): string | null {
  if (key === "cache_size") {
    const n = Number(from);
    if (from === null || from.trim() === "" || !Number.isFinite(n) || n < 0) return null;
    return String(Math.round(n * TUNING_RULES.cache_size.factor));
  }
  return TUNING_RULES[key].value;
}

export function proposeTuning(metrics: TuningMetrics, data: Record<string, string>): TuningProposal {
  const changes: TuningChange[] = [];
  const notes: string[] = [];
  const consider = (key: TunableKey, fires: boolean | null, reading: string) => {
    if (fires === null)
      return notes.push(`${key}: ${TUNING_RULES[key].metric} not available, rule not evaluated`);
    if (!fires) return notes.push(`${key}: ${reading}, no change`);
    const from = data[key] ?? null;
    const to = ruleValue(key, from);
    if (to === null)
      return notes.push(`${key}: ${reading}, but the current value "${from ?? "(none)"}" is not a number`);
    if (to === from) return notes.push(`${key}: ${reading}, already ${to}`);
    changes.push({ key, from, to, reason: reading });
  };
  const { cacheHitPct: hit, p95Ms: p95, rps } = metrics;
  consider(
    "cache_size",
    hit === null ? null : hit < TUNING_RULES.cache_size.below,
    `cache hit ratio ${hit}% ${hit !== null && hit < 80 ? "<" : "≥"} 80%`,
  );
  consider(
    "default_ttl",
    p95 === null ? null : p95 > TUNING_RULES.default_ttl.above,
    `p95 latency ${p95} ms ${p95 !== null && p95 > 5 ? ">" : "≤"} 5 ms`,
  );
  consider(
    "max_connections",
    rps === null ? null : rps > TUNING_RULES.max_connections.above,
    `${rps} requests/s ${rps !== null && rps > 80 ? ">" : "≤"} 80`,
  );
  return { changes, notes };
}

/** The exact ConfigMap diff a proposal makes (what the confirm dialog shows). */
export function tuningDiff(changes: TuningChange[]): DiffLine[] {
  return changes.map((c) => ({ path: `data.${c.key}`, before: c.from, after: c.to }));
}

/** The JSON patch of a proposal, as the runbook's `kubectl patch configmap --type=json`, guarded
 * by the resourceVersion the proposal was computed on and by each value it replaces (a
 * ConfigMap changed since is refused by the API server, nothing applied). */
export function tuningPatch(resourceVersion: string, changes: TuningChange[]): JsonPatchOp[] {
  return [
    { op: "test", path: "/metadata/resourceVersion", value: resourceVersion },
    ...changes.flatMap((c): JsonPatchOp[] => {
      const path = `/data/${pointerSegment(c.key)}`;
      if (c.from === null) return [{ op: "add", path, value: c.to }];
      return [
        { op: "test", path, value: c.from },
        { op: "replace", path, value: c.to },
      ];
    }),
  ];
}

/** The runbook's command for the same change (one `kubectl patch` with every op). */
export function tuningKubectl(configMap: string, namespace: string, changes: TuningChange[]): string {
  const ops = changes.map((c) => ({
    op: c.from === null ? "add" : "replace",
    path: `/data/${c.key}`,
    value: c.to,
  }));
  return `kubectl patch configmap ${configMap} -n ${namespace} --type='json' -p='${JSON.stringify(ops)}'`;
}
