import Link from "next/link";

import { PermissionGate } from "@/components/permission-gate";
import type { OperationsView } from "@/lib/scanner/operations/queries";

import { cancelScanFormAction, operatorReportFormAction } from "./actions";
import { NewFindings } from "./new-findings";
import { OpsForm } from "./ops-form";
import { TriggerActions } from "./trigger-actions";

const TH = "px-2 py-1 text-left font-medium";
const STAGE_LABEL: Record<string, string> = {
  passive: "0 · passive",
  canary1: "1 · canary",
  canary2: "2 · canary",
  full: "3 · full",
  "back-to-passive": "back to passive",
};

type Trigger = { kind: string; message: string; during?: string };

/** Scans of the environment, newest first, with live progress, the command, triggers and the
 * one-click "back to passive" when a rollback trigger fired. */
export function ScanTable({ view }: { view: OperationsView }) {
  if (view.scans.length === 0)
    return <p className="text-sm text-zinc-500">No scans yet in {view.environment}.</p>;
  return (
    <table className="w-full text-sm">
      <thead>
        <tr className="border-b border-zinc-200 dark:border-zinc-800">
          <th className={TH}>Scan</th>
          <th className={TH}>Stage</th>
          <th className={TH}>Status</th>
          <th className={TH}>Progress</th>
          <th className={TH}>Triggers</th>
          <th className={TH}>Actions</th>
        </tr>
      </thead>
      <tbody>
        {view.scans.map((s) => {
          const triggers = (Array.isArray(s.triggers) ? s.triggers : []) as Trigger[];
          const live = s.status === "queued" || s.status === "running";
          const urls = (s.targetUrls as string[]).length;
          return (
            <tr
              key={s.id}
              className="border-b border-zinc-100 align-top dark:border-zinc-900"
              aria-label={`Scan ${s.id}`}
            >
              <td className="px-2 py-1">
                #{s.id}
                <details className="text-xs text-zinc-500">
                  <summary>command</summary>
                  <code className="break-all">apihunter {((s.argv as string[] | null) ?? []).join(" ")}</code>
                </details>
              </td>
              <td className="px-2 py-1">
                {STAGE_LABEL[s.stage] ?? s.stage}
                <div className="text-xs text-zinc-500">
                  {urls} URL(s)
                  {s.subsetFraction !== null
                    ? ` · ${Math.round(s.subsetFraction * 100)} % subset, seed ${s.subsetSeed}`
                    : ""}
                </div>
              </td>
              <td className="px-2 py-1">
                <span data-status={s.status}>{s.status.replace("_", " ")}</span>
                {s.reason ? <div className="text-xs text-zinc-500">{s.reason}</div> : null}
                {s.scannerRunId ? (
                  <>
                    <Link href={`/scanner/${s.scannerRunId}`} className="block text-xs underline">
                      report (run #{s.scannerRunId})
                    </Link>
                    <a
                      href={`/api/scanner/scans/${s.id}/baseline`}
                      download
                      className="block text-xs underline"
                    >
                      baseline (.ndjson)
                    </a>
                  </>
                ) : null}
              </td>
              <td className="px-2 py-1" aria-label="Progress">
                {s.urlsDone}/{s.urlsTotal ?? "?"} URLs · {s.findingsSoFar} findings ({s.highSoFar}{" "}
                HIGH/CRITICAL)
                {s.newHighCritical !== null ? (
                  <div className="text-xs">{s.newHighCritical} new HIGH/CRITICAL vs baseline</div>
                ) : null}
                <NewFindings findings={view.newFindings.get(s.id)} />
              </td>
              <td className="px-2 py-1">
                {triggers.length === 0 ? (
                  <span className="text-zinc-500">none</span>
                ) : (
                  <ul role="alert" className="text-red-700 dark:text-red-400">
                    {triggers.map((t) => (
                      <li key={t.kind}>
                        {t.message}
                        {t.during ? <span className="text-xs"> ({t.during})</span> : null}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="space-y-1 px-2 py-1">
                <PermissionGate permission="scanner:run" compact>
                  {live ? (
                    <OpsForm
                      action={cancelScanFormAction}
                      label={`Cancel scan ${s.id}`}
                      submit="Cancel"
                      inline
                    >
                      <input type="hidden" name="scanId" value={s.id} />
                    </OpsForm>
                  ) : null}
                  {s.stage !== "passive" && s.stage !== "back-to-passive" && s.status !== "queued" ? (
                    <OpsForm
                      action={operatorReportFormAction}
                      label={`Operator report on scan ${s.id}`}
                      submit="Owner reports impact"
                      inline
                    >
                      <input type="hidden" name="scanId" value={s.id} />
                    </OpsForm>
                  ) : null}
                </PermissionGate>
                {triggers.length > 0 ? <TriggerActions scan={s} environment={view.environment} /> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
