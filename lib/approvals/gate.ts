import "server-only";

import { recordAudit } from "@/lib/audit/record";
import { actorInfo } from "@/lib/audit/actor-info";
import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendTimelineEvent } from "@/lib/incidents/events";
import { assertKubeTargetAllowed } from "@/lib/kube/identity-config";
import { ACTION_LABELS, type ActionRequest } from "@/lib/remediation/schemas";
import type { WatchedService } from "@/lib/services/schema";

import { approvalPolicies } from "./config";
import { needsApproval, policyKeyOf } from "./policy";
import { createApproval, findOpenDuplicate, getApproval, toApprovalDto } from "./store";
import type { AwaitingApproval } from "./types";

/** The action's parameters as stored and compared (only the keys that were given). */
export function approvalParams(input: ActionRequest): Prisma.InputJsonObject {
  const out: Record<string, string | number> = { incidentId: input.incidentId, kind: input.kind };
  if (input.replicas !== undefined) out.replicas = input.replicas;
  if (input.toRevision !== undefined) out.toRevision = input.toRevision;
  return out;
}

export function describeRequest(input: ActionRequest, service: string): string {
  if (input.kind === "scale") return `Scale ${service} to ${input.replicas} replicas`;
  return `${ACTION_LABELS[input.kind]} on ${service}`;
}

/**
 * Runs before an action sends anything: refuses a target outside the configured namespace
 * allowlist, and holds an action whose policy needs approval — it records a request (timeline,
 * audit) and answers "awaiting approval" instead of running. With `approvalId` (the approved
 * request being executed) it lets the action through only if that request was approved for
 * exactly this change and this requester. null = go ahead.
 */
export async function approvalGate(
  input: ActionRequest,
  actor: Actor,
  service: WatchedService,
  approvalId?: number,
): Promise<AwaitingApproval | null> {
  assertKubeTargetAllowed(service.k8s);

  const params = approvalParams(input);
  if (approvalId !== undefined) {
    const approved = await getApproval(approvalId);
    const matches =
      approved &&
      approved.status === "approved" &&
      approved.requesterId === actorInfo(actor).id &&
      approved.incidentId === input.incidentId &&
      canonical(approved.params) === canonical(params);
    if (!matches) throw new AppError("FORBIDDEN", `Approval #${approvalId} does not cover this action.`);
    return null;
  }

  const policyKey = policyKeyOf(input);
  const policy = approvalPolicies()[policyKey];
  if (!needsApproval(policy, actor)) return null;

  const now = new Date();
  const who = actorInfo(actor);
  const existing = await findOpenDuplicate(input.incidentId, who.id, params, now);
  if (existing) return awaiting(toApprovalDto(existing, now));

  const summary = describeRequest(input, service.name);
  const who2 = policy === "two-person" ? "a second commander" : "a commander";
  const row = await getDb().$transaction(async (tx) => {
    const created = await createApproval(
      {
        incidentId: input.incidentId,
        actionKind: input.kind,
        policyKey,
        policy,
        params,
        summary,
        requester: actor,
        now,
      },
      tx,
    );
    await appendTimelineEvent(
      {
        incidentId: input.incidentId,
        kind: "action",
        actor: who.name,
        body: `${who.name} requested approval #${created.id}: ${summary} — needs ${who2} within 10 minutes`,
        data: { approvalId: created.id, approval: "requested", policy, policyKey },
        occurredAt: now,
      },
      tx,
    );
    await recordAudit(
      {
        actor,
        action: "approval.request",
        target: `incident ${input.incidentId}`,
        data: { approvalId: created.id, ...params },
      },
      tx,
    );
    return created;
  });
  return awaiting(toApprovalDto(row, now));
}

function awaiting(approval: AwaitingApproval["approval"]): AwaitingApproval {
  const who = approval.policy === "two-person" ? "a second commander" : "a commander";
  return {
    status: "awaiting_approval",
    approval,
    notices: [],
    message: `${approval.summary} waits for ${who}'s approval (request #${approval.id}, expires ${approval.expiresAt.slice(11, 19)} UTC). It is shown on the incident page.`,
  };
}

/** JSON with sorted keys (jsonb does not keep key order). */
function canonical(value: unknown): string {
  const obj = (value ?? {}) as Record<string, unknown>;
  return JSON.stringify(
    Object.keys(obj)
      .sort()
      .map((k) => [k, obj[k]]),
  );
}
