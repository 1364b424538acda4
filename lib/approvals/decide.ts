import "server-only";

import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { AppError, isAppError } from "@/lib/errors";
import type { ApprovalRequest } from "@/lib/generated/prisma/client";
import { appendTimelineEvent } from "@/lib/incidents/events";
import { getIncidentOrThrow } from "@/lib/incidents/queries";
import type { Cluster } from "@/lib/kube/cluster";
import { actionRequestSchema } from "@/lib/remediation/schemas";
import { actorInfo } from "@/lib/audit/actor-info";

import { runGuardedAction, type GuardedRunResult } from "./run-guarded";
import { mayDecide, type ApprovalPolicy } from "./policy";
import { decideOnce, getApproval, markExecuted, toApprovalDto } from "./store";
import type { ApprovalDto } from "./types";

export type DecisionResult = { approval: ApprovalDto; run: GuardedRunResult | null; error: string | null };

/** The requester, rebuilt from the request: an approved action runs as them. */
export function requesterOf(r: ApprovalRequest): Actor {
  return {
    id: r.requesterId,
    name: r.requesterName,
    email: r.requesterEmail,
    roles: r.requesterRoles as Actor["roles"],
    via: r.requesterVia ?? "oidc",
  } as unknown as Actor;
}

/** Approve (then run the action as the requester) or deny. Exactly one decision wins; an expired
 * or already-decided request is refused with the reason. */
export async function decideApproval(
  input: { approvalId: number; verdict: "approve" | "deny"; reason?: string },
  decider: Actor,
  deps: { cluster?: Cluster; verify?: boolean } = {},
): Promise<DecisionResult> {
  const request = await getApproval(input.approvalId);
  if (!request) throw new AppError("NOT_FOUND", `Approval request #${input.approvalId} does not exist.`);
  const incident = await getIncidentOrThrow(request.incidentId);
  const now = new Date();
  const who = actorInfo(decider);
  const reason = input.reason?.trim() || null;
  const verdict = mayDecide(
    {
      status: request.status,
      expiresAt: request.expiresAt,
      policy: request.policy as ApprovalPolicy,
      requesterId: request.requesterId,
      severity: incident.severity,
    },
    { id: who.id, roles: decider.roles },
    input.verdict,
    now,
    reason ?? undefined,
  );
  if (!verdict.ok) throw new AppError("FORBIDDEN", verdict.reason);

  const approved = input.verdict === "approve";
  const withdrawn = !approved && who.id === request.requesterId;
  const won = await getDb().$transaction(async (tx) => {
    const changed = await decideOnce(
      request.id,
      { status: approved ? "approved" : "denied", decider, selfApproved: verdict.selfApproved, reason, now },
      tx,
    );
    if (!changed) return false;
    const verb = approved
      ? verdict.selfApproved
        ? "self-approved"
        : "approved"
      : withdrawn
        ? "withdrew"
        : "denied";
    const why = verdict.selfApproved
      ? ` — SEV-0, no second approver; reason: ${reason}`
      : !approved && reason
        ? ` — ${reason}`
        : "";
    await appendTimelineEvent(
      {
        incidentId: request.incidentId,
        kind: "action",
        actor: who.name,
        body: `${who.name} ${verb} approval #${request.id}: ${request.summary} (requested by ${request.requesterName})${why}`,
        data: {
          approvalId: request.id,
          approval: approved ? "approved" : "denied",
          selfApproved: verdict.selfApproved,
          ...(reason ? { reason } : {}),
        },
        occurredAt: now,
      },
      tx,
    );
    await recordAudit(
      {
        actor: decider,
        action: approved
          ? verdict.selfApproved
            ? "approval.self_approve"
            : "approval.approve"
          : "approval.deny",
        target: `incident ${request.incidentId}`,
        message: reason ?? undefined,
        data: { approvalId: request.id, requester: request.requesterId, summary: request.summary },
      },
      tx,
    );
    return true;
  });
  if (!won) {
    const current = await getApproval(request.id);
    throw new AppError(
      "CONFLICT",
      `Approval #${request.id} was already decided${current?.deciderName ? ` by ${current.deciderName}` : ""}.`,
    );
  }
  if (!approved) return { approval: toApprovalDto((await getApproval(request.id))!), run: null, error: null };
  return executeApproved(request, deps);
}

/** Runs the approved action as the requester and records how it went on the request. */
async function executeApproved(
  request: ApprovalRequest,
  deps: { cluster?: Cluster; verify?: boolean },
): Promise<DecisionResult> {
  const input = actionRequestSchema.parse(request.params);
  const requester = requesterOf(request);
  let run: GuardedRunResult | null = null;
  let error: string | null = null;
  try {
    run = await runGuardedAction(input, requester, { ...deps, approvalId: request.id });
    await markExecuted(request.id, {
      status: "executed",
      runId: runIdOf(run),
      result: run.status === "done" ? `ran as ${requester.name} (#${run.run.id})` : run.message,
    });
  } catch (e) {
    error = isAppError(e) ? e.message : `Unexpected error: ${(e as Error).message}`;
    await markExecuted(request.id, { status: "failed", runId: null, result: error });
  }
  await recordAudit({
    actor: requester,
    action: "approval.execute",
    outcome: error ? "failed" : "ok",
    message: error ?? undefined,
    target: `incident ${request.incidentId}`,
    data: { approvalId: request.id, summary: request.summary },
  }).catch((e: unknown) => console.error("[audit] approval.execute", e));
  return { approval: toApprovalDto((await getApproval(request.id))!), run, error };
}

function runIdOf(run: GuardedRunResult): number | null {
  if (run.status === "done") return run.run.id;
  return "runId" in run ? run.runId : null;
}
