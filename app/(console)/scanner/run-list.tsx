import Link from "next/link";

import { LocalTime } from "@/components/local-time";
import type { ScannerRunSummary } from "@/lib/scanner/queries";

import { ErrorPressure, Reasons, RetryRatio, ScannerLevelBadge, SeverityCounts } from "./scanner-bits";

const TH = "px-2 py-1.5 text-left font-medium";
const TD = "px-2 py-1.5 align-top";

export function ScannerRunList({ runs }: { runs: ScannerRunSummary[] }) {
  if (runs.length === 0) {
    return <p className="text-sm text-zinc-500">No scanner runs yet. Upload an ApiHunter report above.</p>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Scanner runs</caption>
        <thead className="border-b border-zinc-200 text-zinc-500 dark:border-zinc-800">
          <tr>
            <th className={TH}>Run</th>
            <th className={TH}>Generated</th>
            <th className={TH}>Scanned</th>
            <th className={TH}>Skipped</th>
            <th className={TH}>Errors</th>
            <th className={TH}>Retry ratio</th>
            <th className={TH}>Error pressure</th>
            <th className={TH}>Findings</th>
            <th className={TH}>Impacted scanners</th>
            <th className={TH}>Level</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} className="border-b border-zinc-100 dark:border-zinc-900">
              <td className={TD}>
                <Link href={`/scanner/${run.id}`} className="font-medium underline">
                  Run #{run.id}
                </Link>
                <span className="block max-w-48 truncate text-xs text-zinc-500" title={run.sourceName}>
                  {run.sourceName}
                </span>
              </td>
              <td className={TD}>
                <LocalTime iso={run.generatedAt.toISOString()} />
              </td>
              <td className={TD}>{run.scanned}</td>
              <td className={TD}>{run.skipped}</td>
              <td className={TD}>{run.errors}</td>
              <td className={TD}>
                <RetryRatio run={run} />
              </td>
              <td className={TD}>
                <ErrorPressure run={run} />
              </td>
              <td className={TD}>
                <SeverityCounts counts={run.severityCounts} />
              </td>
              <td className={TD}>{run.impactedScanners.length ? run.impactedScanners.join(", ") : "none"}</td>
              <td className={TD}>
                <ScannerLevelBadge level={run.level} />
                <Reasons reasons={run.reasons} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
