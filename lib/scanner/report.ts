/**
 * Parses an ApiHunter run report in the formats ApiHunter writes: `--format pretty`
 * (one JSON document), `--format ndjson` (meta+summary line, findings, error records) and
 * `ndjson --stream` (all-zero meta line, findings, trailing summary line, error records). SARIF
 * is refused: it carries no meta, runtime metrics or errors. Pure: text in, report or the first
 * problem (with its JSON path) out.
 */
import type { z } from "zod";

import {
  errorRecordSchema,
  findingSchema,
  firstIssue,
  ndjsonMetaLineSchema,
  ndjsonStreamHeadSchema,
  ndjsonSummaryLineSchema,
  reportDocumentSchema,
  type RawErrorRecord,
  type RawFinding,
  type RawReport,
} from "./report-schema";

export type ReportFormat = "pretty" | "ndjson" | "ndjson-stream";

export type ScannerReport = RawReport & { format: ReportFormat };

export type ParseResult = { ok: true; report: ScannerReport } | { ok: false; error: string };

const fail = (error: string): ParseResult => ({ ok: false, error });

export function parseScannerReport(text: string): ParseResult {
  const body = text.replace(/^\uFEFF/, "");
  if (body.trim() === "") {
    return fail(
      "The report is empty. ApiHunter leaves an empty --output file when a run fails after it opened the file.",
    );
  }
  const whole = tryJson(body);
  if (whole.ok) {
    if (isSarif(whole.value)) {
      return fail(
        "This is a SARIF report. SARIF carries no meta, runtime metrics or errors, so Firebreak cannot compute scanner metrics from it; run ApiHunter with --format pretty or --format ndjson.",
      );
    }
    if (isObject(whole.value) && whole.value.type === "meta") return parseNdjson(body);
    return finish(reportDocumentSchema.safeParse(whole.value), "pretty");
  }
  const firstLine = body.split("\n").find((l) => l.trim() !== "") ?? "";
  if (!tryJson(firstLine).ok) return fail(`Invalid JSON: ${whole.error}`);
  return parseNdjson(body);
}

function parseNdjson(body: string): ParseResult {
  const lines = body
    .split("\n")
    .map((text, i) => ({ no: i + 1, text: text.trim() }))
    .filter((l) => l.text !== "");
  const parsed: Array<{ no: number; value: unknown }> = [];
  for (const l of lines) {
    const r = tryJson(l.text);
    if (!r.ok) return fail(`line ${l.no}: invalid JSON: ${r.error}`);
    parsed.push({ no: l.no, value: r.value });
  }
  const [head, ...rest] = parsed;
  if (!head || !isObject(head.value) || head.value.type !== "meta") {
    return fail(`line ${head?.no ?? 1}: expected the meta line {"type":"meta",…} first`);
  }
  const streaming = head.value.stream === true;
  let meta: RawReport["meta"] | null = null;
  let summary: RawReport["summary"] | null = null;
  if (streaming) {
    const h = ndjsonStreamHeadSchema.safeParse(head.value);
    if (!h.success) return fail(`line ${head.no}: ${firstIssue(h.error)}`);
  } else {
    const h = ndjsonMetaLineSchema.safeParse(head.value);
    if (!h.success) return fail(`line ${head.no}: ${firstIssue(h.error)}`);
    ({ meta, summary } = h.data);
  }

  const findings: RawFinding[] = [];
  const errors: RawErrorRecord[] = [];
  for (const { no, value } of rest) {
    if (!isObject(value)) return fail(`line ${no}: expected a JSON object`);
    if (value.type === "summary" && streaming) {
      if (summary) return fail(`line ${no}: a second summary line`);
      const s = ndjsonSummaryLineSchema.safeParse(value);
      if (!s.success) return fail(`line ${no}: ${firstIssue(s.error)}`);
      ({ meta, summary } = s.data);
    } else if (value.type !== undefined) {
      return fail(`line ${no}: type: unexpected line type ${JSON.stringify(value.type)}`);
    } else if ("check" in value) {
      const f = findingSchema.safeParse(value);
      if (!f.success) return fail(`line ${no}: ${firstIssue(f.error, ["findings", findings.length])}`);
      findings.push(f.data);
    } else if ("kind" in value) {
      const e = errorRecordSchema.safeParse(value);
      if (!e.success) return fail(`line ${no}: ${firstIssue(e.error, ["errors", errors.length])}`);
      errors.push(e.data);
    } else {
      return fail(`line ${no}: expected a finding (with "check") or an error record (with "kind")`);
    }
  }
  if (!meta || !summary) {
    return fail(
      `line ${(parsed.at(-1)?.no ?? 0) + 1}: the stream ended without its {"type":"summary",…} line (the run did not finish)`,
    );
  }
  return checkConsistency({ meta, summary, findings, errors }, streaming ? "ndjson-stream" : "ndjson");
}

function finish(result: z.ZodSafeParseResult<RawReport>, format: ReportFormat): ParseResult {
  if (!result.success) return fail(firstIssue(result.error));
  return checkConsistency(result.data, format);
}

/** `summary.errors` is `errors.len()` in ApiHunter; a mismatch means a truncated or edited
 * report. `summary.total` counts the findings written, except with --stream (streamed findings
 * are not filtered by --min-severity while the summary is). */
function checkConsistency(report: RawReport, format: ReportFormat): ParseResult {
  if (report.summary.errors !== report.errors.length) {
    return fail(
      `summary.errors: ${report.summary.errors} but the report holds ${report.errors.length} error records`,
    );
  }
  if (format !== "ndjson-stream" && report.summary.total !== report.findings.length) {
    return fail(
      `summary.total: ${report.summary.total} but the report holds ${report.findings.length} findings`,
    );
  }
  return { ok: true, report: { ...report, format } };
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: jsonErrorText(e) };
  }
}

/** V8's parse errors quote the text ("Unexpected token 'r', "root:x:0:0"... is not valid
 * JSON"); a report read from a server path must never show its content, so only where it
 * failed is kept. */
function jsonErrorText(e: unknown): string {
  const message = e instanceof Error ? e.message : "";
  if (/Unexpected end of JSON input/.test(message)) return "the JSON ends early";
  const at = /at position (\d+)(?: \(line (\d+) column (\d+)\))?/.exec(message);
  if (at?.[2]) return `unexpected character at line ${at[2]} column ${at[3]}`;
  if (at) return `unexpected character at position ${at[1]}`;
  return "unexpected character";
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isSarif(v: unknown): boolean {
  if (!isObject(v)) return false;
  return (
    (typeof v.$schema === "string" && /sarif/i.test(v.$schema)) || (Array.isArray(v.runs) && "version" in v)
  );
}
