"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";

import { runClusterActionAction } from "@/app/(console)/actions/actions";
import type { ActionPreview } from "@/lib/remediation/preview";
import type { ActionRunDto } from "@/lib/remediation/store";
import { ACTION_LABELS, MAX_REPLICAS, type ActionKind } from "@/lib/remediation/action-kinds";
import { formatDiffLine } from "@/lib/kube/diff";
import { actionKeys } from "@/lib/query-keys";
import { incidentKeys } from "@/lib/incidents/query-keys";
import { ActionParams, RUNBOOK_SCALE_UP_REPLICAS } from "@/components/action-params";
import { AccessAdviceNote } from "@/components/access-advice-note";
import { ActionPreflight } from "@/components/action-preflight";

type Props = {
  incidentId: number;
  kind: ActionKind;
  /** A scale opened from a playbook step starts at the step's count (else the runbook's 10). */
  initialReplicas?: number | null;
  onClose(): void;
  onDone(run: ActionRunDto): void;
};

async function fetchPreview(query: string): Promise<ActionPreview> {
  const res = await fetch(`/api/actions/preview?${query}`, { cache: "no-store" });
  const body = (await res.json()) as ActionPreview | { error: string };
  if ("error" in body) throw new Error(body.error);
  return body;
}

/** The dry run behind the dialog. Prefetched when the page shows the buttons so the dialog opens
 * with it (a few seconds old at most, then refreshed); the server re-plans and guards the real
 * change with a json-patch test anyway. */
export function previewQuery(params: URLSearchParams) {
  const query = params.toString();
  return {
    queryKey: actionKeys.preview(query),
    queryFn: () => fetchPreview(query),
    retry: false,
    staleTime: 5_000,
  };
}

export function previewParams(
  incidentId: number,
  kind: ActionKind,
  extra: { replicas?: number; toRevision?: number | null; variant?: "add-label" | null } = {},
) {
  const params = new URLSearchParams({ incidentId: String(incidentId), kind });
  if (kind === "scale") params.set("replicas", String(extra.replicas ?? RUNBOOK_SCALE_UP_REPLICAS));
  if (kind === "undo" && extra.toRevision != null) params.set("toRevision", String(extra.toRevision));
  if (kind === "rollback" && extra.variant) params.set("variant", extra.variant);
  return params;
}

/** Confirm dialog: server-side dry run (before → after), the equivalent kubectl command and
 * the permission check; the confirm button is focused so Enter confirms. */
export function ActionDialog({ incidentId, kind, initialReplicas, onClose, onDone }: Props) {
  const titleId = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const [replicas, setReplicas] = useState(
    kind === "scale" ? (initialReplicas ?? RUNBOOK_SCALE_UP_REPLICAS) : 0,
  );
  const [toRevision, setToRevision] = useState<number | null>(null);
  // The add-label variant of the rollback: chosen explicitly, then confirmed on its own.
  const [variant, setVariant] = useState<"add-label" | null>(null);
  const params = previewParams(incidentId, kind, { replicas, toRevision, variant });
  const preview = useQuery(previewQuery(params));
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => runClusterActionAction(Object.fromEntries(params)),
    // The action's answer carries only its result: the incident's live feed is read at once
    // (the run's event, or the approval request's), its news refreshes the page's panels, and
    // the next dry run is of the changed cluster. Not awaited: the result shows at once.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: incidentKeys.allEvents(incidentId) });
      void queryClient.invalidateQueries({ queryKey: actionKeys.all, refetchType: "none" });
    },
  });
  const result = mutation.data;

  useEffect(() => {
    if (preview.data && !preview.data.isNoop) confirmRef.current?.focus();
  }, [preview.data]);
  useEffect(() => {
    // Interrupted runs settled on the way are shown first; the person continues from there.
    if (result?.ok && result.data.status === "done" && result.data.notices.length === 0)
      onDone(result.data.run);
  }, [result, onDone]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  const data = preview.data;
  const canConfirm =
    !!data &&
    !data.isNoop &&
    !data.refusal &&
    !data.dryRunError &&
    !mutation.isPending &&
    !(result?.ok ?? false);
  return (
    // The overlay scrolls: a long preview (pods, diff, logs) keeps Confirm and Cancel reachable.
    <div className="fixed inset-0 z-50 flex items-start justify-center overflow-y-auto bg-black/50 p-4 pt-[10vh]">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="w-full max-w-2xl space-y-3 rounded-lg bg-white p-4 shadow-xl dark:bg-zinc-900"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {ACTION_LABELS[kind]}
          {variant ? `: add ${data?.labelToAdd ?? "the label"} to the selector` : ""}
        </h2>
        <ActionParams
          kind={kind}
          incidentId={incidentId}
          replicas={replicas}
          maxReplicas={MAX_REPLICAS}
          onReplicas={setReplicas}
          toRevision={toRevision}
          onRevision={setToRevision}
        />
        {preview.isPending ? <p className="text-sm text-zinc-500">Dry run on the cluster…</p> : null}
        {preview.error ? (
          <p role="alert" className="rounded bg-red-500/10 px-2 py-1 text-sm text-red-700 dark:text-red-300">
            {preview.error.message}
          </p>
        ) : null}
        {data ? (
          <div className="space-y-2 text-sm">
            <p>{data.describe}</p>
            <ActionPreflight data={data} onAddLabel={variant ? null : () => setVariant("add-label")} />
            <div>
              <h3 className="font-medium">Change (server dry run)</h3>
              {data.isNoop ? (
                <p>
                  Nothing to change
                  {data.lastRun
                    ? ` — already done by ${data.lastRun.actor} at ${new Date(data.lastRun.at).toLocaleTimeString()}`
                    : ""}
                  .
                </p>
              ) : data.dryRunError ? (
                <p role="alert" className="text-red-700 dark:text-red-300">
                  Dry run refused: {data.dryRunError}
                </p>
              ) : (
                <ul aria-label="Dry-run diff" className="font-mono">
                  {data.diff.map((line) => (
                    <li key={line.path}>{formatDiffLine(line)}</li>
                  ))}
                </ul>
              )}
            </div>
            <div>
              <h3 className="font-medium">Equivalent kubectl command</h3>
              <pre
                aria-label="kubectl command"
                className="overflow-x-auto rounded bg-zinc-100 p-2 text-xs whitespace-pre-wrap dark:bg-zinc-800"
              >
                {data.kubectl}
              </pre>
            </div>
            <AccessAdviceNote access={data.access} />
          </div>
        ) : null}
        {result && !result.ok ? (
          <p role="alert" className="rounded bg-red-500/10 px-2 py-1 text-sm text-red-700 dark:text-red-300">
            {result.error}
          </p>
        ) : null}
        {result?.ok && result.data.status !== "done" ? (
          <p role="status" className="text-sm">
            {result.data.message}
          </p>
        ) : null}
        {result?.ok && result.data.notices.length > 0 ? (
          <ul aria-label="Interrupted runs settled" className="text-sm text-amber-700 dark:text-amber-300">
            {result.data.notices.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        ) : null}
        {result?.ok && result.data.status === "done" && result.data.notices.length > 0 ? (
          <button
            type="button"
            onClick={() => result.data.status === "done" && onDone(result.data.run)}
            className="rounded border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700"
          >
            Continue: follow the new run
          </button>
        ) : null}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (canConfirm) mutation.mutate();
          }}
          className="flex justify-end gap-2"
        >
          <button
            type="button"
            onClick={onClose}
            className="rounded border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700"
          >
            Cancel
          </button>
          <button
            ref={confirmRef}
            type="submit"
            disabled={!canConfirm}
            className="rounded bg-sev-0 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
          >
            {mutation.isPending
              ? "Applying…"
              : variant
                ? `Confirm: add ${data?.labelToAdd ?? "the label"} to the selector`
                : `Confirm ${ACTION_LABELS[kind].toLowerCase()}`}
          </button>
        </form>
      </div>
    </div>
  );
}
