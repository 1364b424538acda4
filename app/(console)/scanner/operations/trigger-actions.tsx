import Link from "next/link";

import { INPUT_CLASS } from "@/components/form-bits";
import { PermissionGate } from "@/components/permission-gate";
import { SEVERITIES, SEVERITY_LEVELS } from "@/lib/runbook/sev-levels";

import { backToPassiveFormAction, openIncidentFormAction } from "./actions";
import { OpsForm } from "./ops-form";

/** What a fired rollback trigger offers (runbook 000 · Rollback Triggers): one click back to
 * passive (stops the environment's active scans and reruns the passive baseline gently), and an
 * incident opened from the scan with the runbook's notes template pre-filled. */
export function TriggerActions({
  scan,
  environment,
}: {
  scan: { id: number; incidentId: number | null; targetUrls: unknown };
  environment: string;
}) {
  const first = Array.isArray(scan.targetUrls) ? String(scan.targetUrls[0] ?? "") : "";
  let host = environment;
  try {
    host = new URL(first).hostname || environment;
  } catch {
    // no URL: the environment names the service
  }
  return (
    <div className="space-y-1">
      <PermissionGate permission="scanner:run" compact>
        <OpsForm
          action={backToPassiveFormAction}
          label={`Back to passive after scan ${scan.id}`}
          submit="Back to passive"
          inline
        >
          <input type="hidden" name="environment" value={environment} />
          <input type="hidden" name="fromScanId" value={scan.id} />
        </OpsForm>
      </PermissionGate>
      {scan.incidentId ? (
        <Link href={`/incidents/${scan.incidentId}`} className="block text-xs underline">
          Incident #{scan.incidentId}
        </Link>
      ) : (
        <PermissionGate permission="incident:write" compact>
          <OpsForm
            action={openIncidentFormAction}
            label={`Open an incident from scan ${scan.id}`}
            submit="Open incident"
            inline
          >
            <input type="hidden" name="scanId" value={scan.id} />
            <label className="text-xs">
              Severity{" "}
              <select name="severity" defaultValue="SEV3" className={INPUT_CLASS}>
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {SEVERITY_LEVELS[s].label}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-xs">
              Service <input name="service" defaultValue={host} className={INPUT_CLASS} />
            </label>
          </OpsForm>
        </PermissionGate>
      )}
    </div>
  );
}
