import { EVENT_KIND_LABELS } from "./event-kinds";
import { INCIDENT_ROLES, ROLE_LABELS } from "./roles";
import { TEMPLATE_NOTE_KIND } from "./schemas";
import { SEVERITIES, SEVERITY_LEVELS } from "@/lib/runbook/sev-levels";
import { STATUS_LABELS, STATUSES } from "./status";
import type { TimelineEventDto } from "./types";

/** One line per event for the review and the timeline headings, from the event's structured data.
 * Unknown shapes (kinds later issues add) fall back to the kind's label. */
export function summarizeEvent(e: TimelineEventDto): string {
  const d = e.data;
  const reason = typeof d.reason === "string" && d.reason ? ` — reason: ${d.reason}` : "";
  switch (e.kind) {
    case "status_change":
      if (d.from === null && d.to === "declared") {
        const sev = isOneOf(SEVERITIES, d.severity) ? SEVERITY_LEVELS[d.severity].label : "";
        return `Declared ${sev}${typeof d.service === "string" ? ` on ${d.service}` : ""}`.trim();
      }
      if (isOneOf(STATUSES, d.from) && isOneOf(STATUSES, d.to)) {
        return `Status ${STATUS_LABELS[d.from]} → ${STATUS_LABELS[d.to]}${reason}`;
      }
      break;
    case "severity_change":
      if (isOneOf(SEVERITIES, d.from) && isOneOf(SEVERITIES, d.to)) {
        return `Severity ${SEVERITY_LEVELS[d.from].label} → ${SEVERITY_LEVELS[d.to].label}${reason}`;
      }
      break;
    case "role_change":
      if (isOneOf(INCIDENT_ROLES, d.role) && typeof d.to === "string") {
        return `${ROLE_LABELS[d.role]}: ${typeof d.from === "string" ? `${d.from} → ` : ""}${d.to}`;
      }
      break;
    case "note":
      return d.template === TEMPLATE_NOTE_KIND
        ? "Incident notes (ApiHunter template)"
        : `Note: ${firstLine(e.body)}`;
  }
  return e.body
    ? `${EVENT_KIND_LABELS[e.kind] ?? e.kind}: ${firstLine(e.body)}`
    : (EVENT_KIND_LABELS[e.kind] ?? e.kind);
}

function firstLine(text: string, max = 120): string {
  const line = text.trim().split("\n")[0] ?? "";
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function isOneOf<T extends string>(list: readonly T[], v: unknown): v is T {
  return typeof v === "string" && (list as readonly string[]).includes(v);
}
