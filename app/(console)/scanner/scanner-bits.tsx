import { clsx } from "clsx";

import { formatPercent, formatRatio, type ScannerLevel } from "@/lib/scanner/metrics";
import type { ScannerRunSummary } from "@/lib/scanner/queries";

const TONE: Record<ScannerLevel, string> = {
  ok: "bg-emerald-600 text-white",
  warning: "bg-amber-400 text-zinc-950",
  critical: "bg-red-600 text-white",
};

/** The scanner runbook's level of a run (seed 000 "Monitoring and Alerts"); "no data" when the
 * run sent no request and scanned nothing. */
export function ScannerLevelBadge({ level }: { level: ScannerLevel | null }) {
  return (
    <span
      className={clsx(
        "inline-flex rounded px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap",
        level ? TONE[level] : "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
      )}
    >
      {level ?? "no data"}
    </span>
  );
}

export function RetryRatio({ run }: { run: ScannerRunSummary }) {
  return (
    <span title="http_retries / http_requests; warning > 0.20, critical > 0.35">
      {formatRatio(run.retryRatio)}
      <span className="block text-xs text-zinc-500">
        {run.httpRetries.toLocaleString("en-US")} / {run.httpRequests.toLocaleString("en-US")} requests
      </span>
    </span>
  );
}

export function ErrorPressure({ run }: { run: ScannerRunSummary }) {
  return (
    <span title="distinct error URLs / scanned; warning > 2 %, critical > 5 %. Σ scanner_errors / scanned beside it">
      {formatPercent(run.errorPressure)}
      <span className="block text-xs text-zinc-500">
        {run.errorUrlCount} URLs · Σ scanner errors {run.scannerErrorTotal} (
        {formatPercent(run.scannerErrorRatio)})
      </span>
    </span>
  );
}

export function SeverityCounts({ counts }: { counts: ScannerRunSummary["severityCounts"] }) {
  return (
    <span className="font-mono text-xs whitespace-nowrap" title="CRITICAL / HIGH / MEDIUM / LOW / INFO">
      C{counts.CRITICAL} H{counts.HIGH} M{counts.MEDIUM} L{counts.LOW} I{counts.INFO}
    </span>
  );
}

export function Reasons({ reasons }: { reasons: string[] }) {
  if (reasons.length === 0) return null;
  return (
    <ul className="mt-1 list-disc pl-4 text-xs">
      {reasons.map((r) => (
        <li key={r}>{r}</li>
      ))}
    </ul>
  );
}
