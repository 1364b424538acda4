import "server-only";

import type { ActionAudit } from "@/lib/audit/action-audit";
import type { Actor } from "@/lib/auth/permissions";
import type { Cluster } from "@/lib/kube/cluster";
import { getClusterAs } from "@/lib/remediation/cluster-factory";
import { runAction, type RunActionResult } from "@/lib/remediation/run-action";
import type { ActionRequest } from "@/lib/remediation/schemas";
import { getIncidentTarget } from "@/lib/remediation/target";

import { approvalGate } from "./gate";
import type { AwaitingApproval } from "./types";

export type GuardedRunResult = RunActionResult | AwaitingApproval;

/** How the console runs an action: refuse a target outside the namespace allowlist (nothing
 * sent), hold it for approval when its policy says so, else run it as the person (Kubernetes
 * impersonation, unless KUBE_IMPERSONATE=false). `approvalId` executes an approved request. */
export async function runGuardedAction(
  input: ActionRequest,
  actor: Actor,
  deps: {
    cluster?: Cluster;
    verify?: boolean;
    approvalId?: number;
    audit?: ActionAudit;
    afterAnswer?: (work: () => Promise<unknown>) => void;
  } = {},
): Promise<GuardedRunResult> {
  const target = await getIncidentTarget(input.incidentId);
  const { service } = target;
  const held = await approvalGate(input, actor, service, deps.approvalId);
  if (held) return held;
  const cluster = deps.cluster ?? getClusterAs(service.k8s.context, actor);
  return runAction(input, actor, {
    cluster,
    verify: deps.verify,
    target,
    audit: deps.audit,
    afterAnswer: deps.afterAnswer,
  });
}
