"use client";

import { clsx } from "clsx";
import { useState } from "react";

import { ACTION_KINDS, ACTION_LABELS, type ActionKind } from "@/lib/actions/schemas";
import { ActionDialog } from "@/components/action-dialog";
import { ActionProgress } from "@/components/action-progress";

/** Kubernetes actions on an incident's service (issue #4): Emergency rollback first and
 * prominent (seed 001 "Emergency rollback (< 30 seconds)"), then undo, scale, restart, containment. */
export function IncidentActions({ incidentId, service }: { incidentId: number; service: string }) {
  const [open, setOpen] = useState<ActionKind | null>(null);
  const [lastRunId, setLastRunId] = useState<number | null>(null);
  return (
    <section aria-labelledby="cluster-actions-heading" className="space-y-2 rounded border border-zinc-200 p-3 dark:border-zinc-800">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="cluster-actions-heading" className="mr-2 text-sm font-semibold">
          Kubernetes actions <span className="font-normal text-zinc-500">on {service}</span>
        </h2>
        {ACTION_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            onClick={() => setOpen(kind)}
            className={clsx(
              "rounded px-3 py-1.5 text-sm font-medium",
              kind === "rollback"
                ? "bg-sev-0 text-white shadow hover:opacity-90"
                : "border border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800",
            )}
          >
            {ACTION_LABELS[kind]}
            {kind === "rollback" ? " → stable" : kind === "scale" ? "…" : ""}
          </button>
        ))}
      </div>
      {lastRunId ? <ActionProgress runId={lastRunId} /> : null}
      {open ? (
        <ActionDialog
          incidentId={incidentId}
          kind={open}
          onClose={() => setOpen(null)}
          onDone={(runId) => {
            setOpen(null);
            setLastRunId(runId);
          }}
        />
      ) : null}
    </section>
  );
}
