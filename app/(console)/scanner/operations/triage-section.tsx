import { INPUT_CLASS } from "@/components/form-bits";
import { PermissionGate } from "@/components/permission-gate";
import type { OperationsView } from "@/lib/scanner/operations/queries";

import { triageFormAction } from "./actions";
import { OpsForm } from "./ops-form";

const TH = "px-2 py-1 text-left font-medium";
const VERDICT: Record<string, string> = {
  false_positive: "false positive",
  accepted_risk: "accepted risk",
  fixed: "fixed",
};

/** HIGH/CRITICAL findings of the environment with their triage (who, why), untriaged first, and
 * per-scanner false-positive rates (runbook 000 · Post-Run Triage Discipline). Widening stays
 * closed while one is untriaged. */
export function TriageSection({ view }: { view: OperationsView }) {
  const { rows, rates } = view.triage;
  return (
    <section aria-labelledby="triage-heading" className="space-y-3">
      <h2 id="triage-heading" className="font-semibold">
        HIGH/CRITICAL triage ({view.untriaged} untriaged)
      </h2>
      {rows.length === 0 ? (
        <p className="text-sm text-zinc-500">No HIGH or CRITICAL findings in {view.environment}.</p>
      ) : (
        <table className="w-full text-sm" aria-label="Findings to triage">
          <thead>
            <tr className="border-b border-zinc-200 dark:border-zinc-800">
              <th className={TH}>Finding</th>
              <th className={TH}>Scanner</th>
              <th className={TH}>Triage</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={`${r.url} ${r.check}`}
                aria-label={`${r.severity} ${r.check} on ${r.url}`}
                className="border-b border-zinc-100 align-top dark:border-zinc-900"
              >
                <td className="px-2 py-1 break-all">
                  <span className="font-medium">{r.severity}</span> {r.check}
                  <div className="text-xs text-zinc-500">{r.url}</div>
                </td>
                <td className="px-2 py-1">{r.scanner}</td>
                <td className="px-2 py-1">
                  {r.triage ? (
                    <p className="text-xs" data-triaged={r.triage.verdict}>
                      {VERDICT[r.triage.verdict] ?? r.triage.verdict} by {r.triage.triagedBy}:{" "}
                      {r.triage.reason}
                    </p>
                  ) : null}
                  <PermissionGate permission="scanner:active" compact>
                    <OpsForm
                      action={triageFormAction}
                      label={`Triage ${r.check} on ${r.url}`}
                      submit={r.triage ? "Re-triage" : "Triage"}
                      inline
                    >
                      <input type="hidden" name="environment" value={view.environment} />
                      <input type="hidden" name="url" value={r.url} />
                      <input type="hidden" name="check" value={r.check} />
                      <select
                        name="verdict"
                        aria-label="Verdict"
                        defaultValue="false_positive"
                        className={INPUT_CLASS}
                      >
                        {Object.entries(VERDICT).map(([v, label]) => (
                          <option key={v} value={v}>
                            {label}
                          </option>
                        ))}
                      </select>
                      <input name="reason" aria-label="Why" placeholder="Why?" className={INPUT_CLASS} />
                    </OpsForm>
                  </PermissionGate>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <table className="text-sm" aria-label="False positives per scanner">
        <caption className="text-left font-medium">False positives per scanner</caption>
        <thead>
          <tr className="border-b border-zinc-200 dark:border-zinc-800">
            <th className={TH}>Scanner</th>
            <th className={TH}>Triaged</th>
            <th className={TH}>False positives</th>
            <th className={TH}>Rate</th>
          </tr>
        </thead>
        <tbody>
          {rates.length === 0 ? (
            <tr>
              <td colSpan={4} className="px-2 py-1 text-zinc-500">
                Nothing triaged yet.
              </td>
            </tr>
          ) : (
            rates.map((r) => (
              <tr key={r.scanner}>
                <td className="px-2 py-1">{r.scanner}</td>
                <td className="px-2 py-1">{r.triaged}</td>
                <td className="px-2 py-1">{r.falsePositives}</td>
                <td className="px-2 py-1">{Math.round(r.rate * 100)} %</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </section>
  );
}
