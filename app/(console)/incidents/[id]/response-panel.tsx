import { summarizeEvent } from "@/lib/incidents/event-summary";
import { getMitigationSignal, getResponseClock } from "@/lib/incidents/review-reads";
import type { IncidentDto } from "@/lib/incidents/types";
import { PermissionGate } from "@/components/permission-gate";
import { ResponseClockPanel } from "@/components/response-clock";
import { AcknowledgeForm, MarkMitigatedForm } from "./response-forms";

/** The first minutes on the incident page: the SEV response target counting down, "Acknowledge"
 * for the paged responder, and "Mark mitigated" once a rollback verified or the SEV cleared. */
export async function ResponsePanel({ incident }: { incident: IncidentDto }) {
  const open = incident.status === "declared" || incident.status === "investigating";
  const [clock, signal] = await Promise.all([
    getResponseClock(incident),
    open ? getMitigationSignal(incident.id) : Promise.resolve(null),
  ]);
  return (
    <div className="space-y-2">
      <ResponseClockPanel clock={clock} />
      <div className="flex flex-wrap items-start gap-3">
        {open ? (
          <PermissionGate permission="incident:write" compact>
            <AcknowledgeForm incidentId={incident.id} />
          </PermissionGate>
        ) : null}
        {signal ? (
          <PermissionGate permission="incident:command" compact>
            <MarkMitigatedForm
              incidentId={incident.id}
              current={incident.status}
              reason={`${summarizeEvent(signal)} (event #${signal.id})`}
            />
          </PermissionGate>
        ) : null}
      </div>
    </div>
  );
}
