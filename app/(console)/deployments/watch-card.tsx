import { clsx } from "clsx";

import { PermissionGate } from "@/components/permission-gate";
import { progressOf } from "@/lib/deployments/decide";
import type { WatchDto } from "@/lib/deployments/store";

import { endWatchFormAction } from "./actions";
import { DeployForm } from "./deploy-form";

const STATE_TEXT: Record<WatchDto["state"], string> = {
  watching: "Watching",
  completed: "Completed",
  rolled_back: "Rolled back",
  ended: "Ended",
  failed: "Failed",
  degraded: "Degraded",
};

const KIND_TEXT: Record<WatchDto["mode"], string> = {
  blue_green: "blue-green",
  emergency: "emergency",
  rollout: "rollout",
};

/** One watch: its progress bar, each check's result, how it ended, and end/roll back. */
export function WatchCard({ watch }: { watch: WatchDto }) {
  const progress = progressOf(watch.checks.length, watch.totalChecks);
  const seconds = Math.round(watch.intervalMs / 100) / 10;
  return (
    <article
      aria-label={`Watch #${watch.id}`}
      className="space-y-2 rounded border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <header className="flex flex-wrap items-baseline gap-2 text-sm">
        <h3 className="font-semibold">
          #{watch.id} {watch.service} → {watch.toValue}
        </h3>
        <span className="text-zinc-500">
          {KIND_TEXT[watch.mode]} · by {watch.startedBy} · a check every {seconds} s
        </span>
        <span
          role="status"
          aria-label="Watch state"
          className={clsx(
            "rounded px-2 py-0.5 text-xs font-medium",
            watch.state === "watching" && "bg-sky-500/15 text-sky-800 dark:text-sky-300",
            watch.state === "completed" && "bg-emerald-500/15 text-emerald-800 dark:text-emerald-300",
            (watch.state === "rolled_back" || watch.state === "failed" || watch.state === "degraded") &&
              "bg-red-500/15 text-red-800 dark:text-red-300",
          )}
        >
          {STATE_TEXT[watch.state]}
        </span>
      </header>
      {watch.mode === "rollout" ? (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          {watch.preChecks.map((c) => `${c.name}: ${c.detail}`).join(" · ")}
        </p>
      ) : null}
      <div className="flex items-center gap-2">
        <div
          role="progressbar"
          aria-label={`Checks of watch #${watch.id}`}
          aria-valuemin={0}
          aria-valuemax={watch.totalChecks ?? undefined}
          aria-valuenow={watch.checks.length}
          aria-valuetext={progress.label}
          className="h-2 w-64 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
        >
          <div
            className={clsx("h-full", watch.checks.some((c) => !c.ok) ? "bg-red-500" : "bg-emerald-500")}
            style={{ width: `${Math.round((progress.fraction ?? 1) * 100)}%` }}
          />
        </div>
        <span className="text-sm tabular-nums">{progress.label}</span>
      </div>
      <ol aria-label="Check results" className="space-y-0.5 text-xs">
        {watch.checks.map((c) => (
          <li
            key={c.n}
            className={c.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}
          >
            Check {c.n}: {c.ok ? "passed" : "FAILED"} — {c.detail}{" "}
            <span className="text-zinc-500">{c.at.slice(11, 19)} UTC</span>
          </li>
        ))}
      </ol>
      {watch.outcome ? <p className="text-sm font-medium">{watch.outcome}</p> : null}
      {watch.state === "watching" || watch.state === "degraded" ? (
        <PermissionGate permission="cluster:act:destructive" compact>
          <div className="flex flex-wrap gap-2">
            {watch.mode !== "rollout" || watch.previousRevision !== null ? (
              <DeployForm
                action={endWatchFormAction}
                label={`Roll back watch #${watch.id}`}
                submit={
                  watch.mode === "rollout"
                    ? `Undo rollout → revision ${watch.previousRevision}`
                    : "Roll back to stable"
                }
              >
                <input type="hidden" name="watchId" value={watch.id} />
                <input type="hidden" name="how" value="rollback" />
              </DeployForm>
            ) : null}
            <DeployForm
              action={endWatchFormAction}
              label={`End watch #${watch.id}`}
              submit={watch.mode === "rollout" ? `Keep ${watch.toValue}` : "End watch, keep traffic"}
            >
              <input type="hidden" name="watchId" value={watch.id} />
              <input type="hidden" name="how" value="keep" />
            </DeployForm>
          </div>
        </PermissionGate>
      ) : null}
    </article>
  );
}
