import type { IncidentDto } from "@/lib/incidents/types";
import { RoleForm } from "./role-form";
import { SeverityForm } from "./severity-form";
import { StatusForm } from "./status-form";

export function IncidentControls({ incident }: { incident: IncidentDto }) {
  return (
    <>
      <StatusForm key={incident.status} incidentId={incident.id} current={incident.status} />
      <SeverityForm incidentId={incident.id} current={incident.severity} />
      <RoleForm incidentId={incident.id} />
    </>
  );
}
