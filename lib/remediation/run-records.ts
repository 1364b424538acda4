import "server-only";
import { randomUUID } from "node:crypto";

import type { Actor } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

import { ACTION_LEASE_MS, LEASE_OWNER } from "./lease";
import { ACTION_LABELS, type ActionRequest } from "./schemas";
import { claimRun, finishRun, getRun, type ActionRunDto } from "./store";

export type RunActionResult =
  | { status: "done"; run: ActionRunDto; notices: string[] }
  /** The cluster changed; the audit row and timeline event are still being written. */
  | { status: "landed_unrecorded"; message: string; runId: number; notices: string[] }
  | {
      status: "already_done";
      message: string;
      runId: number | null;
      by: string | null;
      at: string | null;
      notices: string[];
    };

const SETTLE_WAIT_MS = 8_000;

/** Waits for a concurrent run to finish so the answer is "done by X at T", not "in progress". */
export async function settle(run: ActionRunDto | null): Promise<ActionRunDto | null> {
  const deadline = Date.now() + SETTLE_WAIT_MS;
  let current = run;
  while (current && current.outcome === "pending" && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
    current = await getRun(current.id);
  }
  return current;
}

export function alreadyDone(run: ActionRunDto | null, desired: string, notices: string[]): RunActionResult {
  if (run?.outcome === "failed") {
    throw new AppError(
      "CONFLICT",
      `A simultaneous attempt by ${run.actor} failed: ${run.error ?? "unknown error"} Retry.`,
    );
  }
  if (!run) {
    return {
      status: "already_done",
      message: `Already in the desired state (${desired}); nothing to do.`,
      runId: null,
      by: null,
      at: null,
      notices,
    };
  }
  const at = run.finishedAt ?? run.startedAt;
  const verb = run.outcome === "pending" ? "in progress by" : "already done by";
  return {
    status: "already_done",
    message: `${ACTION_LABELS[run.kind]} ${verb} ${run.actor} at ${new Date(at).toISOString().slice(11, 19)} UTC (#${run.id}).`,
    runId: run.id,
    by: run.actor,
    at,
    notices,
  };
}

/** An attempt that ended before anything was sent (planning failed, or the pre-flight refused
 * it) still gets its audit row and timeline event. */
export async function recordNothingSent(
  input: Omit<ActionRequest, "incidentId"> & { incidentId: number | null },
  actor: Actor,
  where: { service: string; namespace: string },
  message: string,
  elapsedMs: number,
  verb = "FAILED before any change",
): Promise<void> {
  const claim = await claimRun({
    incidentId: input.incidentId,
    kind: input.kind,
    actor: actor.name,
    service: where.service,
    namespace: where.namespace,
    targetKind: "Unknown",
    targetName: where.service,
    desired: "unplanned",
    idempotencyKey: `unplanned:${randomUUID()}`,
    params: input.variant ? { variant: input.variant } : {},
    kubectlCommand: "",
    leaseMs: ACTION_LEASE_MS,
    leaseOwner: LEASE_OWNER,
  });
  if (!claim) return;
  const durationMs = Math.round(elapsedMs);
  await finishRun(
    claim.id,
    { outcome: "failed", error: message, diff: [], durationMs },
    {
      incidentId: input.incidentId,
      actor: actor.name,
      body: `${ACTION_LABELS[input.kind]} #${claim.id} by ${actor.name} ${verb} — ${message}`,
      data: { actionId: claim.id, kind: input.kind, outcome: "failed", durationMs },
    },
  );
}
