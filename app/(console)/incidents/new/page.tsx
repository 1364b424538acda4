import { SEVERITIES, type Severity } from "@/lib/runbook/sev-levels";
import { PermissionGate } from "@/components/permission-gate";
import { DeclareForm } from "./declare-form";

export const metadata = { title: "Declare incident" };

/** Prefill from the query (other capabilities link here): /incidents/new?severity=SEV1&service=x&title=… */
export default async function NewIncidentPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const sp = await searchParams;
  const text = (v: string | string[] | undefined, max: number) =>
    typeof v === "string" ? v.slice(0, max) : "";
  const severity = SEVERITIES.find((s) => s === sp.severity) as Severity | undefined;
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-xl font-semibold">Declare an incident</h1>
      <PermissionGate permission="incident:write">
        <DeclareForm
          defaults={{
            title: text(sp.title, 200),
            severity: severity ?? "",
            service: text(sp.service, 100),
            summary: text(sp.summary, 5_000),
          }}
        />
      </PermissionGate>
    </div>
  );
}
