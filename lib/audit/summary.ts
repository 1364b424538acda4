/** What the audit log keeps of an input: a compact, secret-free summary. Keys that look like
 * credentials are replaced by "[redacted]", long strings are cut, and at most MAX_KEYS keys
 * are kept, so a row stays small and never carries a password, token or file content. */
const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|cookie|authorization|credential|private/i;
const MAX_KEYS = 20;
const MAX_STRING = 120;

export type AuditSummary = Record<string, string | number | boolean | null>;

export function summarizeInput(input: unknown): AuditSummary {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    return input === undefined ? {} : { value: compact(input) };
  }
  const out: AuditSummary = {};
  const entries = Object.entries(input as Record<string, unknown>);
  for (const [key, value] of entries.slice(0, MAX_KEYS)) {
    out[key] = SECRET_KEY.test(key) ? "[redacted]" : compact(value);
  }
  if (entries.length > MAX_KEYS) out["…"] = `${entries.length - MAX_KEYS} more keys`;
  return out;
}

function compact(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "boolean") return value;
  const text = typeof value === "string" ? value : safeJson(value);
  return text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}… (${text.length} chars)` : text;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (k, v: unknown) => (k && SECRET_KEY.test(k) ? "[redacted]" : v)) ?? "";
  } catch {
    return String(value);
  }
}
