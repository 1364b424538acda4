import { PermissionGate } from "@/components/permission-gate";
import { INPUT_CLASS, LABEL_CLASS } from "@/components/form-bits";
import { isDatabaseUnreachable } from "@/lib/errors";
import { listScannerEnvironments, scannerOperationsView } from "@/lib/scanner/operations/queries";
import { retriesDashboard } from "@/lib/scanner/operations/retries-query";
import { environmentSchema } from "@/lib/scanner/operations/schemas";

import {
  activeScanFormAction,
  addTargetsFormAction,
  authorizeFormAction,
  passiveScanFormAction,
} from "./actions";
import { LiveRefresh } from "./live-refresh";
import { OpsForm } from "./ops-form";
import { RetriesTable } from "./retries-table";
import { ScanTable } from "./scan-table";
import { StageStepper } from "./stage-stepper";
import { TriageSection } from "./triage-section";

export const metadata = { title: "Scanner operations" };
export const dynamic = "force-dynamic";

const BOX = "space-y-2 rounded border border-zinc-200 p-3 dark:border-zinc-800";

export default async function ScannerOperationsPage({
  searchParams,
}: {
  searchParams: Promise<{ env?: string }>;
}) {
  const parsed = environmentSchema.safeParse((await searchParams).env ?? "staging");
  const environment = parsed.success ? parsed.data : "staging";
  let view;
  let environments: string[] = [];
  let retries: Awaited<ReturnType<typeof retriesDashboard>> = [];
  try {
    [view, environments, retries] = await Promise.all([
      scannerOperationsView(environment),
      listScannerEnvironments(),
      retriesDashboard(),
    ]);
  } catch (e) {
    if (!isDatabaseUnreachable(e)) throw e;
    return (
      <p role="alert" className="rounded border border-red-500/40 bg-red-500/10 p-3 text-sm">
        The database is unreachable; scanner operations cannot be shown. Reload in a moment.
      </p>
    );
  }
  const live = view.scans.some((s) => s.status === "queued" || s.status === "running");
  const env = <input type="hidden" name="environment" value={environment} />;
  return (
    <div className="space-y-6">
      <LiveRefresh active={live} />
      <div>
        <h1 className="text-xl font-semibold">Scanner operations · {environment}</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600 dark:text-zinc-400">
          ApiHunter run by Firebreak, stage by stage (runbook 000 · Canary Rollout Strategy). Rollback
          triggers: retry ratio &gt; 0.35, scanner errors on &gt; 5 % of scanned URLs, a spike of new
          HIGH/CRITICAL findings, an operator report.
        </p>
        <nav aria-label="Environments" className="mt-2 flex gap-2 text-sm">
          {[...new Set([...environments, environment])].map((e) => (
            <a
              key={e}
              href={`/scanner/operations?env=${e}`}
              className={e === environment ? "font-semibold" : "underline"}
            >
              {e}
            </a>
          ))}
        </nav>
      </div>
      <StageStepper view={view} />
      <section aria-label="Targets and authorization" className="grid gap-4 md:grid-cols-2">
        <div className={BOX}>
          <h2 className="font-semibold">Approved targets ({view.targets.length})</h2>
          <PermissionGate permission="scanner:active">
            <OpsForm action={addTargetsFormAction} label="Approve targets" submit="Approve targets">
              {env}
              <label htmlFor="ops-urls" className={LABEL_CLASS}>
                URLs, one per line
              </label>
              <textarea id="ops-urls" name="urls" rows={3} className={INPUT_CLASS} />
            </OpsForm>
          </PermissionGate>
        </div>
        <div className={BOX}>
          <h2 className="font-semibold">Written authorization</h2>
          <p className="text-sm" aria-label="Authorization in force">
            {view.authorization
              ? `By ${view.authorization.authorizedBy}, until ${view.authorization.expiresAt.toISOString()} (${view.authorization.documentUrl})`
              : "None in force: active checks are refused."}
          </p>
          <PermissionGate permission="scanner:active">
            <OpsForm
              action={authorizeFormAction}
              label="Record an authorization"
              submit="Record authorization"
            >
              {env}
              <label className={LABEL_CLASS}>
                Authorized by <input name="authorizedBy" className={INPUT_CLASS} />
              </label>
              <label className={LABEL_CLASS}>
                Document link <input name="documentUrl" type="url" className={INPUT_CLASS} />
              </label>
              <label className={LABEL_CLASS}>
                Expires <input name="expiresAt" type="datetime-local" className={INPUT_CLASS} />
              </label>
            </OpsForm>
          </PermissionGate>
        </div>
      </section>
      <section aria-label="Run a scan" className="grid gap-4 md:grid-cols-2">
        <div className={BOX}>
          <h2 className="font-semibold">Passive</h2>
          <PermissionGate permission="scanner:run">
            <OpsForm
              action={passiveScanFormAction}
              label="Run the passive baseline"
              submit="Run passive baseline"
            >
              {env}
              <input type="hidden" name="stage" value="passive" />
            </OpsForm>
          </PermissionGate>
        </div>
        <div className={BOX}>
          <h2 className="font-semibold">Active checks</h2>
          <PermissionGate permission="scanner:active">
            <OpsForm action={activeScanFormAction} label="Run an active stage" submit="Run stage">
              {env}
              <label className={LABEL_CLASS}>
                Stage
                <select name="stage" className={INPUT_CLASS} defaultValue="canary1">
                  <option value="canary1">1 · canary 5–10 %</option>
                  <option value="canary2">2 · canary 25–50 %</option>
                  <option value="full">3 · full scope</option>
                </select>
              </label>
              <label className={LABEL_CLASS}>
                Percent of targets (canaries){" "}
                <input name="percent" inputMode="decimal" className={INPUT_CLASS} />
              </label>
            </OpsForm>
          </PermissionGate>
        </div>
      </section>
      <section aria-labelledby="scans-heading" className="space-y-2">
        <h2 id="scans-heading" className="font-semibold">
          Scans
        </h2>
        <ScanTable view={view} />
      </section>
      <TriageSection view={view} />
      <RetriesTable rows={retries} />
    </div>
  );
}
