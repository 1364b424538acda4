import { warmKubernetesClient } from "@/lib/boot/warm-up";
import { ActionPanel } from "@/components/action-panel";
import { PermissionGate } from "@/components/permission-gate";

/** Actions offered on an incident page. Server side: starts loading the
 * Kubernetes client without waiting, so the first dry run is not a cold start. */
export function IncidentActions({ incidentId, service }: { incidentId: number; service: string }) {
  void warmKubernetesClient();
  return (
    <PermissionGate permission="cluster:act">
      <ActionPanel incidentId={incidentId} service={service} />
    </PermissionGate>
  );
}
