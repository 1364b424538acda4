import "server-only";

import { getPool } from "@/lib/db/pool";
import type { ActionRun } from "@/lib/generated/prisma/client";
import { appendTimelineEventOn } from "@/lib/incidents/events";
import type { DiffLine } from "@/lib/kube/diff";

import {
  toDto,
  type ActionRunDto,
  type ActionVerification,
  type FinishedRun,
  type RunEvent,
} from "./run-dto";

/** Records the outcome and its timeline event in one transaction (never one without the
 * other), only while the run is still pending: a run finished twice (a retry racing a
 * reconciliation) gets one record, and `recorded` says whether this call wrote it. */
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
): Promise<FinishedRun> {
  // On the plain pg pool (the confirm's hot path): UPDATE … RETURNING the row while it is
  // still pending, and its timeline event, in one transaction.
  const client = await getPool().connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const updated = await client.query<RunRow>(
      `UPDATE "action_runs" SET "outcome" = $2::"ActionOutcome", "error" = $3, "diff" = $4::jsonb,
         "duration_ms" = $5, "finished_at" = $6, "verification" = $7::"ActionVerification", "lease_expires_at" = NULL
       WHERE "id" = $1 AND "outcome" = 'pending' RETURNING *`,
      [
        id,
        result.outcome,
        result.error ?? null,
        JSON.stringify(result.diff),
        result.durationMs,
        new Date(),
        result.verification ?? "not_applicable",
      ],
    );
    let row = updated.rows[0];
    const incidentId = event.incidentId;
    if (row && incidentId !== null)
      await appendTimelineEventOn(client, { ...event, incidentId, kind: "action" });
    row ??= (await client.query<RunRow>(`SELECT * FROM "action_runs" WHERE "id" = $1`, [id])).rows[0];
    await client.query("COMMIT");
    if (!row) throw new Error(`Action run #${id} does not exist.`);
    return { run: toDto(fromRow(row)), recorded: updated.rows.length > 0 };
  } catch (e) {
    broken = e as Error;
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  } finally {
    // A connection that failed mid-transaction is not handed out again.
    client.release(broken && !("code" in broken) ? broken : undefined);
  }
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
