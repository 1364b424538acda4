/** The optimizer operations (runbook 001 · Weekly Maintenance, Backup and Recovery,
 * Performance Tuning) and how they read on the timeline and the page. */
export const OPERATION_KINDS = [
  "cache_optimize",
  "cache_snapshot",
  "cache_restore",
  "config_backup",
  "config_restore",
  "autotune_apply",
  "maintenance",
] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

export const OPERATION_LABELS: Record<OperationKind, string> = {
  cache_optimize: "Cache optimize",
  cache_snapshot: "Cache snapshot",
  cache_restore: "Cache restore",
  config_backup: "Configuration backup",
  config_restore: "Configuration restore",
  autotune_apply: "Auto-tuning change",
  maintenance: "Weekly maintenance",
};

export type OperationOutcome = "pending" | "succeeded" | "failed";

/** One item of a maintenance run: done by Firebreak ("ok"/"failed"), or left to a person
 * ("manual": the step runs outside Firebreak; "done"/"skipped" as the person said). */
export type ChecklistStatus = "ok" | "failed" | "manual" | "done" | "skipped";
export type ChecklistItem = { name: string; status: ChecklistStatus; detail: string };
