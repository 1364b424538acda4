import type { WatchedService } from "@/lib/services/schema";

import type { ActionKind } from "./schemas";

/** The object an action of this kind changes, known before the cluster is read: the Service
 * for a selector switch (rollback, traffic switch), the Deployment otherwise (lib/remediation
 * /changes.ts plans exactly these). */
export function plannedTarget(
  service: WatchedService,
  kind: ActionKind,
): { namespace: string; targetName: string } {
  const name = kind === "rollback" || kind === "switch" ? service.k8s.service : service.k8s.deployment;
  return { namespace: service.k8s.namespace, targetName: name };
}
