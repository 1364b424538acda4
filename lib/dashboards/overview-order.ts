import { sevRank, type Severity } from "@/lib/runbook/sev-levels";

/** The overview's order: worst SEV first (SEV-0 … SEV-3), then services with no data at all (an
 * unknown state is a concern, never "healthy"), then healthy ones; by name within each. */
export function compareOverview(
  a: { name: string; level: Severity | null; noData: boolean },
  b: { name: string; level: Severity | null; noData: boolean },
): number {
  return rank(a) - rank(b) || a.name.localeCompare(b.name);
}

function rank(s: { level: Severity | null; noData: boolean }): number {
  if (s.level) return sevRank(s.level);
  return s.noData ? sevRank(null) : sevRank(null) + 1;
}

/** True when the service has never produced a single metric value (no evaluation, or every value
 * of the latest snapshot empty). */
export function hasNoData(snapshot: { values: Record<string, unknown> } | null | undefined): boolean {
  if (!snapshot) return true;
  return !Object.values(snapshot.values).some((v) => typeof v === "number" && Number.isFinite(v));
}
