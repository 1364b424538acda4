import type { RetryRow } from "@/lib/scanner/rollout/retries";

const TH = "px-2 py-1 text-left font-medium";
const STAGE: Record<string, string> = {
  passive: "0 · passive",
  canary1: "1 · canary",
  canary2: "2 · canary",
  full: "3 · full",
  "back-to-passive": "back to passive",
};
const LEVEL_CLASS: Record<RetryRow["level"], string> = {
  ok: "text-emerald-700 dark:text-emerald-400",
  warning: "text-amber-700 dark:text-amber-400",
  critical: "font-semibold text-red-700 dark:text-red-400",
  "no data": "text-zinc-500",
};
const fmt = (v: number | null) => (v === null ? "no data" : v.toFixed(3));

/** Retry ratio per environment and stage (runbook 000 · Monitoring and Alerts: warning > 0.20,
 * critical > 0.35): pooled over the completed runs, the latest and the worst. */
export function RetriesTable({ rows }: { rows: RetryRow[] }) {
  return (
    <section aria-labelledby="retries-heading" className="space-y-2">
      <h2 id="retries-heading" className="font-semibold">
        Retries per stage and environment
      </h2>
      {rows.length === 0 ? (
        <p className="text-sm text-zinc-500">No completed scans yet.</p>
      ) : (
        <table className="w-full text-sm" aria-label="Retries per stage and environment">
          <thead>
            <tr className="border-b border-zinc-200 dark:border-zinc-800">
              <th className={TH}>Environment</th>
              <th className={TH}>Stage</th>
              <th className={TH}>Runs</th>
              <th className={TH}>Retries / requests</th>
              <th className={TH}>Pooled ratio</th>
              <th className={TH}>Latest</th>
              <th className={TH}>Worst</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={`${r.environment} ${r.stage}`}
                className="border-b border-zinc-100 dark:border-zinc-900"
              >
                <td className="px-2 py-1">{r.environment}</td>
                <td className="px-2 py-1">{STAGE[r.stage] ?? r.stage}</td>
                <td className="px-2 py-1">{r.runs}</td>
                <td className="px-2 py-1">
                  {r.retries} / {r.requests}
                </td>
                <td className="px-2 py-1">{fmt(r.pooled)}</td>
                <td className={`px-2 py-1 ${LEVEL_CLASS[r.level]}`} data-level={r.level}>
                  {fmt(r.latest)} ({r.level}, scan #{r.latestScanId})
                </td>
                <td className="px-2 py-1">{fmt(r.worst)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
