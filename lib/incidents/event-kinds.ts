/** Timeline event kinds (mirrors the TimelineEventKind enum in prisma/schema/incidents.prisma).
 * Later issues add events of the last four kinds through appendTimelineEvent. */
export const TIMELINE_EVENT_KINDS = [
  "note",
  "status_change",
  "severity_change",
  "role_change",
  "action",
  "metric_breach",
  "scanner_run",
  "playbook_step",
  "acknowledgement",
] as const;
export type TimelineEventKind = (typeof TIMELINE_EVENT_KINDS)[number];

export const EVENT_KIND_LABELS: Record<TimelineEventKind, string> = {
  note: "Note",
  status_change: "Status",
  severity_change: "Severity",
  role_change: "Role",
  action: "Action",
  metric_breach: "Metric breach",
  scanner_run: "Scanner run",
  playbook_step: "Playbook step",
  acknowledgement: "Acknowledged",
};
