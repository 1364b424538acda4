import "server-only";

import { getDb } from "@/lib/db/client";
import { preparedQuery } from "@/lib/db/pool";

import { appendTimelineEvent, type NewTimelineEvent } from "@/lib/incidents/events";

import { finishRun, finishRunOnce } from "./finish-run";
import { toDto, type ActionRunDto } from "./run-dto";
import type { ActionKind, ActionListFilters } from "./schemas";

export { finishRun, finishRunOnce };
export type { ActionOutcome, ActionRunDto, ActionVerification, FinishedRun, RunEvent } from "./run-dto";

export type NewRun = {
  incidentId: number | null;
  kind: ActionKind;
  actor: string;
  service: string;
  namespace: string;
  targetKind: string;
  targetName: string;
  desired: string;
  idempotencyKey: string;
  params: Record<string, unknown>;
  kubectlCommand: string;
  /** How long the run is ours without renewal (see lease.ts). */
  leaseMs: number;
  /** Which process holds it (host:pid), shown when a run is reconciled. */
  leaseOwner: string;
};

/** Inserts a pending run unless a pending/succeeded run with the same key exists (partial
 * unique index); returns null when another submission holds the key. */
export async function claimRun(run: NewRun): Promise<{ id: number; startedAt: Date } | null> {
  // A prepared statement on the plain pg pool: the confirm's hot path.
  const { rows } = await preparedQuery<{ id: number; started_at: Date }>(
    "fb_claim_run",
    `INSERT INTO "action_runs" ("incident_id", "kind", "actor", "service", "namespace", "target_kind", "target_name",
       "desired", "idempotency_key", "params", "kubectl_command", "lease_expires_at", "lease_owner")
     VALUES ($1::int, $2::text::"ActionKind", $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11,
       now() + make_interval(secs => $12::float8), $13)
     ON CONFLICT ("idempotency_key") WHERE "outcome" <> 'failed' DO NOTHING
     RETURNING "id", "started_at"`,
    [
      run.incidentId,
      run.kind,
      run.actor,
      run.service,
      run.namespace,
      run.targetKind,
      run.targetName,
      run.desired,
      run.idempotencyKey,
      JSON.stringify(run.params),
      run.kubectlCommand,
      run.leaseMs / 1000,
      run.leaseOwner,
    ],
  );
  const row = rows[0];
  return row ? { id: row.id, startedAt: row.started_at } : null;
}

export async function findLiveRunByKey(idempotencyKey: string): Promise<ActionRunDto | null> {
  const row = await getDb().actionRun.findFirst({
    where: { idempotencyKey, outcome: { not: "failed" } },
    orderBy: { id: "desc" },
  });
  return row ? toDto(row) : null;
}

/** The latest non-failed run that produced (or is producing) this desired state on this target. */
export async function findLatestRunFor(
  where: { namespace: string; targetName: string; kind: ActionKind; desired: string; incidentId?: number },
  since?: Date,
): Promise<ActionRunDto | null> {
  const row = await getDb().actionRun.findFirst({
    where: { ...where, outcome: { not: "failed" }, ...(since ? { startedAt: { gte: since } } : {}) },
    orderBy: { id: "desc" },
  });
  return row ? toDto(row) : null;
}

/** Extends a pending run's lease; false once the run is no longer pending (or not ours). */
export async function renewLease(id: number, leaseMs: number, owner: string): Promise<boolean> {
  const n = await getDb().$executeRaw`
    UPDATE "action_runs" SET "lease_expires_at" = now() + make_interval(secs => ${leaseMs / 1000}::float8)
    WHERE "id" = ${id} AND "outcome" = 'pending' AND "lease_owner" = ${owner}`;
  return n > 0;
}

/** Pending runs on a target whose lease has expired (their process died or hung). Rows from
 * before leases existed count as expired two minutes after they started. */
export async function findExpiredRuns(target: {
  namespace: string;
  targetName: string;
}): Promise<ActionRunDto[]> {
  // A prepared statement on the plain pg pool: every confirm asks, and the answer is nearly always none.
  const { rows: ids } = await preparedQuery<{ id: number }>(
    "fb_expired_runs",
    `SELECT "id" FROM "action_runs"
     WHERE "outcome" = 'pending' AND "namespace" = $1 AND "target_name" = $2
       AND COALESCE("lease_expires_at", "started_at" + interval '2 minutes') < now()
     ORDER BY "id"`,
    [target.namespace, target.targetName],
  );
  if (ids.length === 0) return [];
  const rows = await getDb().actionRun.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    orderBy: { id: "asc" },
  });
  return rows.map(toDto);
}

/** Every target with an expired pending run (for a periodic sweep). */
export async function findTargetsWithExpiredRuns(): Promise<
  Array<{ service: string; namespace: string; targetName: string }>
> {
  return getDb().$queryRaw`
    SELECT DISTINCT "service", "namespace", "target_name" AS "targetName" FROM "action_runs"
    WHERE "outcome" = 'pending' AND COALESCE("lease_expires_at", "started_at" + interval '2 minutes') < now()`;
}

export async function recordVerification(
  id: number,
  verification: "verified" | "not_verified",
  detail: string,
  event: Omit<NewTimelineEvent, "kind">,
): Promise<void> {
  await getDb().$transaction(async (tx) => {
    await tx.actionRun.update({
      where: { id },
      data: { verification, verifyDetail: detail, verifiedAt: new Date() },
    });
    await appendTimelineEvent({ ...event, kind: "action" }, tx);
  });
}

export async function setVerifyProgress(id: number, detail: string): Promise<void> {
  await getDb().actionRun.update({ where: { id }, data: { verifyDetail: detail } });
}

export async function getRun(id: number): Promise<ActionRunDto | null> {
  const row = await getDb().actionRun.findUnique({ where: { id } });
  return row ? toDto(row) : null;
}

/** Actions taken on a service within a time window, oldest first (chart markers). */
export async function listRunsInWindow(
  service: string,
  from: Date,
  to: Date,
  take = 500,
): Promise<ActionRunDto[]> {
  const rows = await getDb().actionRun.findMany({
    where: { service, startedAt: { gte: from, lte: to } },
    orderBy: { startedAt: "asc" },
    take,
  });
  return rows.map(toDto);
}

export async function listRuns(filters: ActionListFilters = {}, take = 200): Promise<ActionRunDto[]> {
  const rows = await getDb().actionRun.findMany({
    where: {
      kind: filters.kind,
      outcome: filters.outcome,
      service: filters.service,
      incidentId: filters.incidentId,
    },
    orderBy: { id: "desc" },
    take,
  });
  return rows.map(toDto);
}
