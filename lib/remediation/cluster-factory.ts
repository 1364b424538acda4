import "server-only";

import { getEnv } from "@/lib/env";
import { ClientNodeCluster } from "@/lib/kube/client-node-cluster";
import type { Cluster } from "@/lib/kube/cluster";

const clusters = new Map<string, Cluster>();

/** The live Cluster for a kubeconfig context (the service's own, else KUBE_CONTEXT), built from
 * configuration: KUBECONFIG, else the in-cluster service account, else ~/.kube/config. */
export function getCluster(context?: string | null): Cluster {
  const env = getEnv();
  const ctx = context ?? env.KUBE_CONTEXT ?? "";
  let cluster = clusters.get(ctx);
  if (!cluster) {
    cluster = new ClientNodeCluster({
      kubeconfigPath: env.KUBECONFIG?.split(":")[0],
      inCluster: !env.KUBECONFIG && !!env.KUBERNETES_SERVICE_HOST,
      context: ctx || undefined,
      timeoutMs: env.KUBE_TIMEOUT_MS,
    });
    clusters.set(ctx, cluster);
  }
  return cluster;
}
