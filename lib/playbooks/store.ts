import "server-only";

import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

import type { Playbook, Step } from "./schema";

/** Playbook runs and their steps in Postgres. Claiming a step is one conditional UPDATE on
 * the step's `attempt`, so concurrent runs of one step make one probe and one event. */

export type StepState = "pending" | "running" | "done" | "skipped" | "failed";
export type RunPlaybook = Omit<Playbook, "yaml">;

export type StepRunRow = {
  id: number;
  stepId: string;
  position: number;
  state: StepState;
  attempt: number;
  actor: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  outcome: string | null;
  result: unknown;
  eventId: number | null;
};

export type RunRow = {
  id: number;
  incidentId: number;
  playbookId: string;
  status: string;
  playbook: RunPlaybook;
  startedBy: string;
  startedAt: Date;
  declaredAt: Date;
  steps: StepRunRow[];
};

/** Starts a playbook on an incident; returns the active run of that playbook if one exists
 * (the partial unique index makes two simultaneous starts one run). */
export async function startRun(input: {
  incidentId: number;
  playbook: Playbook;
  declaredAt: Date;
  actor: string;
}): Promise<{ id: number; created: boolean }> {
  const db = getDb();
  const snapshot: RunPlaybook = { ...input.playbook };
  delete (snapshot as Partial<Playbook>).yaml;
  const rows = await db.$queryRaw<Array<{ id: number }>>`
    INSERT INTO playbook_runs (incident_id, playbook_id, playbook, started_by, declared_at)
    VALUES (${input.incidentId}, ${input.playbook.id}, ${JSON.stringify(snapshot)}::jsonb, ${input.actor}, ${input.declaredAt})
    ON CONFLICT (incident_id, playbook_id) WHERE status = 'active' DO NOTHING
    RETURNING id`;
  const created = rows[0];
  if (created) {
    await db.playbookStepRun.createMany({
      data: input.playbook.steps.map((s: Step, position) => ({ runId: created.id, stepId: s.id, position })),
    });
    return { id: created.id, created: true };
  }
  const existing = await db.playbookRun.findFirst({
    where: { incidentId: input.incidentId, playbookId: input.playbook.id, status: "active" },
    select: { id: true },
  });
  if (!existing) throw new AppError("CONFLICT", "The playbook run could not be started; try again.");
  return { id: existing.id, created: false };
}

/** Ends a run (e.g. replaced by another SEV's playbook after a severity change). */
export async function endRun(runId: number, status: "switched" | "closed"): Promise<void> {
  await getDb().playbookRun.updateMany({
    where: { id: runId, status: "active" },
    data: { status, endedAt: new Date() },
  });
}

function toRun(row: Prisma.PlaybookRunGetPayload<{ include: { steps: true } }>): RunRow {
  return {
    id: row.id,
    incidentId: row.incidentId,
    playbookId: row.playbookId,
    status: row.status,
    playbook: row.playbook as unknown as RunPlaybook,
    startedBy: row.startedBy,
    startedAt: row.startedAt,
    declaredAt: row.declaredAt,
    steps: row.steps
      .sort((a, b) => a.position - b.position)
      .map((s) => ({ ...s, state: s.state as StepState })),
  };
}

export async function listRuns(incidentId: number, opts: { activeOnly?: boolean } = {}): Promise<RunRow[]> {
  const rows = await getDb().playbookRun.findMany({
    where: { incidentId, ...(opts.activeOnly ? { status: "active" } : {}) },
    include: { steps: true },
    orderBy: { id: "asc" },
  });
  return rows.map(toRun);
}

export async function getRun(runId: number): Promise<RunRow> {
  const row = await getDb().playbookRun.findUnique({ where: { id: runId }, include: { steps: true } });
  if (!row) throw new AppError("NOT_FOUND", `Playbook run ${runId} does not exist.`);
  return toRun(row);
}

/**
 * Claims a step for one execution: succeeds only for the caller who saw the current attempt
 * and when nobody is running it. Returns the new attempt number, or null when someone else
 * claimed it first (that caller then reads their result).
 */
export async function claimStep(runId: number, stepId: string, seenAttempt: number, actor: string) {
  const rows = await getDb().$queryRaw<Array<{ id: number; attempt: number }>>`
    UPDATE playbook_step_runs s SET state = 'running', attempt = s.attempt + 1, actor = ${actor},
      started_at = now(), finished_at = NULL
    FROM playbook_runs r
    WHERE s.run_id = r.id AND r.status = 'active' AND s.run_id = ${runId} AND s.step_id = ${stepId}
      AND s.attempt = ${seenAttempt} AND s.state <> 'running'
    RETURNING s.id, s.attempt`;
  return rows[0] ?? null;
}

/** Records a claimed step's result; only the claim holder's attempt can write it. */
export async function finishStep(
  tx: Prisma.TransactionClient,
  input: {
    stepRunId: number;
    attempt: number;
    state: Exclude<StepState, "pending" | "running">;
    outcome: string;
    result: Prisma.InputJsonValue;
    eventId: number;
    actor?: string;
  },
): Promise<void> {
  const { count } = await tx.playbookStepRun.updateMany({
    where: { id: input.stepRunId, attempt: input.attempt },
    data: {
      state: input.state,
      outcome: input.outcome,
      result: input.result,
      eventId: input.eventId,
      finishedAt: new Date(),
      ...(input.actor ? { actor: input.actor } : {}),
    },
  });
  if (count !== 1)
    throw new AppError("CONFLICT", "Someone else ran this step meanwhile; showing their result.");
}

export async function getStepRun(runId: number, stepId: string): Promise<StepRunRow> {
  const s = await getDb().playbookStepRun.findUnique({ where: { runId_stepId: { runId, stepId } } });
  if (!s) throw new AppError("NOT_FOUND", `No step "${stepId}" in run ${runId}.`);
  return { ...s, state: s.state as StepState };
}

/** A claim left "running" by a crashed process is released after this long. */
export const STALE_RUNNING_MS = 2 * 60_000;

export async function releaseStale(runId: number, stepId: string): Promise<void> {
  await getDb().playbookStepRun.updateMany({
    where: { runId, stepId, state: "running", startedAt: { lt: new Date(Date.now() - STALE_RUNNING_MS) } },
    data: { state: "failed", outcome: "abandoned: the process running it stopped" },
  });
}
