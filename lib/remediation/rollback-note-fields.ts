import { formatDiffLine } from "@/lib/kube/diff";

import { ACTION_LABELS } from "./schemas";
import type { ActionRunDto } from "./store";

/** The seed 000 incident-notes template fields, from an action run (pure). */
export function buildRollbackNoteFields(
  run: ActionRunDto,
  metrics: Partial<Record<string, number | null>>,
  metricsAt: Date | null,
) {
  const metricText = Object.entries(metrics)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  const change = run.diff.map(formatDiffLine).join("; ") || run.desired;
  const outcome =
    run.outcome === "succeeded"
      ? `succeeded in ${run.durationMs ?? "?"} ms${run.verifyDetail ? `; ${run.verifyDetail}` : ""}`
      : `${run.outcome}${run.error ? `: ${run.error}` : ""}`;
  return {
    runTimestamp: run.startedAt,
    targetSubset: `${run.target} (service ${run.service})`,
    command: run.kubectlCommand || "(none)",
    metricsAtTrigger: metricText
      ? `${metricText}${metricsAt ? ` at ${metricsAt.toISOString()}` : ""}`
      : "No metric values recorded.",
    impactedScanners: "None (Kubernetes action).",
    rollbackAction: `${ACTION_LABELS[run.kind]} #${run.id} by ${run.actor}: ${change} — ${outcome}`,
    followUp: "To be decided at the incident review.",
  };
}
