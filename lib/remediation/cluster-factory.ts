import "server-only";

import { actorInfo } from "@/lib/audit/actor-info";
import type { Actor } from "@/lib/auth/permissions";
import { getEnv } from "@/lib/env";
import { ClientNodeCluster } from "@/lib/kube/client-node-cluster";
import type { Cluster } from "@/lib/kube/cluster";
import { kubeIdentityOf } from "@/lib/kube/identity-config";
import { identityKey, type KubeIdentity } from "@/lib/kube/impersonation";

const clusters = new Map<string, Cluster>();

/** The live Cluster for a kubeconfig context (the service's own, else KUBE_CONTEXT), built from
 * configuration: KUBECONFIG, else the in-cluster service account, else ~/.kube/config. With an
 * identity, every request impersonates it; without, it runs as the configured credential. */
export function getCluster(context?: string | null, identity?: KubeIdentity | null): Cluster {
  const env = getEnv();
  const ctx = context ?? env.KUBE_CONTEXT ?? "";
  const key = `${ctx}\u0000${identityKey(identity ?? null)}`;
  let cluster = clusters.get(key);
  if (!cluster) {
    cluster = new ClientNodeCluster({
      kubeconfigPath: env.KUBECONFIG?.split(":")[0],
      inCluster: !env.KUBECONFIG && !!env.KUBERNETES_SERVICE_HOST,
      context: ctx || undefined,
      timeoutMs: env.KUBE_TIMEOUT_MS,
      identity,
    });
    clusters.set(key, cluster);
  }
  return cluster;
}

/** The Cluster acting as this person (KUBE_IMPERSONATE), else as Firebreak's own account. */
export function getClusterAs(context: string | null | undefined, actor: Actor | null): Cluster {
  return getCluster(context, actor ? kubeIdentityOf({ ...actorInfo(actor), roles: actor.roles }) : null);
}
