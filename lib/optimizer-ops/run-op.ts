import "server-only";

import type { Actor } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, isAppError } from "@/lib/errors";
import { getIncidentOrThrow, listOpenIncidentsForService } from "@/lib/incidents/queries";
import { formatDiffLine, type DiffLine } from "@/lib/kube/diff";

import { OPERATION_LABELS, type ChecklistItem, type OperationKind } from "./kinds";
import { claimOperation, finishOperation, type OperationDto } from "./store";

export type OperationMeta = {
  kind: OperationKind;
  service: string;
  actor: Actor;
  /** One per confirm dialog: a repeated submit is the same operation, done once. */
  requestId: string;
  /** The incident it belongs to; absent: the service's newest open incident, if any. */
  incidentId?: number | null;
  params: Prisma.InputJsonObject;
};

export type WorkResult = { summary: string; diff?: DiffLine[]; items?: ChecklistItem[]; failed?: string };

export type OperationResult = { repeat: boolean; op: OperationDto };

async function incidentFor(meta: OperationMeta): Promise<number | null> {
  if (meta.incidentId != null) return (await getIncidentOrThrow(meta.incidentId)).id;
  return (await listOpenIncidentsForService(meta.service)).at(-1)?.id ?? null;
}

/**
 * Runs one confirmed operation once: a row is claimed under the request id (a repeat returns the
 * first outcome, nothing is sent again), the work runs, and its outcome — success, or failure in
 * the words shown to the person — is recorded with a timeline event on the incident. A failure
 * is thrown again as an AppError so the action shows it (and its audit row says "failed").
 */
export async function runOperation(
  meta: OperationMeta,
  work: (operationId: number) => Promise<WorkResult>,
): Promise<OperationResult> {
  const incidentId = await incidentFor(meta);
  const { op, fresh } = await claimOperation({
    kind: meta.kind,
    service: meta.service,
    incidentId,
    actor: meta.actor.name,
    requestId: meta.requestId,
    params: meta.params,
  });
  if (!fresh) return { repeat: true, op };
  const label = OPERATION_LABELS[meta.kind];
  const t0 = performance.now();
  const data = { optimizerOperationId: op.id, kind: meta.kind, service: meta.service };
  let result: WorkResult;
  try {
    result = await work(op.id);
  } catch (e) {
    const error = isAppError(e)
      ? e
      : new AppError("UPSTREAM_FAILED", `Unexpected error: ${(e as Error).message}`);
    const durationMs = Math.round(performance.now() - t0);
    await finishOperation(
      op.id,
      { outcome: "failed", summary: "", error: error.message, durationMs },
      {
        incidentId,
        actor: meta.actor.name,
        body: `${label} #${op.id} on ${meta.service} by ${meta.actor.name} FAILED — ${error.message}`,
        data: { ...data, outcome: "failed" },
      },
    );
    throw error;
  }
  const durationMs = Math.round(performance.now() - t0);
  const outcome = result.failed ? "failed" : "succeeded";
  const diffText = (result.diff ?? []).map(formatDiffLine).join("; ");
  const saved = await finishOperation(
    op.id,
    {
      outcome,
      summary: result.summary,
      diff: result.diff,
      items: result.items,
      error: result.failed ?? null,
      durationMs,
    },
    {
      incidentId,
      actor: meta.actor.name,
      body: `${label} #${op.id} on ${meta.service} by ${meta.actor.name} ${
        outcome === "succeeded" ? "succeeded" : "FAILED"
      } in ${durationMs} ms — ${result.summary}${diffText ? ` (${diffText})` : ""}`,
      data: { ...data, outcome },
    },
  );
  return { repeat: false, op: saved };
}
