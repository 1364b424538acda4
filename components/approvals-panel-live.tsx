"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { decideApprovalAction } from "@/app/(console)/approvals/actions";
import { approvalControls, type ApprovalViewer } from "@/lib/approvals/controls";
import type { ApprovalDto } from "@/lib/approvals/types";
import type { Severity } from "@/lib/runbook/sev-levels";

type Props = { incidentId: number; severity: Severity; viewer: ApprovalViewer; initial: ApprovalDto[] };

const STATE_LABEL: Record<ApprovalDto["state"], string> = {
  pending: "Waiting for approval",
  approved: "Approved — running",
  denied: "Denied",
  executed: "Approved and run",
  failed: "Approved; the action failed",
  expired: "Expired (no decision in 10 minutes)",
};

async function fetchApprovals(incidentId: number): Promise<ApprovalDto[]> {
  const res = await fetch(`/api/approvals?incidentId=${incidentId}`, { cache: "no-store" });
  const body = (await res.json()) as { approvals?: ApprovalDto[]; error?: string };
  if (!res.ok || !body.approvals) throw new Error(body.error ?? `HTTP ${res.status}`);
  return body.approvals;
}

/** Live list (every 3 s) of the incident's approval requests; nothing when there are none. */
export function ApprovalsPanelLive({ incidentId, severity, viewer, initial }: Props) {
  const query = useQuery({
    queryKey: ["approvals", incidentId],
    queryFn: () => fetchApprovals(incidentId),
    initialData: initial,
    refetchInterval: 3_000,
  });
  const approvals = query.data;
  if (approvals.length === 0) return null;
  return (
    <section
      aria-labelledby="approvals-heading"
      className="space-y-2 rounded-lg border border-amber-500/50 p-3"
    >
      <h2 id="approvals-heading" className="font-semibold">
        Approvals
      </h2>
      <ul className="space-y-2">
        {approvals.map((a) => (
          <ApprovalItem key={a.id} approval={a} severity={severity} viewer={viewer} />
        ))}
      </ul>
    </section>
  );
}

function ApprovalItem({
  approval: a,
  severity,
  viewer,
}: {
  approval: ApprovalDto;
  severity: Severity;
  viewer: ApprovalViewer;
}) {
  const client = useQueryClient();
  const [reason, setReason] = useState("");
  const mutation = useMutation({
    mutationFn: (input: { verdict: "approve" | "deny"; reason?: string }) =>
      decideApprovalAction({ approvalId: a.id, ...input }),
    onSettled: () => client.invalidateQueries({ queryKey: ["approvals", a.incidentId] }),
  });
  const pending = a.state === "pending";
  const controls = approvalControls(a, viewer, severity);
  const canSelfApprove = controls.approve === "self-approve";
  const result = mutation.data;
  return (
    <li aria-label={`Approval #${a.id}`} className="space-y-1 text-sm">
      <p>
        <span className="font-medium">
          #{a.id} {a.summary}
        </span>{" "}
        — requested by {a.requesterName} at {a.requestedAt.slice(11, 19)} UTC (
        {a.policy === "two-person" ? "needs a second commander" : "needs a commander"})
      </p>
      <p role="status">
        {STATE_LABEL[a.state]}
        {pending ? `, expires ${a.expiresAt.slice(11, 19)} UTC` : ""}
        {a.deciderName ? ` — ${a.selfApproved ? "self-approved" : "decided"} by ${a.deciderName}` : ""}
        {a.reason ? `; reason: ${a.reason}` : ""}
        {a.result ? ` — ${a.result}` : ""}
      </p>
      {controls.note ? (
        <p role="note" className="text-amber-700 dark:text-amber-400">
          {controls.note}
        </p>
      ) : null}
      {canSelfApprove ? (
        <label className="block">
          <span className="text-zinc-600 dark:text-zinc-400">
            SEV-0: no second approver? Approve your own request with a written reason (recorded and shown)
          </span>
          <textarea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            rows={2}
            className="mt-1 block w-full rounded border border-zinc-300 bg-transparent p-1 dark:border-zinc-700"
          />
        </label>
      ) : null}
      {controls.approve || controls.deny ? (
        <div className="flex gap-2">
          {controls.approve ? (
            <button
              type="button"
              disabled={mutation.isPending}
              onClick={() =>
                mutation.mutate({ verdict: "approve", reason: canSelfApprove ? reason : undefined })
              }
              className="rounded bg-sev-0 px-2 py-1 text-white disabled:opacity-50"
            >
              {canSelfApprove ? "Approve my own request (SEV-0)" : `Approve #${a.id}`}
            </button>
          ) : null}
          {controls.deny ? (
            <button
              type="button"
              disabled={mutation.isPending}
              onClick={() => mutation.mutate({ verdict: "deny" })}
              className="rounded border border-zinc-300 px-2 py-1 disabled:opacity-50 dark:border-zinc-700"
            >
              {controls.deny === "withdraw" ? "Withdraw" : `Deny #${a.id}`}
            </button>
          ) : null}
        </div>
      ) : null}
      {result && !result.ok ? (
        <p role="alert" className="text-red-700 dark:text-red-300">
          {result.error}
        </p>
      ) : null}
      {result?.ok && result.data.error ? (
        <p role="alert" className="text-red-700 dark:text-red-300">
          Approved, but the action failed: {result.data.error}
        </p>
      ) : null}
    </li>
  );
}
