import "server-only";

import { getDb } from "@/lib/db/client";
import type { DeploymentWatch, DeploymentWatchCheck, Prisma } from "@/lib/generated/prisma/client";
import { appendTimelineEvent } from "@/lib/incidents/events";
import { listOpenIncidentsForService } from "@/lib/incidents/queries";

import type { WatchKind, WatchState } from "./decide";

export type WatchCheckDto = { n: number; ok: boolean; detail: string; at: string };
export type PreCheck = { name: string; ok: boolean; detail: string };

export type WatchDto = {
  id: number;
  service: string;
  mode: WatchKind;
  toValue: string;
  state: WatchState;
  startedBy: string;
  incidentId: number | null;
  switchRunId: number | null;
  rollbackRunId: number | null;
  totalChecks: number | null;
  intervalMs: number;
  preChecks: PreCheck[];
  outcome: string | null;
  startedAt: string;
  endedAt: string | null;
  endedBy: string | null;
  /** Rollout watches: the revision watched, the one `rollout undo` returns to, and whether the
   * undo runs by itself on a failed check. */
  revision: number | null;
  previousRevision: number | null;
  autoUndo: boolean;
  checks: WatchCheckDto[];
};

export async function createWatch(data: {
  service: string;
  mode: WatchKind;
  toValue: string;
  startedBy: string;
  incidentId: number | null;
  switchRunId: number | null;
  totalChecks: number | null;
  intervalMs: number;
  preChecks: PreCheck[];
  revision?: number | null;
  previousRevision?: number | null;
  autoUndo?: boolean;
}): Promise<WatchDto> {
  const row = await getDb().deploymentWatch.create({
    data: { ...data, preChecks: data.preChecks as unknown as Prisma.InputJsonArray },
    include: { checks: true },
  });
  return toDto(row);
}

export async function getWatch(id: number): Promise<WatchDto | null> {
  const row = await getDb().deploymentWatch.findUnique({
    where: { id },
    include: { checks: { orderBy: { n: "asc" } } },
  });
  return row ? toDto(row) : null;
}

export async function findWatching(service: string): Promise<WatchDto | null> {
  const row = await getDb().deploymentWatch.findFirst({
    where: { service, state: "watching" },
    include: { checks: { orderBy: { n: "asc" } } },
  });
  return row ? toDto(row) : null;
}

export async function listWatches(take = 30): Promise<WatchDto[]> {
  const rows = await getDb().deploymentWatch.findMany({
    orderBy: { id: "desc" },
    take,
    include: { checks: { orderBy: { n: "asc" } } },
  });
  return rows.map(toDto);
}

/** The newest watch of each (service, revision) asked for: which observed rollouts are watched. */
export async function findRolloutWatches(
  pairs: Array<{ service: string; revision: number }>,
): Promise<WatchDto[]> {
  if (pairs.length === 0) return [];
  const rows = await getDb().deploymentWatch.findMany({
    where: { mode: "rollout", OR: pairs },
    orderBy: { id: "desc" },
    include: { checks: { orderBy: { n: "asc" } } },
  });
  return rows.map(toDto);
}

/** Check `n` of a watch, written once: a second worker (or a retried slice) writes nothing. */
export async function recordCheck(watchId: number, n: number, ok: boolean, detail: string): Promise<void> {
  await getDb().$executeRaw`
    INSERT INTO "deployment_watch_checks" ("watch_id", "n", "ok", "detail")
    VALUES (${watchId}, ${n}, ${ok}, ${detail})
    ON CONFLICT ("watch_id", "n") DO NOTHING`;
}

/** Ends a watch exactly once, and says so on the timeline of the service's open incident (the
 * newest) in the same transaction; with none open, the watch record itself holds the outcome.
 * Returns false when the watch had already ended. `from`: the states it may end from (a
 * degraded rollout waits for a person's undo or keep). */
export async function endWatchOnce(
  watchId: number,
  end: {
    state: Exclude<WatchState, "watching">;
    outcome: string;
    by: string;
    rollbackRunId?: number | null;
    from?: WatchState[];
  },
): Promise<boolean> {
  const watch = await getDb().deploymentWatch.findUnique({ where: { id: watchId } });
  if (!watch) return false;
  const open = await listOpenIncidentsForService(watch.service);
  const incidentId = open.at(-1)?.id ?? null;
  return getDb().$transaction(async (tx) => {
    const { count } = await tx.deploymentWatch.updateMany({
      where: { id: watchId, state: { in: end.from ?? ["watching"] } },
      data: {
        state: end.state,
        outcome: end.outcome,
        endedAt: new Date(),
        endedBy: end.by,
        ...(end.rollbackRunId ? { rollbackRunId: end.rollbackRunId } : {}),
      },
    });
    if (count === 0) return false;
    if (incidentId !== null)
      await appendTimelineEvent(
        {
          incidentId,
          kind: "action",
          actor: end.by,
          body: `Deployment watch #${watchId} (${watch.service} → ${watch.toValue}): ${end.outcome}`,
          data: { deploymentWatchId: watchId, state: end.state, rollbackRunId: end.rollbackRunId ?? null },
        },
        tx,
      );
    return true;
  });
}

/** A line on the open incident's timeline while the watch goes on (e.g. an emergency alarm). */
export async function noteOnOpenIncident(service: string, actor: string, body: string): Promise<void> {
  const open = await listOpenIncidentsForService(service);
  const incidentId = open.at(-1)?.id;
  if (incidentId !== undefined) await appendTimelineEvent({ incidentId, kind: "action", actor, body });
}

function toDto(row: DeploymentWatch & { checks: DeploymentWatchCheck[] }): WatchDto {
  return {
    id: row.id,
    service: row.service,
    mode: row.mode as WatchKind,
    toValue: row.toValue,
    state: row.state as WatchState,
    startedBy: row.startedBy,
    incidentId: row.incidentId,
    switchRunId: row.switchRunId,
    rollbackRunId: row.rollbackRunId,
    totalChecks: row.totalChecks,
    intervalMs: row.intervalMs,
    preChecks: (Array.isArray(row.preChecks) ? row.preChecks : []) as unknown as PreCheck[],
    outcome: row.outcome,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    endedBy: row.endedBy,
    revision: row.revision,
    previousRevision: row.previousRevision,
    autoUndo: row.autoUndo,
    checks: row.checks.map((c) => ({ n: c.n, ok: c.ok, detail: c.detail, at: c.at.toISOString() })),
  };
}
