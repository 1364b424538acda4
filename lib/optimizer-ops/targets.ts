import "server-only";

import { actorInfo } from "@/lib/audit/actor-info";
import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { ClientNodeConfigObjects } from "@/lib/kube/client-node-config-objects";
import type { ConfigObjectKind, ConfigObjects } from "@/lib/kube/config-objects";
import { assertKubeTargetAllowed, kubeIdentityOf } from "@/lib/kube/identity-config";
import { perConnection } from "@/lib/kube/client-node-request";
import { getServiceByName, type WatchedService } from "@/lib/services/queries";

export async function serviceOrThrow(name: string): Promise<WatchedService> {
  const service = await getServiceByName(name);
  if (!service) throw new AppError("NOT_FOUND", `Service "${name}" is not registered in Firebreak.`);
  return service;
}

/** A service whose cache Firebreak can reach: one read through the optimizer's own API. */
export async function optimizerServiceOrThrow(name: string): Promise<WatchedService> {
  const service = await serviceOrThrow(name);
  if (service.metricsSource !== "optimizer")
    throw new AppError(
      "INVALID_INPUT",
      `${service.name} is read through Prometheus; cache operations need the optimizer's own API.`,
    );
  return service;
}

/** The runbook's object names for a service (runbook 001 · Backup Procedures: ConfigMap
 * `api-optimizer-config`, Secret `api-optimizer-secrets`): the Deployment's name + a suffix. */
export function configObjectName(service: WatchedService, kind: ConfigObjectKind): string {
  return `${service.k8s.deployment}-${kind === "ConfigMap" ? "config" : "secrets"}`;
}

const configObjectsAt = perConnection<ConfigObjects>((conn) => new ClientNodeConfigObjects(conn));

/** ConfigMaps and Secrets of the service's cluster, as this person (KUBE_IMPERSONATE) or as
 * Firebreak's own account; refused before anything is sent when the target is not allowed. */
export function configObjectsFor(service: WatchedService, actor: Actor | null): ConfigObjects {
  assertKubeTargetAllowed(service.k8s);
  const identity = actor ? kubeIdentityOf({ ...actorInfo(actor), roles: actor.roles }) : null;
  return configObjectsAt(service.k8s.context, identity);
}
