import "server-only";

import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { getClusterAs } from "@/lib/remediation/cluster-factory";
import { getServiceByName } from "@/lib/services/queries";

import type { WatchState } from "./decide";
import { endWatchOnce, getWatch } from "./store";
import { goBack } from "./way-back";

/** A watch a person can still end: running, or a rollout whose undo is on offer. */
const ENDABLE: WatchState[] = ["watching", "degraded"];

/** A person ends a watch: `keep` leaves traffic (or the rollout) where it is (the emergency
 * deployment's monitoring ends only this way, seed 001 line 287); `rollback` goes back through
 * the one action path, as that person — the Service's selector to the stable version after a
 * traffic switch, `rollout undo` to the previous revision after an observed rollout — then
 * ends the watch. */
export async function endWatch(watchId: number, how: "keep" | "rollback", actor: Actor): Promise<string> {
  const watch = await getWatch(watchId);
  if (!watch) throw new AppError("NOT_FOUND", `Watch #${watchId} does not exist.`);
  if (!ENDABLE.includes(watch.state)) return `Watch #${watchId} had already ended (${watch.state}).`;
  if (how === "keep") {
    const outcome = `ended by ${actor.name} after ${watch.checks.length} checks; ${
      watch.mode === "rollout" ? `${watch.toValue} stays` : `traffic stays on ${watch.toValue}`
    }`;
    await endWatchOnce(watchId, { state: "ended", outcome, by: actor.name, from: ENDABLE });
    return outcome;
  }
  const service = await getServiceByName(watch.service);
  if (!service) throw new AppError("NOT_FOUND", `Service "${watch.service}" is not registered.`);
  const { back, runId } = await goBack(watch, service, actor, getClusterAs(service.k8s.context, actor));
  const outcome = `rolled back to ${back} by ${actor.name} after ${watch.checks.length} checks${runId ? ` (action #${runId})` : ""}`;
  await endWatchOnce(watchId, {
    state: "rolled_back",
    outcome,
    by: actor.name,
    rollbackRunId: runId,
    from: ENDABLE,
  });
  return outcome;
}
