/** The report's records (contract 1.4), field order as ApiHunter serializes them. */
export type Severity = "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "INFO";
export const SEVERITY_RANK: Record<Severity, number> = { CRITICAL: 4, HIGH: 3, MEDIUM: 2, LOW: 1, INFO: 0 };

export type Finding = {
  url: string;
  check: string;
  title: string;
  severity: Severity;
  detail: string;
  evidence?: string;
  remediation?: string;
  confidence?: "HIGH" | "MEDIUM" | "LOW";
  scanner: string;
  timestamp: string;
  metadata?: unknown;
};
export type ErrorRecord = { url: string | null; kind: string; message: string };

/** chrono's AutoSi RFC 3339: "Z" suffix, 0/3/6/9 fractional digits (JS has milliseconds). */
export function utcNow(now = new Date()): string {
  return now.toISOString().replace(".000Z", "Z");
}

export function finding(f: Omit<Finding, "timestamp">): Finding {
  // Serialize in declaration order, dropping absent optionals (serde skip_serializing_if).
  const out: Finding = {
    url: f.url,
    check: f.check,
    title: f.title,
    severity: f.severity,
    detail: f.detail,
  } as Finding;
  if (f.evidence !== undefined) out.evidence = f.evidence;
  if (f.remediation !== undefined) out.remediation = f.remediation;
  if (f.confidence !== undefined) out.confidence = f.confidence;
  out.scanner = f.scanner;
  out.timestamp = utcNow();
  if (f.metadata !== undefined) out.metadata = f.metadata;
  return out;
}
