import Link from "next/link";
import { notFound } from "next/navigation";

import { LocalTime } from "@/components/local-time";
import { getScannerRun } from "@/lib/scanner/queries";

import { ErrorPressure, Reasons, RetryRatio, ScannerLevelBadge, SeverityCounts } from "../scanner-bits";

export const metadata = { title: "Scanner run" };

const TH = "px-2 py-1 text-left font-medium";
const TD = "px-2 py-1 align-top";

export default async function ScannerRunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const runId = /^\d{1,9}$/.test(id) ? Number(id) : null;
  const run = runId === null ? null : await getScannerRun(runId);
  if (!run) notFound();

  return (
    <div className="space-y-6">
      <div>
        <Link href="/scanner" className="text-sm underline">
          ← Scanner runs
        </Link>
        <h1 className="mt-2 flex items-center gap-2 text-xl font-semibold">
          Scanner run #{run.id} <ScannerLevelBadge level={run.level} />
        </h1>
        <p className="text-sm text-zinc-500">
          Generated <LocalTime iso={run.generatedAt.toISOString()} /> · ApiHunter {run.scannerVersion} ·{" "}
          {run.elapsedMs} ms · {run.sourceFormat} {run.sourceKind === "path" ? "file" : "upload"}{" "}
          <span className="font-mono">{run.sourceName}</span> by {run.uploadedBy}
        </p>
        <Reasons reasons={run.reasons} />
      </div>

      <dl className="grid grid-cols-2 gap-3 text-sm md:grid-cols-4">
        {[
          ["Scanned", run.scanned],
          ["Skipped", run.skipped],
          ["Errors", run.errors],
          ["Retry ratio", <RetryRatio key="r" run={run} />],
          ["Error pressure", <ErrorPressure key="e" run={run} />],
          ["Findings", <SeverityCounts key="s" counts={run.severityCounts} />],
          ["Impacted scanners", run.impactedScanners.join(", ") || "none"],
        ].map(([label, value]) => (
          <div key={String(label)} className="rounded border border-zinc-200 p-2 dark:border-zinc-800">
            <dt className="text-xs text-zinc-500">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>

      <section aria-labelledby="per-scanner" className="space-y-2">
        <h2 id="per-scanner" className="font-semibold">
          Per scanner{" "}
          <span className="text-xs font-normal text-zinc-500">(raw counts, before dedup and filtering)</span>
        </h2>
        {run.perScanner.length === 0 ? (
          <p className="text-sm text-zinc-500">No scanner ran (nothing was scanned).</p>
        ) : (
          <table className="text-sm">
            <thead className="text-zinc-500">
              <tr>
                <th className={TH}>Scanner</th>
                <th className={TH}>Findings</th>
                <th className={TH}>Errors</th>
              </tr>
            </thead>
            <tbody>
              {run.perScanner.map((s) => (
                <tr key={s.scanner} className={s.errors > 0 ? "text-red-700 dark:text-red-400" : undefined}>
                  <td className={`${TD} font-mono`}>{s.scanner}</td>
                  <td className={TD}>{s.findings}</td>
                  <td className={TD}>{s.errors}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="findings" className="space-y-2">
        <h2 id="findings" className="font-semibold">
          Findings ({run.findingsTotal})
        </h2>
        {run.findingsTruncated ? (
          <p className="text-xs text-zinc-500">Only the first records are kept; the counts are complete.</p>
        ) : null}
        <ul className="space-y-1 text-sm">
          {run.findings.map((f, i) => (
            <li key={`${f.url}-${f.check}-${i}`}>
              <span className="font-mono text-xs">{f.severity}</span> {f.title}{" "}
              <span className="text-zinc-500">— {f.url}</span>{" "}
              <span className="font-mono text-xs text-zinc-500">
                {f.scanner} · {f.check}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="errors" className="space-y-2">
        <h2 id="errors" className="font-semibold">
          Errors ({run.errors})
        </h2>
        <ul className="space-y-1 text-sm">
          {run.errorRecords.map((e, i) => (
            <li key={i}>
              <span className="font-mono text-xs">{e.kind}</span> {e.message}{" "}
              <span className="text-zinc-500">{e.url ?? "(no URL)"}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
