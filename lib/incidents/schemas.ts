import { z } from "zod";

import { INCIDENT_ROLES } from "./roles";
import { SEVERITIES } from "@/lib/runbook/sev-levels";
import { STATUSES } from "./status";
import { NOTE_MAX_CHARS, noteTooLongMessage } from "./note-fields";

/** Inputs of every incident action, shared by the server actions and the client forms. */
export {
  NOTE_MAX_CHARS,
  noteTooLongMessage,
  TEMPLATE_NOTE_FIELDS,
  TEMPLATE_NOTE_KIND,
  type TemplateNoteKey,
} from "./note-fields";
export const SUMMARY_MAX_CHARS = 5_000;
const REASON_MAX_CHARS = 2_000;

const trimmed = (label: string, max: number) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, { error: `${label} is required`, abort: true })
    .max(max, `${label} must be at most ${max.toLocaleString("en-US")} characters`);

const optionalReason = z
  .string()
  .trim()
  .max(REASON_MAX_CHARS, `Keep the reason under ${REASON_MAX_CHARS.toLocaleString("en-US")} characters`)
  .optional()
  .transform((v) => (v ? v : undefined));

const idOf = (what: string) =>
  z.coerce
    .number({ error: `${what} id must be a number` })
    .int(`${what} id must be a whole number`)
    .positive(`${what} id must be positive`)
    .max(2_147_483_647, `${what} id is out of range`);

export const incidentIdSchema = idOf("Incident");
export const eventIdSchema = idOf("Event");

export const severitySchema = z.enum(SEVERITIES, {
  error: "Choose a severity: SEV-0, SEV-1, SEV-2 or SEV-3",
});
export const statusSchema = z.enum(STATUSES, { error: "Choose a status" });
export const roleSchema = z.enum(INCIDENT_ROLES, { error: "Choose a role" });

export const declareIncidentSchema = z.object({
  title: z
    .string({ error: "Title is required" })
    .trim()
    .min(1, { error: "Title is required", abort: true })
    .min(3, "Title must be at least 3 characters")
    .max(200, "Title must be at most 200 characters"),
  severity: severitySchema,
  service: trimmed("Affected service", 100),
  summary: z
    .string()
    .trim()
    .max(SUMMARY_MAX_CHARS, `Summary must be at most ${SUMMARY_MAX_CHARS.toLocaleString("en-US")} characters`)
    .optional()
    .default(""),
  /** Incident commander; empty means the declarer. */
  commander: z
    .string()
    .trim()
    .max(100, "Commander name must be at most 100 characters")
    .optional()
    .transform((v) => (v ? v : undefined)),
});
export type DeclareIncidentInput = z.input<typeof declareIncidentSchema>;

export const addNoteSchema = z.object({
  incidentId: incidentIdSchema,
  body: z.string({ error: "Write a note" }).superRefine((v, ctx) => {
    if (v.trim().length === 0) ctx.addIssue({ code: "custom", message: "Write a note" });
    else if (v.length > NOTE_MAX_CHARS)
      ctx.addIssue({ code: "custom", message: noteTooLongMessage(v.length) });
  }),
});
export type AddNoteInput = z.infer<typeof addNoteSchema>;

export const templateNoteFieldsSchema = z.object({
  runTimestamp: trimmed("Run timestamp", 100),
  targetSubset: trimmed("Target subset", 2_000),
  command: trimmed("Command / options used", 4_000),
  metricsAtTrigger: trimmed("Metric values at trigger point", 4_000),
  impactedScanners: trimmed("Impacted scanners", 2_000),
  rollbackAction: trimmed("Rollback action taken", 4_000),
  followUp: trimmed("Follow-up tuning decisions", 4_000),
});
export type TemplateNoteFields = z.infer<typeof templateNoteFieldsSchema>;
export const addTemplateNoteSchema = templateNoteFieldsSchema.extend({ incidentId: incidentIdSchema });
export type AddTemplateNoteInput = z.infer<typeof addTemplateNoteSchema>;

export const changeStatusSchema = z.object({
  incidentId: incidentIdSchema,
  to: statusSchema,
  reason: optionalReason,
});
export type ChangeStatusInput = z.infer<typeof changeStatusSchema>;

export const changeSeveritySchema = z.object({
  incidentId: incidentIdSchema,
  to: severitySchema,
  reason: optionalReason,
});
export type ChangeSeverityInput = z.infer<typeof changeSeveritySchema>;

export const assignRoleSchema = z.object({
  incidentId: incidentIdSchema,
  role: roleSchema,
  person: trimmed("Person", 100),
});
export type AssignRoleInput = z.infer<typeof assignRoleSchema>;

export const acknowledgeSchema = z.object({ incidentId: incidentIdSchema });

export const pinEventSchema = z.object({
  incidentId: incidentIdSchema,
  eventId: eventIdSchema,
  pinned: z.union([z.boolean(), z.enum(["true", "false"])]).transform((v) => v === true || v === "true"),
});
export type PinEventInput = z.infer<typeof pinEventSchema>;

/** Query parameters of the incidents list (bad values are ignored, not errors). */
export const incidentFiltersSchema = z.object({
  status: statusSchema.optional().catch(undefined),
  severity: severitySchema.optional().catch(undefined),
  open: z
    .enum(["1", "0"])
    .optional()
    .catch(undefined)
    .transform((v) => v === "1"),
});
