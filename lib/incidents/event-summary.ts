import { EVENT_KIND_LABELS } from "./event-kinds";
import { INCIDENT_ROLES, ROLE_LABELS } from "./roles";
import { TEMPLATE_NOTE_KIND } from "./note-fields";
import { isScannerRunData, scannerRunSentence } from "./scanner-run-summary";
import { SEVERITIES, SEVERITY_LEVELS } from "@/lib/runbook/sev-levels";
import { STATUS_LABELS, STATUSES } from "./status";
import type { TimelineEventDto } from "./types";

/** One sentence per event, from its structured data, for the timeline and the review; the actor
 * is shown beside it. Reasons, metric snapshots and commands are shown separately
 * (event-details.ts). Unknown shapes (kinds later added) fall back to the body's first line. */
export function summarizeEvent(e: TimelineEventDto): string {
  const d = e.data;
  switch (e.kind) {
    case "status_change":
      if (d.from === null && d.to === "declared") {
        const sev = isOneOf(SEVERITIES, d.severity) ? SEVERITY_LEVELS[d.severity].label : "";
        const on = typeof d.service === "string" ? ` on ${d.service}` : "";
        const title = typeof d.title === "string" ? `: ${d.title}` : "";
        return `Declared ${sev}${on}${title}`.replace("Declared  on", "Declared on");
      }
      if (isOneOf(STATUSES, d.from) && isOneOf(STATUSES, d.to))
        return `Moved the incident from ${STATUS_LABELS[d.from]} to ${STATUS_LABELS[d.to]}`;
      break;
    case "severity_change":
      if (isOneOf(SEVERITIES, d.from) && isOneOf(SEVERITIES, d.to))
        return `Changed the severity from ${SEVERITY_LEVELS[d.from].label} to ${SEVERITY_LEVELS[d.to].label}`;
      break;
    case "role_change":
      if (isOneOf(INCIDENT_ROLES, d.role) && typeof d.to === "string") {
        const role = ROLE_LABELS[d.role];
        if (d.declarer === true) return `${d.to} is ${role} (declared the incident)`;
        return `Made ${d.to} ${role}${typeof d.from === "string" ? ` (was ${d.from})` : ""}`;
      }
      break;
    case "acknowledgement":
      return "Acknowledged the page and is responding";
    case "metric_breach":
      if (d.to === null)
        return `SEV cleared${isOneOf(SEVERITIES, d.from) ? ` (was ${SEVERITY_LEVELS[d.from].label})` : ""}: all metrics within thresholds`;
      if (isOneOf(SEVERITIES, d.to))
        return `Metrics put the service at ${SEVERITY_LEVELS[d.to].label}${isOneOf(SEVERITIES, d.from) ? ` (was ${SEVERITY_LEVELS[d.from].label})` : ""}`;
      break;
    case "scanner_run":
      if (isScannerRunData(d.scan)) return scannerRunSentence(d.scan);
      break;
    case "note":
      return d.template === TEMPLATE_NOTE_KIND
        ? "Incident notes (ApiHunter template)"
        : `Note: ${firstLine(e.body)}`;
  }
  return e.body ? firstLine(e.body) : (EVENT_KIND_LABELS[e.kind] ?? e.kind);
}

/** The reason given for a change, if any. */
export function eventReason(e: TimelineEventDto): string | null {
  return typeof e.data.reason === "string" && e.data.reason.trim() ? e.data.reason : null;
}

export function firstLine(text: string, max = 160): string {
  const line = text.trim().split("\n")[0] ?? "";
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function isOneOf<T extends string>(list: readonly T[], v: unknown): v is T {
  return typeof v === "string" && (list as readonly string[]).includes(v);
}
