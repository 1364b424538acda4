import "server-only";

import type { Cluster } from "@/lib/kube/cluster";
import { getServiceByName, type WatchedService } from "@/lib/services/queries";

import { getCluster } from "./cluster-factory";

import { observeRun } from "./observe";
import { ACTION_LABELS } from "./schemas";
import { findExpiredRuns, findTargetsWithExpiredRuns, finishRunOnce, type ActionRunDto } from "./store";

/** Settles runs whose process stopped renewing their lease (killed, out of memory, redeployed,
 * or cut off from the database) by reading the live object: landed → recorded as done with
 * the observed diff; not landed → recorded as failed. Returns one sentence per run settled
 * here, for the person whose request found them; each also lands on the incident timeline. */
export async function reconcileExpiredRuns(
  cluster: Cluster,
  service: WatchedService,
  target: { namespace: string; targetName: string },
  /** The target's expired runs when the caller already read them. */
  known?: ActionRunDto[],
): Promise<string[]> {
  const messages: string[] = [];
  for (const run of known ?? (await findExpiredRuns(target))) {
    const message = await reconcileRun(cluster, service, run);
    if (message) messages.push(message);
  }
  return messages;
}

/** Settles every expired run, whatever its target: for a periodic job, so an interrupted run
 * is recorded even if nobody acts on that target again. Returns the sentences written. */
export async function reconcileAllExpiredRuns(): Promise<string[]> {
  const out: string[] = [];
  for (const t of await findTargetsWithExpiredRuns()) {
    const service = await getServiceByName(t.service);
    if (!service) continue;
    out.push(...(await reconcileExpiredRuns(getCluster(service.k8s.context), service, t)));
  }
  return out;
}

async function reconcileRun(
  cluster: Cluster,
  service: WatchedService,
  run: ActionRunDto,
): Promise<string | null> {
  const label = `${ACTION_LABELS[run.kind]} #${run.id} by ${run.actor}`;
  let observation;
  try {
    observation = await observeRun(cluster, service, run);
  } catch (e) {
    // The cluster cannot be read: leave the run pending; the next request tries again.
    return `${label} was interrupted and could not be reconciled yet (${(e as Error).message}).`;
  }
  const durationMs = Date.now() - Date.parse(run.startedAt);
  const why = "its process stopped before recording the outcome";
  const text = observation.landed
    ? `${label}: ${why}; the cluster shows the change landed (${observation.observed}), so it is recorded as done (reconciled, not verified).`
    : `${label}: ${why}; the cluster shows it did not land (${observation.observed}), so it is recorded as failed. Nothing was changed.`;
  const outcome = observation.landed ? ("succeeded" as const) : ("failed" as const);
  const { recorded } = await finishRunOnce(
    run.id,
    observation.landed
      ? { outcome, diff: observation.diff, durationMs }
      : { outcome, error: text, diff: [], durationMs },
    {
      incidentId: run.incidentId,
      actor: run.actor,
      body: text,
      data: { actionId: run.id, kind: run.kind, outcome, reconciled: true, durationMs },
    },
  );
  return recorded ? text : null;
}
