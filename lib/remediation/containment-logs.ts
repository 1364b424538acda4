import "server-only";

import { appendTimelineEvent } from "@/lib/incidents/events";
import type { Cluster } from "@/lib/kube/cluster";
import type { WatchedService } from "@/lib/services/queries";

import { readPodLogsBounded } from "./pod-logs";

/** Seed 001 "Security Incident Response": preserve the last 24 h of logs before containment. */
export const CONTAINMENT_LOG_WINDOW_S = 24 * 60 * 60;
/** Keeps one timeline event a reasonable size; the tail is what responders read first. */
const MAX_LOG_BYTES = 200_000;
const MAX_LOG_TAIL_LINES = 2_000;

/** Saves the pods' logs to the incident timeline before they are scaled away. Never throws:
 * containment must not wait on log collection; the outcome is described instead. */
export async function saveContainmentLogs(
  cluster: Cluster,
  service: WatchedService,
  incidentId: number,
  actor: string,
): Promise<string> {
  try {
    const deployment = await cluster.getDeployment({
      namespace: service.k8s.namespace,
      name: service.k8s.deployment,
    });
    const pods = await cluster.listPodsMatching(service.k8s.namespace, deployment.selector);
    // Bounded: each pod's tail, the whole attachment within MAX_LOG_BYTES, 4 pods at a time.
    const read = await readPodLogsBounded(cluster, pods, {
      namespace: service.k8s.namespace,
      sinceSeconds: CONTAINMENT_LOG_WINDOW_S,
      tailLines: MAX_LOG_TAIL_LINES,
      totalBytes: MAX_LOG_BYTES,
    });
    const truncated = read.some((r) => r.truncated);
    const parts = read.map((r) =>
      r.error
        ? `=== ${r.pod} === (logs unavailable: ${r.error})`
        : `=== ${r.pod} (${r.container}) ===\n${r.text}${r.truncated ? "\n[truncated]" : ""}`,
    );
    const logs = parts.join("\n");
    await appendTimelineEvent({
      incidentId,
      kind: "action",
      actor,
      body: `Saved the last 24 h of logs of ${pods.length} pod(s) of ${service.k8s.deployment} before containment.`,
      data: { attachment: "logs", pods: pods.map((p) => p.name), truncated, logs },
    });
    return `logs of ${pods.length} pod(s) saved`;
  } catch (e) {
    return `logs could not be saved: ${(e as Error).message}`;
  }
}
