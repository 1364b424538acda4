/** The plain facts of a note and of the incident-notes template, without their validation
 * (./schemas.ts): client components import these and so ship no validation library. */
export const NOTE_MAX_CHARS = 65_536;

export function noteTooLongMessage(length: number): string {
  const [got, max] = [length, NOTE_MAX_CHARS].map((n) => n.toLocaleString("en-US"));
  return `Note is too long: ${got} characters, at most ${max}. Split it or attach a link to the full log.`;
}

/** The ApiHunter runbook's incident-notes template (seed 000, "Incident Notes Template"):
 * "For every rollback event, record: run timestamp and target subset, command/options used,
 * metric values at trigger point, impacted scanners, rollback action taken, follow-up tuning decisions." */
export const TEMPLATE_NOTE_FIELDS = [
  { key: "runTimestamp", label: "Run timestamp", multiline: false },
  { key: "targetSubset", label: "Target subset", multiline: false },
  { key: "command", label: "Command / options used", multiline: true },
  { key: "metricsAtTrigger", label: "Metric values at trigger point", multiline: true },
  { key: "impactedScanners", label: "Impacted scanners", multiline: false },
  { key: "rollbackAction", label: "Rollback action taken", multiline: true },
  { key: "followUp", label: "Follow-up tuning decisions", multiline: true },
] as const;
export type TemplateNoteKey = (typeof TEMPLATE_NOTE_FIELDS)[number]["key"];
export const TEMPLATE_NOTE_KIND = "apihunter_incident_notes";
