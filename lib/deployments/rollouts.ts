import "server-only";

import type { Actor } from "@/lib/auth/permissions";
import { getEnv } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import { listOpenIncidentsForService } from "@/lib/incidents/queries";
import type { Cluster } from "@/lib/kube/cluster";
import { assertKubeTargetAllowed, kubeTargetRefusal } from "@/lib/kube/identity-config";
import { getClusterAs } from "@/lib/remediation/cluster-factory";
import { getServiceByName, listServices, type WatchedService } from "@/lib/services/queries";

import { scaledInterval, WATCH_CHECKS } from "./decide";
import { currentRollout, shortImages, type RolloutView } from "./rollout-view";
import { createWatch, findRolloutWatches, findWatching, noteOnOpenIncident, type WatchDto } from "./store";
import { scheduleSlice } from "./watch-job";

export type ObservedRollout = RolloutView & {
  service: string;
  deployment: string;
  namespace: string;
  /** The newest watch of this revision, if it was watched. */
  watch: Pick<WatchDto, "id" | "state"> | null;
};

export type RolloutsRead = {
  rollouts: ObservedRollout[];
  /** Services whose Deployment could not be read, in plain words. */
  unreadable: Array<{ service: string; message: string }>;
};

async function readRollout(cluster: Cluster, service: WatchedService): Promise<RolloutView | null> {
  const { namespace, deployment } = service.k8s;
  const dep = await cluster.getDeployment({ namespace, name: deployment });
  return currentRollout(dep, await cluster.listRevisions(dep));
}

/** The rollout each watched service's Deployment is on (its current revision and the one before
 * it), read from the cluster as the person looking (impersonated, like every other read), with
 * the watches already following them. */
export async function observeRollouts(actor: Actor | null): Promise<RolloutsRead> {
  const services = (await listServices()).filter((s) => kubeTargetRefusal(s.k8s) === null);
  const read = await Promise.all(
    services.map(async (service) => {
      try {
        const view = await readRollout(getClusterAs(service.k8s.context, actor), service);
        return { service, view, message: null };
      } catch (e) {
        if (!isAppError(e)) throw e;
        return { service, view: null, message: e.message };
      }
    }),
  );
  const seen = read.flatMap((r) => (r.view ? [{ service: r.service.name, revision: r.view.revision }] : []));
  const watches = await findRolloutWatches(seen);
  const rollouts = read.flatMap(({ service, view }): ObservedRollout[] => {
    if (!view) return [];
    const watch = watches.find((w) => w.service === service.name && w.revision === view.revision);
    return [
      {
        ...view,
        service: service.name,
        deployment: service.k8s.deployment,
        namespace: service.k8s.namespace,
        watch: watch ? { id: watch.id, state: watch.state } : null,
      },
    ];
  });
  const unreadable = read.flatMap((r) =>
    r.message ? [{ service: r.service.name, message: r.message }] : [],
  );
  return { rollouts, unreadable };
}

/** Starts the same durable 10-check watch on a rollout Firebreak observed: nothing is sent to
 * the cluster; on a failed check `rollout undo` to the previous revision is offered (or run by
 * itself when DEPLOY_ROLLOUT_AUTO_UNDO says so). */
export async function startRolloutWatch(
  serviceName: string,
  revision: number,
  actor: Actor,
  opts: { autoUndo?: boolean } = {},
): Promise<WatchDto> {
  const service = await getServiceByName(serviceName);
  if (!service) throw new AppError("NOT_FOUND", `Service "${serviceName}" is not registered in Firebreak.`);
  assertKubeTargetAllowed(service.k8s);
  const view = await readRollout(getClusterAs(service.k8s.context, actor), service);
  if (!view || view.revision !== revision)
    throw new AppError(
      "CONFLICT",
      `Deployment ${service.k8s.deployment} is on revision ${view?.revision ?? "none"} now, not ${revision}: reload and watch the current rollout.`,
    );
  const running = await findWatching(service.name);
  if (running) throw new AppError("CONFLICT", `Watch #${running.id} of ${service.name} is still running.`);
  const autoUndo = opts.autoUndo ?? getEnv().DEPLOY_ROLLOUT_AUTO_UNDO;
  const incidentId = (await listOpenIncidentsForService(service.name)).at(-1)?.id ?? null;
  const observed = `revision ${revision} (${shortImages(view.images)}${view.changeCause ? `, "${view.changeCause}"` : ""}): ${view.pods.ready}/${view.pods.desired} ready, ${view.pods.updated} updated`;
  let watch: WatchDto;
  try {
    watch = await createWatch({
      service: service.name,
      mode: "rollout",
      toValue: `revision ${revision}`,
      startedBy: actor.name,
      incidentId,
      switchRunId: null,
      totalChecks: WATCH_CHECKS,
      intervalMs: scaledInterval(getEnv().DEPLOY_WATCH_INTERVAL_SCALE),
      preChecks: [
        { name: "rollout observed", ok: true, detail: observed },
        {
          name: "way back",
          ok: view.previous !== null,
          detail: view.previous
            ? `rollout undo to revision ${view.previous.revision} (${shortImages(view.previous.images)}), ${autoUndo ? "run by itself on a failed check" : "offered on a failed check"}`
            : "no previous revision: nothing to undo to",
        },
      ],
      revision,
      previousRevision: view.previous?.revision ?? null,
      autoUndo,
    });
  } catch (e) {
    if ((e as { code?: string }).code === "P2002")
      throw new AppError("CONFLICT", `Another watch of ${service.name} started at the same time.`);
    throw e;
  }
  // Scheduled before the note: a watch that exists always gets its checks.
  await scheduleSlice(watch);
  await noteOnOpenIncident(
    service.name,
    actor.name,
    `Deployment watch #${watch.id} started on the rollout of ${service.k8s.deployment} to ${observed}.`,
  );
  return watch;
}
