/**
 * The runbook's incident-notes template (runbook 000 · Incident Notes Template: "For every
 * rollback event, record: run timestamp and target subset, command/options used, metric values at
 * trigger point, impacted scanners, rollback action taken, follow-up tuning decisions") filled
 * from a scan and its triggers, pure. The operator reviews and edits it before it is saved.
 */
import type { TemplateNoteFields } from "@/lib/incidents/schemas";

import { BACK_TO_PASSIVE_FLAGS } from "../runner/command";
import type { FiredTrigger } from "./live";

export const STAGE_TEXT: Record<string, string> = {
  passive: "stage 0 · passive baseline",
  canary1: "stage 1 · canary",
  canary2: "stage 2 · canary",
  full: "stage 3 · full scope",
  "back-to-passive": "back to passive",
};

export type NotesScan = {
  id: number;
  environment: string;
  stage: string;
  status: string;
  createdAt: Date;
  startedAt: Date | null;
  targetUrls: string[];
  subsetFraction: number | null;
  subsetSeed: string | null;
  argv: string[] | null;
  triggers: FiredTrigger[];
};

export type NotesRun = { scannerErrors: Record<string, number>; newHighScanners: string[] } | null;
export type NotesRollback = { id: number; status: string; argv: string[] | null } | null;

const FOLLOW_UP: Record<string, string> = {
  retry_ratio:
    "Retry pressure: keep --retries 1, lower --concurrency or raise --delay-ms for these targets before the next canary, and agree a scan window with the target owner.",
  error_pressure:
    "Error pressure: check which targets failed (errors list of the run) and whether they are reachable from the scanner before scanning them actively again.",
  high_spike:
    "New HIGH/CRITICAL spike: triage every new finding (false positive / accepted risk / fixed) before widening; record scanner-specific false positives.",
  operator_report:
    "Operator report: confirm the impact with the target owner and the scan window before any active stage resumes.",
};

function ratio(t: FiredTrigger): string {
  const s = t.snapshot;
  if (!s) return "";
  const parts: string[] = [];
  if (s.httpRequests !== null && s.httpRequests !== undefined)
    parts.push(`http_requests ${s.httpRequests}, http_retries ${s.httpRetries ?? 0}`);
  if (s.scanned !== null && s.scanned !== undefined)
    parts.push(`scanned ${s.scanned}, error URLs ${s.errorUrls}`);
  parts.push(`findings so far ${s.findings}, new HIGH/CRITICAL ${s.newHighCritical}`);
  return ` [${parts.join("; ")}]`;
}

export function incidentNotesFromScan(
  scan: NotesScan,
  run: NotesRun,
  rollback: NotesRollback,
): TemplateNoteFields {
  const n = scan.targetUrls.length;
  const subset =
    scan.subsetFraction !== null
      ? `${Math.round(scan.subsetFraction * 1000) / 10} % subset, seed ${scan.subsetSeed ?? "—"}`
      : "all approved targets";
  const shown = scan.targetUrls.slice(0, 10).join(", ");
  const more = n > 10 ? ` and ${n - 10} more` : "";
  const metrics = scan.triggers.length
    ? scan.triggers
        .map(
          (t) =>
            `${t.message} (${t.during ?? "after the run"}, ${t.firedAt ?? "time not recorded"})${ratio(t)}`,
        )
        .join("\n")
    : "No trigger recorded.";
  const erroring = run ? Object.entries(run.scannerErrors).filter(([, v]) => v > 0) : [];
  const impacted = run
    ? [
        ...erroring.map(([k, v]) => `${k} (${v} error${v === 1 ? "" : "s"})`),
        ...run.newHighScanners
          .filter((s) => !erroring.some(([k]) => k === s))
          .map((s) => `${s} (new HIGH/CRITICAL)`),
      ].join(", ") ||
      "none with scanner errors or new HIGH/CRITICAL (ApiHunter does not count retries per scanner)"
    : `not known: scan #${scan.id} has no report (${scan.status.replace("_", " ")})`;
  const planned = `active checks off (no --active-checks), ${BACK_TO_PASSIVE_FLAGS.join(" ")}, then the passive baseline rerun to confirm stability`;
  const rollbackAction = rollback
    ? `Back to passive: ${planned} — scan #${rollback.id}, ${rollback.status.replace("_", " ")}.`
    : `Back to passive (not yet run): ${planned}.`;
  const kinds = [...new Set(scan.triggers.map((t) => t.kind))];
  return {
    runTimestamp: (scan.startedAt ?? scan.createdAt).toISOString(),
    targetSubset:
      `${STAGE_TEXT[scan.stage] ?? scan.stage} on ${scan.environment}: ${n} URL${n === 1 ? "" : "s"} (${subset}): ${shown}${more}`.slice(
        0,
        2000,
      ),
    command: scan.argv?.length
      ? `apihunter ${scan.argv.join(" ")}`
      : "Not recorded (the scan did not start).",
    metricsAtTrigger: metrics.slice(0, 4000),
    impactedScanners: impacted.slice(0, 2000),
    rollbackAction,
    followUp: (
      kinds
        .map((k) => FOLLOW_UP[k])
        .filter(Boolean)
        .join("\n") || "None decided yet."
    ).slice(0, 4000),
  };
}
