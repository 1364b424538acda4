/** The rollouts a deployment watch can follow, read from a Deployment and its ReplicaSets (each
 * ReplicaSet carries `deployment.kubernetes.io/revision`, as `kubectl rollout history` lists
 * them; runbook 001 · Incident Response checks it after a deployment). Pure: no I/O. */
import type { DeploymentView, RevisionView } from "@/lib/kube/cluster";

export type RolloutView = {
  revision: number;
  replicaSet: string | null;
  images: string[];
  changeCause: string | null;
  createdAt: string | null;
  /** The revision `rollout undo` goes back to: the newest one before this. */
  previous: { revision: number; images: string[] } | null;
  pods: { ready: number; updated: number; desired: number };
  /** The controller has seen the newest spec and every replica runs this revision, ready. */
  settled: boolean;
};

/** The Deployment's current revision as a rollout, or null when it has none yet. */
export function currentRollout(deployment: DeploymentView, revisions: RevisionView[]): RolloutView | null {
  const revision = deployment.revision ?? Math.max(0, ...revisions.map((r) => r.revision));
  if (!revision) return null;
  const own = revisions.find((r) => r.revision === revision) ?? null;
  const previous = revisions.filter((r) => r.revision < revision).sort((a, b) => b.revision - a.revision)[0];
  const pods = {
    ready: deployment.readyReplicas,
    updated: deployment.updatedReplicas,
    desired: deployment.replicas,
  };
  return {
    revision,
    replicaSet: own?.replicaSet ?? null,
    images: own?.images ?? deployment.images,
    changeCause: own?.changeCause ?? null,
    createdAt: own?.createdAt ?? null,
    previous: previous ? { revision: previous.revision, images: previous.images } : null,
    pods,
    settled:
      deployment.observedGeneration >= deployment.generation &&
      pods.updated === pods.desired &&
      pods.ready === pods.desired,
  };
}

export type RolloutCheck =
  { superseded: number; problem: null } | { superseded: null; problem: string | null };

/** A watched rollout at one check: replaced by a newer revision (the watch then ends, there is
 * nothing left to undo), or its pods not all ready, in words. */
export function judgeRollout(deployment: DeploymentView, watchedRevision: number): RolloutCheck {
  if (deployment.revision !== null && deployment.revision !== watchedRevision)
    return { superseded: deployment.revision, problem: null };
  const { readyReplicas: ready, replicas: desired } = deployment;
  return {
    superseded: null,
    problem: ready < desired ? `${ready}/${desired} pods ready on revision ${watchedRevision}` : null,
  };
}

/** "registry.local/api-optimizer:2.2.0" → "api-optimizer:2.2.0" for a compact line. */
export function shortImages(images: string[]): string {
  return images.map((i) => i.split("/").at(-1) ?? i).join(", ") || "(no image)";
}
