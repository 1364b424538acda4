import "server-only";

import { preparedQuery } from "@/lib/db/pool";
import { AppError, guardDb } from "@/lib/errors";
import type { Service } from "@/lib/generated/prisma/client";
import { toWatchedService, type WatchedService } from "@/lib/services/queries";

type TargetRow = Omit<Service, "id"> & { id: number | null; incidentService: string };

/** The incident's service from the registry: its Kubernetes coordinates. One prepared statement
 * (the incident joined to its service's row): the confirm's hot path. */
export async function getIncidentTarget(
  incidentId: number,
): Promise<{ incidentId: number; service: WatchedService }> {
  const { rows } = await guardDb(() =>
    preparedQuery<TargetRow>(
      "fb_incident_target",
      `SELECT i."service" AS "incidentService", s."id", s."name", s."metrics_source" AS "metricsSource",
         s."metrics_base_url" AS "metricsBaseUrl", s."prom_queries" AS "promQueries",
         s."ratio_unit" AS "ratioUnit", s."threshold_overrides" AS "thresholdOverrides",
         s."k8s_context" AS "k8sContext", s."k8s_namespace" AS "k8sNamespace",
         s."k8s_deployment" AS "k8sDeployment", s."k8s_service" AS "k8sService",
         s."selector_label" AS "selectorLabel", s."stable_value" AS "stableValue",
         s."auto_declare" AS "autoDeclare", s."upstream_health_url" AS "upstreamHealthUrl",
         s."created_at" AS "createdAt", s."updated_at" AS "updatedAt"
       FROM "incidents" i LEFT JOIN "services" s ON s."name" = i."service"
       WHERE i."id" = $1`,
      [incidentId],
    ),
  );
  const row = rows[0];
  if (!row) throw new AppError("NOT_FOUND", `Incident ${incidentId} does not exist.`);
  if (row.id === null) {
    throw new AppError(
      "NOT_FOUND",
      `Service "${row.incidentService}" is not registered in Firebreak, so its Kubernetes coordinates are unknown. Register it first.`,
    );
  }
  return { incidentId, service: toWatchedService({ ...row, id: row.id }) };
}
