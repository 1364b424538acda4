import "server-only";

import { actorInfo } from "@/lib/audit/actor-info";
import type { Actor } from "@/lib/auth/permissions";
import { ClientNodeCluster } from "@/lib/kube/client-node-cluster";
import type { Cluster } from "@/lib/kube/cluster";
import { kubeIdentityOf } from "@/lib/kube/identity-config";
import { perConnection } from "@/lib/kube/client-node-request";
import type { KubeIdentity } from "@/lib/kube/impersonation";

const clusterFor = perConnection<Cluster>((conn) => new ClientNodeCluster(conn));

/** The live Cluster for a kubeconfig context (the service's own, else KUBE_CONTEXT), built from
 * configuration: KUBECONFIG, else the in-cluster service account, else ~/.kube/config. With an
 * identity, every request impersonates it; without, it runs as the configured credential. */
export function getCluster(context?: string | null, identity?: KubeIdentity | null): Cluster {
  return clusterFor(context, identity ?? null);
}

/** The Cluster acting as this person (KUBE_IMPERSONATE), else as Firebreak's own account. */
export function getClusterAs(context: string | null | undefined, actor: Actor | null): Cluster {
  return getCluster(context, actor ? kubeIdentityOf({ ...actorInfo(actor), roles: actor.roles }) : null);
}
