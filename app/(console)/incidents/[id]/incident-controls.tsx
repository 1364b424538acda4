import type { IncidentDto } from "@/lib/incidents/types";
import { PermissionGate } from "@/components/permission-gate";
import { RoleForm } from "./role-form";
import { SeverityForm } from "./severity-form";
import { StatusForm } from "./status-form";

export function IncidentControls({ incident }: { incident: IncidentDto }) {
  return (
    // Status, severity and incident roles are the commander's (lib/auth/permissions.ts).
    <PermissionGate permission="incident:command" className="space-y-4">
      <StatusForm key={incident.status} incidentId={incident.id} current={incident.status} />
      <SeverityForm incidentId={incident.id} current={incident.severity} />
      <RoleForm incidentId={incident.id} />
    </PermissionGate>
  );
}
