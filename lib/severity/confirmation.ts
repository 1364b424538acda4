import { isWorse, type Severity } from "@/lib/runbook/sev-levels";

/**
 * A critical level (SEV-0 or SEV-1) computed from the latest sample but not yet in effect: the
 * hysteresis waits for a second breaching sample before raising. The collector confirms such a
 * reading with quick re-probes instead of waiting 30 s for the next slot; each re-probe is an
 * ordinary sample, so a flap (one bad sample, then a clean one) still raises nothing.
 */
export function awaitsConfirmation(evaluation: {
  level: Severity | null;
  candidate: Severity | null;
}): boolean {
  const { level, candidate } = evaluation;
  return (candidate === "SEV0" || candidate === "SEV1") && isWorse(candidate, level);
}
