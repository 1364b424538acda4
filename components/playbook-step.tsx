"use client";

import { clsx } from "clsx";
import { useState } from "react";

import type { StepView } from "@/lib/playbooks/view";
import { LocalTime } from "@/components/local-time";
import { PlaybookCountdown } from "@/components/playbook-countdown";
import { PlaybookEvidence } from "@/components/playbook-evidence";
import { PlaybookLogTail } from "@/components/playbook-log-tail";

const STATE_TONE: Record<string, string> = {
  pending: "bg-zinc-500/15",
  running: "bg-sev-3/20",
  done: "bg-ok/20",
  skipped: "bg-zinc-500/25 line-through",
  failed: "bg-sev-0/20",
};
const RUN_LABEL: Record<string, string> = { check: "Run check", decision: "Evaluate", read: "Load view" };

export type StepHandlers = {
  run(step: StepView): void;
  openAction(step: StepView): void;
  tick(step: StepView, note: string, link: string): void;
  skip(step: StepView, reason: string): void;
};

/** One step of a run: state, who/when, deadline countdown, the runbook source and evidence. */
export function PlaybookStep({
  incidentId,
  runId,
  step,
  selected,
  busy,
  error,
  doTitle,
  onSelect,
  handlers,
}: {
  incidentId: number;
  runId: number;
  step: StepView;
  selected: boolean;
  busy: boolean;
  error: string | null;
  doTitle: string | null;
  onSelect(): void;
  handlers: StepHandlers;
}) {
  const [note, setNote] = useState("");
  const [link, setLink] = useState("");
  const [reason, setReason] = useState("");
  const open = step.state === "pending" || step.state === "failed";
  return (
    <li
      data-step={step.id}
      aria-current={selected ? "step" : undefined}
      aria-label={step.title}
      onClick={onSelect}
      className={clsx(
        "space-y-1 rounded border px-2 py-1.5",
        selected ? "border-sev-3 ring-2 ring-sev-3/40" : "border-zinc-200 dark:border-zinc-800",
        step.overdue && step.tookMs === null && "border-sev-0/70",
        step.recommendedBy && open && "border-sev-0 bg-sev-0/5",
      )}
    >
      <div className="flex flex-wrap items-center gap-2">
        <span data-testid="step-state" className={clsx("rounded px-1.5 text-xs", STATE_TONE[step.state])}>
          {busy ? "running" : step.state}
        </span>
        <span className="text-sm font-medium">{step.title}</span>
        <span className="text-xs text-zinc-500">{step.kind}</span>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <PlaybookCountdown
          deadlineAt={step.deadlineAt}
          deadlineMs={step.deadlineMs}
          tookMs={step.tookMs}
          state={step.state}
        />
        {step.actor && step.finishedAt ? (
          <span className="text-xs text-zinc-500">
            by {step.actor} at <LocalTime iso={step.finishedAt} timeOnly />
          </span>
        ) : null}
      </div>
      <p className="text-xs text-zinc-500">
        runbook {step.source.runbook} · {step.source.section} · line {step.source.lines}
        {step.note ? ` — ${step.note}` : ""}
      </p>
      {step.recommendedBy && open ? (
        <p className="text-sm font-medium text-red-700 dark:text-red-300">
          Recommended by: {step.recommendedBy}
        </p>
      ) : null}
      {step.outcome && step.kind !== "check" && step.kind !== "read" && step.kind !== "decision" ? (
        <p className="text-sm">{step.outcome}</p>
      ) : null}
      <PlaybookEvidence result={step.result} doTitle={doTitle} />
      {step.kind === "read" && step.view === "errors" ? (
        <PlaybookLogTail
          incidentId={incidentId}
          stepKey={`${runId}:${step.id}`}
          title={step.title}
          sinceMinutes={step.sinceMinutes ?? 15}
        />
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-2" onClick={(e) => e.stopPropagation()}>
        {RUN_LABEL[step.kind] ? (
          <button
            type="button"
            disabled={busy}
            onClick={() => handlers.run(step)}
            className="rounded border border-zinc-300 px-2 py-0.5 text-xs dark:border-zinc-700"
          >
            {step.state === "pending" ? RUN_LABEL[step.kind] : `${RUN_LABEL[step.kind]} again`}
          </button>
        ) : null}
        {step.kind === "action" && open ? (
          <button
            type="button"
            onClick={() => handlers.openAction(step)}
            className="rounded bg-sev-0 px-2 py-0.5 text-xs font-medium text-white"
          >
            Open {step.title}
          </button>
        ) : null}
        {step.kind === "manual" && open ? (
          <form
            className="flex flex-wrap items-center gap-1"
            onSubmit={(e) => {
              e.preventDefault();
              handlers.tick(step, note, link);
            }}
          >
            <input
              aria-label={`Note for ${step.title}`}
              placeholder="note (optional)"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              className="rounded border border-zinc-300 px-1 text-xs dark:border-zinc-700 dark:bg-zinc-900"
            />
            <input
              aria-label={`Link for ${step.title}`}
              placeholder="link (optional)"
              value={link}
              onChange={(e) => setLink(e.target.value)}
              className="rounded border border-zinc-300 px-1 text-xs dark:border-zinc-700 dark:bg-zinc-900"
            />
            <button
              type="submit"
              disabled={busy}
              className="rounded border border-zinc-300 px-2 py-0.5 text-xs dark:border-zinc-700"
            >
              Mark done
            </button>
          </form>
        ) : null}
        {open ? (
          <form
            className="flex items-center gap-1"
            onSubmit={(e) => {
              e.preventDefault();
              if (reason.trim()) handlers.skip(step, reason);
            }}
          >
            <input
              aria-label={`Reason to skip ${step.title}`}
              placeholder="skip reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              className="w-28 rounded border border-zinc-300 px-1 text-xs dark:border-zinc-700 dark:bg-zinc-900"
            />
            <button
              type="submit"
              disabled={busy || !reason.trim()}
              className="rounded px-2 py-0.5 text-xs underline"
            >
              Skip
            </button>
          </form>
        ) : null}
      </div>
    </li>
  );
}
