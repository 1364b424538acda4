import "server-only";

import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { listOpenIncidentsForService } from "@/lib/incidents/queries";
import type { Cluster } from "@/lib/kube/cluster";
import { runActionOn } from "@/lib/remediation/run-action";
import type { WatchedService } from "@/lib/services/queries";

import type { WatchDto } from "./store";

/**
 * A watch's way back through the one action path, on the service's newest open incident (if
 * any): the Service's selector to the stable version after a traffic switch, `rollout undo` to
 * the previous revision after an observed rollout. A rollout with no previous revision is
 * refused (CONFLICT) before anything is sent. Returns where it went back to and the action's id.
 */
export async function goBack(
  watch: WatchDto,
  service: WatchedService,
  actor: Actor,
  cluster: Cluster,
): Promise<{ back: string; runId: number | null }> {
  const undo = watch.mode === "rollout";
  const toRevision = watch.previousRevision;
  if (undo && toRevision === null)
    throw new AppError("CONFLICT", `Watch #${watch.id} has no previous revision to undo to.`);
  const incidentId = (await listOpenIncidentsForService(service.name)).at(-1)?.id ?? null;
  const result = await runActionOn(
    { incidentId, service },
    undo ? { kind: "undo", toRevision: toRevision ?? undefined } : { kind: "rollback" },
    actor,
    { cluster },
  );
  return {
    back: undo
      ? `revision ${toRevision} (rollout undo)`
      : `${service.k8s.selectorLabel}=${service.k8s.stableValue}`,
    runId: result.status === "done" ? result.run.id : result.runId,
  };
}
