import type { AuditRow } from "./queries";

export const AUDIT_CSV_COLUMNS = [
  "id",
  "at",
  "actor_id",
  "actor_name",
  "actor_via",
  "action",
  "outcome",
  "target",
  "message",
  "data",
  "ip",
  "user_agent",
] as const;

/** RFC 4180 field quoting, plus a leading apostrophe for cells a spreadsheet would run as a
 * formula (=, +, -, @, tab, CR). */
export function csvField(value: unknown): string {
  let text =
    value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function auditCsvRow(r: AuditRow): string {
  return (
    [
      r.id,
      r.at,
      r.actorId,
      r.actorName,
      r.actorVia,
      r.action,
      r.outcome,
      r.target,
      r.message,
      r.data,
      r.ip,
      r.userAgent,
    ]
      .map((v) => csvField(typeof v === "number" ? String(v) : v))
      .join(",") + "\r\n"
  );
}
