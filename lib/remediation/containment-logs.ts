import "server-only";

import { appendTimelineEvent } from "@/lib/incidents/events";
import type { Cluster } from "@/lib/kube/cluster";
import type { WatchedService } from "@/lib/services/queries";

/** Seed 001 "Security Incident Response": preserve the last 24 h of logs before containment. */
export const CONTAINMENT_LOG_WINDOW_S = 24 * 60 * 60;
/** Keeps one timeline event a reasonable size; the tail is what responders read first. */
const MAX_LOG_CHARS = 200_000;

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
    const pods = await cluster.listPods(service.k8s.namespace, deployment.matchLabels);
    // Each pod keeps the tail of its own logs, so one noisy pod cannot crowd out the others.
    const perPod = Math.floor(MAX_LOG_CHARS / Math.max(1, pods.length));
    let truncated = false;
    const parts = await Promise.all(
      pods.map(async (p) => {
        try {
          const text = await cluster.readPodLogs(
            { namespace: service.k8s.namespace, name: p.name },
            CONTAINMENT_LOG_WINDOW_S,
          );
          if (text.length > perPod) truncated = true;
          return `=== ${p.name} ===\n${text.length > perPod ? text.slice(-perPod) : text}`;
        } catch (e) {
          return `=== ${p.name} === (logs unavailable: ${(e as Error).message})`;
        }
      }),
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
