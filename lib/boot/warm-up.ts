import "server-only";

let warmed: Promise<void> | undefined;

/** Loads the Kubernetes client (≈1 s cold) and the kubeconfig once, in the background, ahead
 * of the first action, so the emergency-rollback dialog opens with its dry run at once.
 * Dynamic import: the page that calls this does not wait for the client. Never throws. */
export function warmKubernetesClient(): Promise<void> {
  warmed ??= import("@/lib/remediation/cluster-factory")
    .then(({ getCluster }) => void getCluster())
    .catch((e: unknown) => console.error("[actions] Kubernetes client warm-up failed", e));
  return warmed;
}
