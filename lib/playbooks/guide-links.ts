import type { MetricKey } from "@/lib/runbook/catalog";
import type { Severity } from "@/lib/runbook/sev-levels";

/** Which alert investigation guide (playbooks/*-guide.yaml) investigates which breached
 * metric (runbook 001 · Alert Investigation Guide). Client-safe; a unit test keeps it equal
 * to the playbook files. */
export const GUIDE_FOR_METRIC: Partial<Record<MetricKey, { id: string; title: string }>> = {
  p95_latency_ms: { id: "high-latency-guide", title: "High latency investigation guide" },
  cache_hit_pct: { id: "low-cache-guide", title: "Low cache hit ratio investigation guide" },
  error_rate_pct: { id: "high-error-guide", title: "High error rate investigation guide" },
};

/** The guides to offer for a service at SEV-2 or worse, one per breached metric. */
export function guideLinks(
  level: Severity | null,
  reasons: ReadonlyArray<{ metric: MetricKey }>,
): Array<{ id: string; title: string }> {
  if (level === null || level === "SEV3") return [];
  const out: Array<{ id: string; title: string }> = [];
  for (const r of reasons) {
    const g = GUIDE_FOR_METRIC[r.metric];
    if (g && !out.some((o) => o.id === g.id)) out.push(g);
  }
  return out;
}
