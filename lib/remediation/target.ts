import "server-only";

import { getIncidentOrThrow } from "@/lib/incidents/queries";
import { AppError } from "@/lib/errors";
import { getServiceByName, type WatchedService } from "@/lib/services/queries";

/** The incident's service from the registry: its Kubernetes coordinates. */
export async function getIncidentTarget(
  incidentId: number,
): Promise<{ incidentId: number; service: WatchedService }> {
  const incident = await getIncidentOrThrow(incidentId);
  const service = await getServiceByName(incident.service);
  if (!service) {
    throw new AppError(
      "NOT_FOUND",
      `Service "${incident.service}" is not registered in Firebreak, so its Kubernetes coordinates are unknown. Register it first.`,
    );
  }
  return { incidentId, service };
}
