/**
 * Rollback triggers (runbook 000 · Rollback Triggers), evaluated after each run and while it
 * streams. Pure. Every comparison is strict: a value equal to a threshold never triggers.
 * - retry pressure: http_retries / http_requests > 0.35 (undefined when no requests: no trigger);
 * - error pressure: scanner errors on > 5 % of scanned URLs (distinct error URLs ÷ scanned,
 *   lib/scanner/metrics.ts);
 * - a spike of new HIGH/CRITICAL findings against the baseline: the runbook gives no number; a
 *   spike is more new HIGH/CRITICAL than max(SPIKE_FLOOR, 2 × the previous run's new count);
 * - an operator report from a target owner (degradation, blocking, false-positive flood) recorded
 *   for the run: the runbook lists it as a trigger on its own.
 */
import { SCANNER_THRESHOLDS } from "@/lib/runbook/catalog";

export const SPIKE_FLOOR = 3;

export type TriggerInput = {
  httpRequests: number;
  httpRetries: number;
  scanned: number;
  distinctErrorUrls: number;
  newHighCritical: number;
  previousNewHighCritical: number | null;
  operatorReports: number;
};
export type TriggerKind = "retry_ratio" | "error_pressure" | "high_spike" | "operator_report";
export type Trigger = { kind: TriggerKind; value: number; threshold: number; message: string };

export function spikeLimit(previous: number | null): number {
  return Math.max(SPIKE_FLOOR, 2 * (previous ?? 0));
}

export function evaluateTriggers(i: TriggerInput): Trigger[] {
  const out: Trigger[] = [];
  const t = SCANNER_THRESHOLDS;
  if (i.httpRequests > 0) {
    const ratio = i.httpRetries / i.httpRequests;
    if (ratio > t.retryRatio.critical)
      out.push({
        kind: "retry_ratio",
        value: ratio,
        threshold: t.retryRatio.critical,
        message: `retry ratio ${ratio.toFixed(3)} > ${t.retryRatio.critical} (${i.httpRetries} retries of ${i.httpRequests} requests)`,
      });
  }
  if (i.scanned > 0) {
    const pressure = i.distinctErrorUrls / i.scanned;
    if (pressure > t.errorPressure.critical)
      out.push({
        kind: "error_pressure",
        value: pressure,
        threshold: t.errorPressure.critical,
        message: `scanner errors on ${(pressure * 100).toFixed(1)} % of scanned URLs > ${t.errorPressure.critical * 100} % (${i.distinctErrorUrls} of ${i.scanned})`,
      });
  }
  const limit = spikeLimit(i.previousNewHighCritical);
  if (i.newHighCritical > limit)
    out.push({
      kind: "high_spike",
      value: i.newHighCritical,
      threshold: limit,
      message: `${i.newHighCritical} new HIGH/CRITICAL findings against the baseline > ${limit}`,
    });
  if (i.operatorReports > 0)
    out.push({
      kind: "operator_report",
      value: i.operatorReports,
      threshold: 0,
      message: `${i.operatorReports} operator report(s) from a target owner`,
    });
  return out;
}
