"use client";

import { useQuery } from "@tanstack/react-query";

import { actionKeys } from "@/lib/query-keys";
import type { ActionKind } from "@/lib/remediation/action-kinds";

/** Seed 001 "Scale up for high load": `kubectl scale deployment api-optimizer --replicas=10`. */
export const RUNBOOK_SCALE_UP_REPLICAS = 10;

type History = {
  current: number | null;
  revisions: Array<{ revision: number; images: string[]; changeCause: string | null }>;
};

/** The inputs some actions need: replicas for scale, the target revision for undo. */
export function ActionParams(props: {
  kind: ActionKind;
  incidentId: number;
  replicas: number;
  maxReplicas: number;
  onReplicas(n: number): void;
  toRevision: number | null;
  onRevision(n: number | null): void;
}) {
  const history = useQuery({
    queryKey: actionKeys.rolloutHistory(props.incidentId),
    enabled: props.kind === "undo",
    queryFn: async (): Promise<History> => {
      const res = await fetch(`/api/actions/views?incidentId=${props.incidentId}&view=history`, {
        cache: "no-store",
      });
      const body = (await res.json()) as History | { error: string };
      if ("error" in body) throw new Error(body.error);
      return body;
    },
  });
  if (props.kind === "scale") {
    return (
      <label className="block text-sm">
        <span className="mb-1 block font-medium">Replicas</span>
        <input
          type="number"
          min={0}
          max={props.maxReplicas}
          value={props.replicas}
          onChange={(e) =>
            props.onReplicas(Math.max(0, Math.min(props.maxReplicas, Number(e.target.value) || 0)))
          }
          className="w-24 rounded border border-zinc-300 bg-transparent px-2 py-1 dark:border-zinc-700"
        />
      </label>
    );
  }
  if (props.kind === "undo") {
    return (
      <label className="block text-sm">
        <span className="mb-1 block font-medium">Roll back to</span>
        <select
          value={props.toRevision ?? ""}
          onChange={(e) => props.onRevision(e.target.value ? Number(e.target.value) : null)}
          className="rounded border border-zinc-300 bg-transparent px-2 py-1 dark:border-zinc-700"
        >
          <option value="">Previous revision</option>
          {(history.data?.revisions ?? [])
            .filter((r) => r.revision !== history.data?.current)
            .map((r) => (
              <option key={r.revision} value={r.revision}>
                Revision {r.revision}: {r.images.join(", ")}
                {r.changeCause ? ` (${r.changeCause})` : ""}
              </option>
            ))}
        </select>
        {history.error ? <span className="ml-2 text-red-600">{history.error.message}</span> : null}
      </label>
    );
  }
  if (props.kind === "containment") {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Seed 001 “Security Incident Response”: saves the last 24 h of the pods’ logs to this incident, applies
        a NetworkPolicy denying all ingress to the app’s pods, then scales the deployment to 0.
      </p>
    );
  }
  return null;
}
