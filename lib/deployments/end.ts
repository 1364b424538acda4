import "server-only";

import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { listOpenIncidentsForService } from "@/lib/incidents/queries";
import { getClusterAs } from "@/lib/remediation/cluster-factory";
import { runActionOn } from "@/lib/remediation/run-action";
import { getServiceByName } from "@/lib/services/queries";

import { endWatchOnce, getWatch } from "./store";

/** A person ends a watch: `keep` leaves traffic where it is (the emergency deployment's
 * monitoring ends only this way, seed 001 line 287); `rollback` switches back to the stable
 * version through the one action path, as that person, then ends the watch. */
export async function endWatch(watchId: number, how: "keep" | "rollback", actor: Actor): Promise<string> {
  const watch = await getWatch(watchId);
  if (!watch) throw new AppError("NOT_FOUND", `Watch #${watchId} does not exist.`);
  if (watch.state !== "watching") return `Watch #${watchId} had already ended (${watch.state}).`;
  if (how === "keep") {
    const outcome = `ended by ${actor.name} after ${watch.checks.length} checks; traffic stays on ${watch.toValue}`;
    await endWatchOnce(watchId, { state: "ended", outcome, by: actor.name });
    return outcome;
  }
  const service = await getServiceByName(watch.service);
  if (!service) throw new AppError("NOT_FOUND", `Service "${watch.service}" is not registered.`);
  const incidentId = (await listOpenIncidentsForService(service.name)).at(-1)?.id ?? null;
  const result = await runActionOn({ incidentId, service }, { kind: "rollback" }, actor, {
    cluster: getClusterAs(service.k8s.context, actor),
  });
  const runId = result.status === "done" ? result.run.id : result.runId;
  const outcome = `rolled back to ${service.k8s.selectorLabel}=${service.k8s.stableValue} by ${actor.name} after ${watch.checks.length} checks${runId ? ` (action #${runId})` : ""}`;
  await endWatchOnce(watchId, { state: "rolled_back", outcome, by: actor.name, rollbackRunId: runId });
  return outcome;
}
