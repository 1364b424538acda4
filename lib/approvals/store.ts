import "server-only";

import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import type { ApprovalRequest, Prisma } from "@/lib/generated/prisma/client";
import { actorInfo } from "@/lib/audit/actor-info";

import { APPROVAL_TTL_MS, stateAt, type ApprovalPolicy, type PolicyKey } from "./policy";
import type { ApprovalDto } from "./types";

type Tx = Prisma.TransactionClient;

export function toApprovalDto(r: ApprovalRequest, now = new Date()): ApprovalDto {
  return {
    id: r.id,
    incidentId: r.incidentId,
    actionKind: r.actionKind,
    policyKey: r.policyKey as PolicyKey,
    policy: r.policy as ApprovalPolicy,
    summary: r.summary,
    params: (r.params ?? {}) as Record<string, unknown>,
    requesterId: r.requesterId,
    requesterName: r.requesterName,
    state: stateAt(r, now),
    requestedAt: r.requestedAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    deciderName: r.deciderName,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    selfApproved: r.selfApproved,
    reason: r.reason,
    runId: r.runId,
    result: r.result,
  };
}

export type NewApproval = {
  incidentId: number;
  actionKind: string;
  policyKey: PolicyKey;
  policy: ApprovalPolicy;
  params: Prisma.InputJsonObject;
  summary: string;
  requester: Actor;
  now: Date;
};

export async function createApproval(a: NewApproval, tx: Tx): Promise<ApprovalRequest> {
  const who = actorInfo(a.requester);
  return tx.approvalRequest.create({
    data: {
      incidentId: a.incidentId,
      actionKind: a.actionKind,
      policyKey: a.policyKey,
      policy: a.policy,
      params: a.params,
      summary: a.summary,
      requesterId: who.id,
      requesterName: who.name,
      requesterEmail: who.email,
      requesterRoles: [...a.requester.roles],
      requesterVia: who.via,
      requestedAt: a.now,
      expiresAt: new Date(a.now.getTime() + APPROVAL_TTL_MS),
    },
  });
}

/** The same person's still-open request for the same change, so a second click does not queue
 * a duplicate. */
export async function findOpenDuplicate(
  incidentId: number,
  requesterId: string,
  params: Prisma.InputJsonObject,
  now: Date,
): Promise<ApprovalRequest | null> {
  return getDb().approvalRequest.findFirst({
    where: { incidentId, requesterId, status: "pending", expiresAt: { gt: now }, params: { equals: params } },
    orderBy: { id: "desc" },
  });
}

export async function getApproval(id: number): Promise<ApprovalRequest | null> {
  return getDb().approvalRequest.findUnique({ where: { id } });
}

/** Open requests and those decided in the last hour, newest first. */
export async function listApprovals(incidentId: number, now = new Date()): Promise<ApprovalDto[]> {
  const rows = await getDb().approvalRequest.findMany({
    where: { incidentId, requestedAt: { gt: new Date(now.getTime() - 60 * 60 * 1000) } },
    orderBy: { id: "desc" },
    take: 20,
  });
  return rows.map((r) => toApprovalDto(r, now));
}

/** pending → approved/denied, only if still pending and unexpired at `now`: of two concurrent
 * decisions exactly one changes the row (the other sees count 0). */
export async function decideOnce(
  id: number,
  decision: {
    status: "approved" | "denied";
    decider: Actor;
    selfApproved: boolean;
    reason: string | null;
    now: Date;
  },
  tx: Tx,
): Promise<boolean> {
  const who = actorInfo(decision.decider);
  const { count } = await tx.approvalRequest.updateMany({
    where: { id, status: "pending", expiresAt: { gt: decision.now } },
    data: {
      status: decision.status,
      deciderId: who.id,
      deciderName: who.name,
      decidedAt: decision.now,
      selfApproved: decision.selfApproved,
      reason: decision.reason,
    },
  });
  return count === 1;
}

export async function markExecuted(
  id: number,
  outcome: { status: "executed" | "failed"; runId: number | null; result: string },
): Promise<void> {
  await getDb().approvalRequest.updateMany({
    where: { id, status: "approved" },
    data: { status: outcome.status, runId: outcome.runId, result: outcome.result.slice(0, 1000) },
  });
}
