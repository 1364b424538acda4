"use client";

import { useQueryClient } from "@tanstack/react-query";
import { clsx } from "clsx";
import { useEffect, useState } from "react";

import { ACTION_KINDS, ACTION_LABELS, type ActionKind } from "@/lib/remediation/action-kinds";
import type { ActionRunDto } from "@/lib/remediation/store";
import { ActionDialog, previewParams, previewQuery } from "@/components/action-dialog";
import { ActionProgress } from "@/components/action-progress";

/** Client side of IncidentActions: Kubernetes actions on an incident's service. Emergency
 * rollback first and prominent (runbook 001 · Quick Actions, "Emergency rollback (< 30 seconds)"),
 * then undo, scale, restart, containment. */
export function ActionPanel({ incidentId, service }: { incidentId: number; service: string }) {
  const [open, setOpen] = useState<ActionKind | null>(null);
  const [lastRun, setLastRun] = useState<ActionRunDto | null>(null);
  const queryClient = useQueryClient();
  const prefetch = (kind: ActionKind) =>
    void queryClient.prefetchQuery(previewQuery(previewParams(incidentId, kind)));
  // Emergency rollback must open instantly (seed 001: "< 30 seconds"): its dry run is ready before the click.
  useEffect(() => {
    void queryClient.prefetchQuery(previewQuery(previewParams(incidentId, "rollback")));
  }, [queryClient, incidentId]);
  return (
    <section
      aria-labelledby="cluster-actions-heading"
      className="space-y-2 rounded border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="cluster-actions-heading" className="mr-2 text-sm font-semibold">
          Kubernetes actions <span className="font-normal text-zinc-500">on {service}</span>
        </h2>
        {/* The traffic switch belongs to a deployment (Deployments page), not to an incident. */}
        {ACTION_KINDS.filter((kind) => kind !== "switch").map((kind) => (
          <button
            key={kind}
            type="button"
            onClick={() => setOpen(kind)}
            onPointerEnter={() => prefetch(kind)}
            onFocus={() => prefetch(kind)}
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
      {lastRun ? <ActionProgress key={lastRun.id} initial={lastRun} /> : null}
      {open ? (
        <ActionDialog
          incidentId={incidentId}
          kind={open}
          onClose={() => setOpen(null)}
          onDone={(run) => {
            setOpen(null);
            setLastRun(run);
          }}
        />
      ) : null}
    </section>
  );
}
