import "server-only";

import type { AuditRow } from "@/lib/audit/record";
import { preparedQuery } from "@/lib/db/pool";
import type { ActionRun } from "@/lib/generated/prisma/client";
import type { DiffLine } from "@/lib/kube/diff";

import {
  toDto,
  type ActionRunDto,
  type ActionVerification,
  type FinishedRun,
  type RunEvent,
} from "./run-dto";

/** Records the outcome and its timeline event in one statement (never one without the other),
 * only while the run is still pending: a run finished twice (a retry racing a reconciliation)
 * gets one record, and `recorded` says whether this call wrote it. With `audit`, the server
 * action's audit row is written in the same statement (and only if this call records the run). */
export async function finishRunOnce(
  id: number,
  result: {
    outcome: "succeeded" | "failed";
    error?: string;
    diff: DiffLine[];
    durationMs: number;
    verification?: ActionVerification;
  },
  event: RunEvent,
  audit?: AuditRow,
): Promise<FinishedRun> {
  // One prepared statement on the plain pg pool (the confirm's hot path): one round trip and one
  // commit. The run's row is returned as updated, or as it stands when it was no longer pending.
  const { rows } = await preparedQuery<RunRow & { recorded: boolean }>(
    "fb_finish_run",
    `WITH "run" AS (
       UPDATE "action_runs" SET "outcome" = $2::"ActionOutcome", "error" = $3, "diff" = $4::jsonb,
         "duration_ms" = $5, "finished_at" = $6, "verification" = $7::"ActionVerification",
         "lease_expires_at" = NULL
       WHERE "id" = $1 AND "outcome" = 'pending' RETURNING *
     ), "event" AS (
       INSERT INTO "timeline_events" ("incident_id", "kind", "actor", "body", "data", "occurred_at")
       SELECT $8::int, 'action'::"TimelineEventKind", $9, $10, $11::jsonb, coalesce($12::timestamptz, now())
       FROM "run" WHERE $8::int IS NOT NULL
     ), "audit" AS (
       INSERT INTO "audit_log" ("actor_id", "actor_name", "actor_via", "action", "outcome", "target",
         "message", "data", "ip", "user_agent")
       SELECT $13, $14, $15, $16, $17, $18, $19, $20::jsonb, $21, $22 FROM "run" WHERE $13::text IS NOT NULL
     )
     SELECT "run".*, true AS "recorded" FROM "run"
     UNION ALL
     SELECT a.*, false AS "recorded" FROM "action_runs" a WHERE a."id" = $1 AND NOT EXISTS (SELECT 1 FROM "run")`,
    [
      id,
      result.outcome,
      result.error ?? null,
      JSON.stringify(result.diff),
      result.durationMs,
      new Date(),
      result.verification ?? "not_applicable",
      event.incidentId,
      event.actor,
      event.body ?? "",
      JSON.stringify(event.data ?? {}),
      event.occurredAt ?? null,
      audit?.actorId ?? null,
      audit?.actorName ?? null,
      audit?.actorVia ?? null,
      audit?.action ?? null,
      audit?.outcome ?? null,
      audit?.target ?? null,
      audit?.message ?? null,
      JSON.stringify(audit?.data ?? {}),
      audit?.ip ?? null,
      audit?.userAgent ?? null,
    ],
  );
  const row = rows[0];
  if (!row) throw new Error(`Action run #${id} does not exist.`);
  return { run: toDto(fromRow(row)), recorded: row.recorded };
}

type RunRow = {
  id: number;
  incident_id: number | null;
  kind: ActionRun["kind"];
  actor: string;
  service: string;
  namespace: string;
  target_kind: string;
  target_name: string;
  desired: string;
  idempotency_key: string;
  params: ActionRun["params"];
  diff: ActionRun["diff"];
  kubectl_command: string;
  outcome: ActionRun["outcome"];
  error: string | null;
  started_at: Date;
  finished_at: Date | null;
  duration_ms: number | null;
  verification: ActionRun["verification"];
  verify_detail: string | null;
  verified_at: Date | null;
  lease_expires_at: Date | null;
  lease_owner: string | null;
};

function fromRow(r: RunRow): ActionRun {
  return {
    id: r.id,
    incidentId: r.incident_id,
    kind: r.kind,
    actor: r.actor,
    service: r.service,
    namespace: r.namespace,
    targetKind: r.target_kind,
    targetName: r.target_name,
    desired: r.desired,
    idempotencyKey: r.idempotency_key,
    params: r.params,
    diff: r.diff,
    kubectlCommand: r.kubectl_command,
    outcome: r.outcome,
    error: r.error,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    durationMs: r.duration_ms,
    verification: r.verification,
    verifyDetail: r.verify_detail,
    verifiedAt: r.verified_at,
    leaseExpiresAt: r.lease_expires_at,
    leaseOwner: r.lease_owner,
  };
}

export async function finishRun(
  id: number,
  result: Parameters<typeof finishRunOnce>[1],
  event: RunEvent,
): Promise<ActionRunDto> {
  return (await finishRunOnce(id, result, event)).run;
}
