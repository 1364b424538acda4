/**
 * zod schemas of an ApiHunter 0.3.0 run report, exactly as `src/reports.rs` serializes it
 * (`meta`, `summary`, `findings`, `errors`). Unknown extra fields are tolerated (stripped), so a
 * newer ApiHunter that adds a field still ingests.
 */
import { z } from "zod";

/** zod error option: "required field is missing" when absent, else "expected <what>". */
function expecting(what: string) {
  return {
    error: (issue: { input?: unknown }) =>
      issue.input === undefined ? "required field is missing" : `expected ${what}`,
  };
}

export const count = z
  .number(expecting("a non-negative integer"))
  .int(expecting("a non-negative integer"))
  .min(0, expecting("a non-negative integer"));

/** chrono `DateTime<Utc>` in RFC 3339 with a "Z" suffix and 0/3/6/9 fractional digits. */
const utcTimestamp = z.iso.datetime(expecting("an RFC 3339 UTC timestamp like 2026-04-03T12:00:05.123Z"));

export const REPORT_SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"] as const;
export type ReportSeverity = (typeof REPORT_SEVERITIES)[number];

const perScanner = z.record(z.string(), count, expecting("an object of scanner name → count"));

export const runtimeMetricsSchema = z.object(
  {
    http_requests: count,
    http_retries: count,
    scanner_findings: perScanner,
    scanner_errors: perScanner,
  },
  expecting("an object"),
);

export const metaSchema = z.object(
  {
    generated_at: utcTimestamp,
    elapsed_ms: count,
    scanned: count,
    skipped: count,
    scanner_ver: z.string(expecting("a string")),
    runtime_metrics: runtimeMetricsSchema,
  },
  expecting("an object"),
);

export const summarySchema = z.object(
  {
    total: count,
    critical: count,
    high: count,
    medium: count,
    low: count,
    info: count,
    errors: count,
  },
  expecting("an object"),
);

const text = z.string(expecting("a string"));

export const findingSchema = z.object(
  {
    url: text,
    check: text,
    title: text,
    severity: z.enum(REPORT_SEVERITIES, expecting(`one of ${REPORT_SEVERITIES.join(", ")} (uppercase)`)),
    detail: text,
    evidence: text.optional(),
    remediation: text.optional(),
    confidence: z.enum(["HIGH", "MEDIUM", "LOW"], expecting("HIGH, MEDIUM or LOW")).optional(),
    scanner: text,
    timestamp: utcTimestamp,
    metadata: z.unknown().optional(),
  },
  expecting("a finding object"),
);

export const errorRecordSchema = z.object(
  {
    url: z.string(expecting("a string or null")).nullable(),
    kind: text,
    message: text,
  },
  expecting("an error record object"),
);

export const reportDocumentSchema = z.object(
  {
    meta: metaSchema,
    summary: summarySchema,
    findings: z.array(findingSchema, expecting("an array")),
    errors: z.array(errorRecordSchema, expecting("an array")),
  },
  expecting("a JSON object"),
);

/** ndjson line 1 (`{"type":"meta","meta":…,"summary":…}`), or with `--stream` the all-zero meta
 * line `{"type":"meta","meta":…,"stream":true}`. */
export const ndjsonMetaLineSchema = z.object({
  type: z.literal("meta"),
  meta: metaSchema,
  summary: summarySchema,
});
export const ndjsonStreamHeadSchema = z.object({ type: z.literal("meta"), stream: z.literal(true) });
/** `--stream`: the trailing `{"type":"summary","summary":…,"meta":…}` line. */
export const ndjsonSummaryLineSchema = z.object({
  type: z.literal("summary"),
  meta: metaSchema,
  summary: summarySchema,
});

export type RawReport = z.infer<typeof reportDocumentSchema>;
export type RawFinding = z.infer<typeof findingSchema>;
export type RawErrorRecord = z.infer<typeof errorRecordSchema>;

/** "meta.runtime_metrics.http_requests", "findings[2].severity"; "(root)" for the document. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(root)";
}

/** The first problem of a failed parse, as "path: message". */
export function firstIssue(error: z.ZodError, prefix: ReadonlyArray<PropertyKey> = []): string {
  const issue = error.issues[0];
  if (!issue) return `${formatPath(prefix)}: invalid`;
  return `${formatPath([...prefix, ...issue.path])}: ${issue.message}`;
}
