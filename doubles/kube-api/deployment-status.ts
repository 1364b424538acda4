// Deployment status as the deployment controller computes it (what `kubectl rollout status` reads).
import type { KObject } from "./types";

type Condition = {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
};

export function deploymentStatus(
  d: KObject,
  c: { desired: number; pods: number; updated: number; ready: number; newRSName: string; now: string },
): Record<string, unknown> {
  const complete = c.updated === c.desired && c.pods === c.desired && c.ready === c.desired;
  const previous = (d.status ?? {}) as { conditions?: Condition[] };
  const condition = (type: string, status: string, reason: string, message: string): Condition => {
    const old = previous.conditions?.find((x) => x.type === type);
    const same = old && old.status === status && old.reason === reason;
    return {
      type,
      status,
      lastUpdateTime: same ? old.lastUpdateTime : c.now,
      lastTransitionTime: old && old.status === status ? old.lastTransitionTime : c.now,
      reason,
      message,
    };
  };
  return {
    observedGeneration: d.metadata.generation,
    replicas: c.pods,
    updatedReplicas: c.updated,
    ...(c.ready > 0 ? { readyReplicas: c.ready, availableReplicas: c.ready } : {}),
    ...(c.pods - c.ready > 0 ? { unavailableReplicas: c.pods - c.ready } : {}),
    conditions: [
      c.ready >= c.desired
        ? condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.")
        : condition(
            "Available",
            "False",
            "MinimumReplicasUnavailable",
            "Deployment does not have minimum availability.",
          ),
      complete
        ? condition(
            "Progressing",
            "True",
            "NewReplicaSetAvailable",
            `ReplicaSet "${c.newRSName}" has successfully progressed.`,
          )
        : condition(
            "Progressing",
            "True",
            "ReplicaSetUpdated",
            `ReplicaSet "${c.newRSName}" is progressing.`,
          ),
    ],
  };
}
