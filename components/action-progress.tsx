"use client";

import { useMutation, useQuery } from "@tanstack/react-query";

import { addRollbackNoteAction } from "@/app/(console)/actions/actions";
import { ACTION_LABELS } from "@/lib/remediation/action-kinds";
import type { ActionRunDto } from "@/lib/remediation/store";
import { formatDiffLine } from "@/lib/kube/diff";
import { actionKeys } from "@/lib/query-keys";

/** Progress of the last action: polls GET /api/actions/[id] while verification runs. */
export function ActionProgress({ initial }: { initial: ActionRunDto }) {
  const runId = initial.id;
  const run = useQuery({
    queryKey: actionKeys.run(runId),
    initialData: initial,
    queryFn: async (): Promise<ActionRunDto> => {
      const res = await fetch(`/api/actions/${runId}`, { cache: "no-store" });
      if (!res.ok) throw new Error(((await res.json()) as { error: string }).error);
      return (await res.json()) as ActionRunDto;
    },
    refetchInterval: (q) => (q.state.data?.verification === "verifying" || !q.state.data ? 1_000 : false),
  });
  const note = useMutation({ mutationFn: () => addRollbackNoteAction({ actionId: runId }) });
  const r = run.data;
  if (!r) return <p className="text-sm text-zinc-500">{run.error ? run.error.message : "Loading action…"}</p>;
  const verification =
    r.verification === "verifying"
      ? `Verifying… ${r.verifyDetail ?? "waiting for endpoints"}`
      : r.verification === "verified"
        ? `Verified: ${r.verifyDetail ?? ""}`
        : r.verification === "not_verified"
          ? `Not verified — escalate: ${r.verifyDetail ?? ""}`
          : null;
  return (
    <div
      role="status"
      aria-label="Action progress"
      className="space-y-1 rounded bg-zinc-50 p-2 text-sm dark:bg-zinc-800/50"
    >
      <p>
        <strong>
          {ACTION_LABELS[r.kind]} #{r.id}
        </strong>{" "}
        {r.outcome} in {r.durationMs ?? "?"} ms — {r.diff.map(formatDiffLine).join("; ") || r.desired}
      </p>
      {verification ? (
        <p className={r.verification === "not_verified" ? "text-red-600" : undefined}>{verification}</p>
      ) : null}
      <button
        type="button"
        onClick={() => note.mutate()}
        disabled={note.isPending || note.data?.ok}
        className="rounded border border-zinc-300 px-2 py-1 text-xs dark:border-zinc-700"
      >
        {note.data?.ok ? "Rollback note added" : "Add the runbook's rollback note (pre-filled)"}
      </button>
      {note.data && !note.data.ok ? (
        <span role="alert" className="ml-2 text-red-600">
          {note.data.error}
        </span>
      ) : null}
    </div>
  );
}
