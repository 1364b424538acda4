import Link from "next/link";

import { isDatabaseUnreachable } from "@/lib/errors";
import { listRecentScannerRuns } from "@/lib/scanner/queries";
import { PermissionGate } from "@/components/permission-gate";

import { IngestPathForm, UploadReportForm } from "./ingest-forms";
import { ScannerRunList } from "./run-list";

export const metadata = { title: "Scanner" };
export const dynamic = "force-dynamic";

export default async function ScannerPage() {
  let runs;
  try {
    runs = await listRecentScannerRuns(100);
  } catch (e) {
    if (!isDatabaseUnreachable(e)) throw e;
    runs = null;
  }
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Scanner</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          ApiHunter run reports, with the runbook&apos;s scanner metrics: retry ratio (warning &gt; 0.20,
          critical &gt; 0.35), scanner-error pressure (warning &gt; 2 %, critical &gt; 5 % of scanned URLs)
          and errors in several scanners. Bring a report of a run made elsewhere here, or run ApiHunter from
          Firebreak stage by stage in{" "}
          <Link href="/scanner/operations" className="underline">
            scanner operations
          </Link>
          .
        </p>
      </div>
      <PermissionGate permission="scanner:run">
        <section aria-label="Add a run" className="grid gap-4 md:grid-cols-2">
          <UploadReportForm />
          <IngestPathForm />
        </section>
      </PermissionGate>
      <section aria-labelledby="runs-heading" className="space-y-2">
        <h2 id="runs-heading" className="font-semibold">
          Runs
        </h2>
        {runs === null ? (
          <p role="alert" className="rounded border border-red-500/40 bg-red-500/10 p-3 text-sm">
            The database is unreachable; runs cannot be listed. Reload in a moment.
          </p>
        ) : (
          <ScannerRunList runs={runs} />
        )}
      </section>
    </div>
  );
}
