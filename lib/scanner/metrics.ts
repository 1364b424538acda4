/**
 * Scanner run metrics and their evaluation against the ApiHunter operations runbook (seed 000,
 * "Monitoring and Alerts" and "Rollback Triggers"), read from the fields of ApiHunter's run
 * report. Pure. Thresholds come from `SCANNER_THRESHOLDS`.
 *
 * - Retry ratio = http_retries / http_requests; undefined ("no data") when requests = 0.
 * - Scanner-error pressure = distinct non-null errors[].url ÷ meta.scanned: matches the wording
 *   "scanner errors on >5% of scanned URLs" (distinct URLs). Σ scanner_errors ÷ scanned
 *   (the field the runbook names, but it counts errors, not URLs) is shown beside it
 *   and not evaluated. Both undefined when scanned = 0.
 * - "Sustained connectivity failures across multiple scanners": the runbook gives no number;
 *   we read it as scanner_errors > 0 in at least `connectivityScanners` (2) scanners of the run.
 * Comparisons are strict (">"), like the runbook's.
 */
import { SCANNER_THRESHOLDS } from "@/lib/runbook/catalog";

import type { ReportSeverity } from "./report-schema";
import type { ScannerReport } from "./report";

export type ScannerLevel = "ok" | "warning" | "critical";

/** What a run must keep to be evaluated again later (stored per run). */
export type ScannerRunNumbers = {
  scanned: number;
  httpRequests: number;
  httpRetries: number;
  distinctErrorUrls: number;
  scannerFindings: Record<string, number>;
  scannerErrors: Record<string, number>;
};

export type ScannerRunMetrics = {
  retryRatio: number | null;
  errorPressure: number | null;
  scannerErrorRatio: number | null;
  scannerErrorTotal: number;
  impactedScanners: string[];
  perScanner: Array<{ scanner: string; findings: number; errors: number }>;
  level: ScannerLevel | null;
  reasons: string[];
};

export function numbersFromReport(report: ScannerReport): ScannerRunNumbers {
  const rm = report.meta.runtime_metrics;
  const urls = new Set(report.errors.map((e) => e.url).filter((u): u is string => u !== null));
  return {
    scanned: report.meta.scanned,
    httpRequests: rm.http_requests,
    httpRetries: rm.http_retries,
    distinctErrorUrls: urls.size,
    scannerFindings: rm.scanner_findings,
    scannerErrors: rm.scanner_errors,
  };
}

export function severityCounts(report: ScannerReport): Record<ReportSeverity, number> {
  const s = report.summary;
  return { CRITICAL: s.critical, HIGH: s.high, MEDIUM: s.medium, LOW: s.low, INFO: s.info };
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);
const pct = (v: number) => `${String(Math.round(v * 10_000) / 100)} %`;
const fixed = (v: number) => String(Math.round(v * 1000) / 1000);

export function computeScannerMetrics(n: ScannerRunNumbers): ScannerRunMetrics {
  const t = SCANNER_THRESHOLDS;
  const retryRatio = ratio(n.httpRetries, n.httpRequests);
  const errorPressure = ratio(n.distinctErrorUrls, n.scanned);
  const scannerErrorTotal = Object.values(n.scannerErrors).reduce((a, b) => a + b, 0);
  const scannerErrorRatio = ratio(scannerErrorTotal, n.scanned);
  const names = [...new Set([...Object.keys(n.scannerFindings), ...Object.keys(n.scannerErrors)])].sort();
  const perScanner = names.map((scanner) => ({
    scanner,
    findings: n.scannerFindings[scanner] ?? 0,
    errors: n.scannerErrors[scanner] ?? 0,
  }));
  const impactedScanners = perScanner.filter((s) => s.errors > 0).map((s) => s.scanner);

  const critical: string[] = [];
  const warning: string[] = [];
  if (retryRatio !== null) {
    if (retryRatio > t.retryRatio.critical)
      critical.push(`retry ratio ${fixed(retryRatio)} > ${t.retryRatio.critical}`);
    else if (retryRatio > t.retryRatio.warning)
      warning.push(`retry ratio ${fixed(retryRatio)} > ${t.retryRatio.warning}`);
  }
  if (errorPressure !== null) {
    const detail = `(${n.distinctErrorUrls} of ${n.scanned} scanned URLs)`;
    if (errorPressure > t.errorPressure.critical) {
      critical.push(
        `scanner errors on ${pct(errorPressure)} of scanned URLs > ${pct(t.errorPressure.critical)} ${detail}`,
      );
    } else if (errorPressure > t.errorPressure.warning) {
      warning.push(
        `scanner errors on ${pct(errorPressure)} of scanned URLs > ${pct(t.errorPressure.warning)} ${detail}`,
      );
    }
  }
  if (impactedScanners.length >= t.connectivityScanners) {
    critical.push(
      `errors in ${impactedScanners.length} scanners (${impactedScanners.join(", ")}): connectivity failures across multiple scanners`,
    );
  }

  const hasData = retryRatio !== null || errorPressure !== null;
  const level: ScannerLevel | null = critical.length
    ? "critical"
    : warning.length
      ? "warning"
      : hasData
        ? "ok"
        : null;
  return {
    retryRatio,
    errorPressure,
    scannerErrorRatio,
    scannerErrorTotal,
    impactedScanners,
    perScanner,
    level,
    reasons: [...critical, ...warning],
  };
}

/** "0.09", or "no data" for an undefined ratio. */
export function formatRatio(v: number | null): string {
  return v === null ? "no data" : fixed(v);
}

/** "2.5 %", or "no data". */
export function formatPercent(v: number | null): string {
  return v === null ? "no data" : pct(v);
}
