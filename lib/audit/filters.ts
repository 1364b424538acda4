import { z } from "zod";

const optionalText = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.string().trim().max(200).optional(),
);
const optionalDate = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.coerce.date().optional(),
);

/** Audit page and CSV export filters: person (id or name contains), action (prefix), time range
 * [from, to). Bad values are refused with the field named (route) or ignored (page). */
export const auditFiltersSchema = z.object({
  person: optionalText,
  action: optionalText,
  from: optionalDate,
  to: optionalDate,
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;
