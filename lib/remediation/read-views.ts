import "server-only";

import type { Cluster, PodUsage, PodView, RevisionView } from "@/lib/kube/cluster";
import type { WatchedService } from "@/lib/services/queries";

import { getCluster } from "./cluster-factory";
import { readPodLogsBounded } from "./pod-logs";
import { filterErrorLines } from "./read-views-pure";

/** Read views playbooks use: history, pods, recent errors, usage. */

/** Runbook 001 · Incident Response Playbook, Step 3: `kubectl logs --since=15m | grep -i error`. */
export const ERROR_LOG_WINDOW_S = 15 * 60;
const MAX_ERROR_LINES = 200;
/** Bounded reads: each pod's last lines, the whole view within a few MB. */
const ERROR_LOG_TAIL_LINES = 5_000;
const ERROR_LOG_BUDGET_BYTES = 4 * 1024 * 1024;

function clusterFor(service: WatchedService, cluster?: Cluster): Cluster {
  return cluster ?? getCluster(service.k8s.context);
}

export async function getRolloutHistory(
  service: WatchedService,
  cluster?: Cluster,
): Promise<{ current: number | null; revisions: Array<Omit<RevisionView, "template">> }> {
  const c = clusterFor(service, cluster);
  const deployment = await c.getDeployment({
    namespace: service.k8s.namespace,
    name: service.k8s.deployment,
  });
  const revisions = await c.listRevisions(deployment);
  return {
    current: deployment.revision,
    revisions: revisions.map((r) => ({
      revision: r.revision,
      replicaSet: r.replicaSet,
      images: r.images,
      replicas: r.replicas,
      annotations: r.annotations,
      createdAt: r.createdAt,
      changeCause: r.changeCause,
    })),
  };
}

export async function getServicePods(service: WatchedService, cluster?: Cluster): Promise<PodView[]> {
  const c = clusterFor(service, cluster);
  const svc = await c.getService({ namespace: service.k8s.namespace, name: service.k8s.service });
  // The app's pods across versions: the service selector without the version label.
  return c.listPods(service.k8s.namespace, withoutLabel(svc.selector, service.k8s.selectorLabel));
}

/** `kubectl logs --since=15m | grep -i error` across the app's pods. */
/** Error lines of the service's pods over the last `sinceSeconds` (runbook 001 · Step 3: 15 min;
 * High Error Rate Alert: 5 min; a live tail: the last few seconds). */
export async function getRecentErrorLogs(
  service: WatchedService,
  cluster?: Cluster,
  sinceSeconds: number = ERROR_LOG_WINDOW_S,
): Promise<Array<{ pod: string; text: string }>> {
  const c = clusterFor(service, cluster);
  const pods = await getServicePods(service, c);
  const logs = await readPodLogsBounded(c, pods, {
    namespace: service.k8s.namespace,
    sinceSeconds,
    tailLines: ERROR_LOG_TAIL_LINES,
    totalBytes: ERROR_LOG_BUDGET_BYTES,
  });
  return logs
    .flatMap((l) => filterErrorLines(l.text).map((line) => ({ pod: l.pod, text: line })))
    .slice(-MAX_ERROR_LINES);
}

export async function getPodUsage(service: WatchedService, cluster?: Cluster): Promise<PodUsage> {
  const c = clusterFor(service, cluster);
  const svc = await c.getService({ namespace: service.k8s.namespace, name: service.k8s.service });
  return c.podUsage(service.k8s.namespace, withoutLabel(svc.selector, service.k8s.selectorLabel));
}

function withoutLabel(labels: Record<string, string>, label: string): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).filter(([k]) => k !== label));
}
