import type { ActionRun } from "@/lib/generated/prisma/client";
import type { NewTimelineEvent } from "@/lib/incidents/events";
import type { DiffLine } from "@/lib/kube/diff";

import type { ActionKind } from "./schemas";

export type ActionOutcome = "pending" | "succeeded" | "failed";
export type ActionVerification = "not_applicable" | "verifying" | "verified" | "not_verified";

/** An audit row as the UI sees it. */
export type ActionRunDto = {
  id: number;
  /** null: a traffic switch made with no incident open (its watch record holds the story). */
  incidentId: number | null;
  kind: ActionKind;
  actor: string;
  service: string;
  target: string;
  targetName: string;
  desired: string;
  params: Record<string, unknown>;
  diff: DiffLine[];
  kubectlCommand: string;
  outcome: ActionOutcome;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  verification: ActionVerification;
  verifyDetail: string | null;
};

export type FinishedRun = { run: ActionRunDto; recorded: boolean };

/** The timeline event of a run; a run with no incident gets none. */
export type RunEvent = Omit<NewTimelineEvent, "kind" | "incidentId"> & { incidentId: number | null };

export function toDto(row: ActionRun): ActionRunDto {
  return {
    id: row.id,
    incidentId: row.incidentId,
    kind: row.kind,
    actor: row.actor,
    service: row.service,
    target: `${row.targetKind.toLowerCase()} ${row.namespace}/${row.targetName}`,
    targetName: row.targetName,
    desired: row.desired,
    params: (row.params ?? {}) as Record<string, unknown>,
    diff: (Array.isArray(row.diff) ? row.diff : []) as unknown as DiffLine[],
    kubectlCommand: row.kubectlCommand,
    outcome: row.outcome,
    error: row.error,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.durationMs,
    verification: row.verification,
    verifyDetail: row.verifyDetail,
  };
}
