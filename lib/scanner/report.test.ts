import { readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { parseScannerReport, type ParseResult } from "./report";

const fixture = (name: string) => readFileSync(join(__dirname, "fixtures", name), "utf8");
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests mutate the raw JSON freely
type Doc = any;
const pretty = () => JSON.parse(fixture("report-pretty.json")) as Doc;

function errorOf(r: ParseResult): string {
  if (r.ok) throw new Error("expected the report to be refused");
  return r.error;
}

describe("parseScannerReport on the contract's example", () => {
  it.each([
    ["report-pretty.json", "pretty"],
    ["report.ndjson", "ndjson"],
    ["report-stream.ndjson", "ndjson-stream"],
  ] as const)("reads %s with the same numbers", (file, format) => {
    const r = parseScannerReport(fixture(file));
    if (!r.ok) throw new Error(r.error);
    expect(r.report.format).toBe(format);
    expect(r.report.meta).toMatchObject({ scanned: 3, skipped: 0, elapsed_ms: 5123, scanner_ver: "0.3.0" });
    expect(r.report.meta.runtime_metrics).toMatchObject({ http_requests: 412, http_retries: 37 });
    expect(r.report.meta.runtime_metrics.scanner_findings.cors).toBe(2);
    expect(r.report.summary).toEqual({
      total: 3,
      critical: 0,
      high: 2,
      medium: 0,
      low: 1,
      info: 0,
      errors: 1,
    });
    expect(r.report.findings.map((f) => f.check)).toEqual([
      "cve/cve-2022-22947/spring-cloud-gateway-actuator-exposed",
      "cors/reflected-origin",
      "rate_limit/not-detected",
    ]);
    expect(r.report.errors).toEqual([
      {
        url: "https://canary.example.com/api/v2",
        kind: "dyn core::error::Error",
        message: "error sending request for url (https://canary.example.com/api/v2)",
      },
    ]);
  });

  it("takes the stream's real meta from its trailing summary line, not the all-zero head", () => {
    const r = parseScannerReport(fixture("report-stream.ndjson"));
    expect(r.ok && r.report.meta.generated_at).toBe("2026-04-03T12:00:05.123456789Z");
  });

  it("tolerates unknown extra fields and a null error url", () => {
    const doc = pretty();
    doc.meta.future_field = { x: 1 };
    doc.findings[0].new_thing = true;
    doc.errors[0].url = null;
    const r = parseScannerReport(JSON.stringify(doc));
    expect(r.ok && r.report.errors[0]?.url).toBeNull();
  });
});

describe("parseScannerReport refuses a malformed report with the JSON path", () => {
  it("names a negative request count", () => {
    expect(errorOf(parseScannerReport(fixture("report-malformed.json")))).toBe(
      "meta.runtime_metrics.http_requests: expected a non-negative integer",
    );
  });

  it.each([
    ["a missing field", (d: Doc) => delete d.meta.scanned, "meta.scanned: required field is missing"],
    [
      "a fractional count",
      (d: Doc) => (d.summary.high = 1.5),
      "summary.high: expected a non-negative integer",
    ],
    [
      "a lowercase severity",
      (d: Doc) => (d.findings[1].severity = "high"),
      "findings[1].severity: expected one of CRITICAL, HIGH, MEDIUM, LOW, INFO (uppercase)",
    ],
    [
      "a bad timestamp",
      (d: Doc) => (d.meta.generated_at = "yesterday"),
      "meta.generated_at: expected an RFC 3339 UTC timestamp like 2026-04-03T12:00:05.123Z",
    ],
    [
      "a per-scanner count as text",
      (d: Doc) => (d.meta.runtime_metrics.scanner_errors.cors = "1"),
      "meta.runtime_metrics.scanner_errors.cors: expected a non-negative integer",
    ],
    [
      "errors as a number (the runbook's 'top-level errors count')",
      (d: Doc) => (d.errors = 1),
      "errors: expected an array",
    ],
    [
      "an error count that disagrees with the records",
      (d: Doc) => (d.summary.errors = 2),
      "summary.errors: 2 but the report holds 1 error records",
    ],
  ])("%s", (_name, mutate, expected) => {
    const doc = pretty();
    mutate(doc);
    expect(errorOf(parseScannerReport(JSON.stringify(doc, null, 2)))).toBe(expected);
  });

  it("gives the ndjson line and the path inside it", () => {
    const lines = fixture("report.ndjson").split("\n");
    lines[2] = lines[2]!.replace('"severity":"HIGH"', '"severity":"SEVERE"');
    expect(errorOf(parseScannerReport(lines.join("\n")))).toMatch(
      /^line 3: findings\[1\]\.severity: expected one of/,
    );
  });

  it("gives the ndjson line of invalid JSON", () => {
    const lines = fixture("report.ndjson").split("\n");
    lines[3] = "{not json";
    expect(errorOf(parseScannerReport(lines.join("\n")))).toMatch(/^line 4: invalid JSON/);
  });

  it("refuses a streamed report cut off before its summary line", () => {
    const lines = fixture("report-stream.ndjson").trim().split("\n");
    expect(errorOf(parseScannerReport(lines.slice(0, 3).join("\n")))).toMatch(
      /^line 4: the stream ended without/,
    );
  });

  it("refuses a line that is neither finding nor error", () => {
    const text = fixture("report.ndjson") + '{"hello":"world"}\n';
    expect(errorOf(parseScannerReport(text))).toMatch(/^line 6: expected a finding/);
  });

  it("refuses SARIF, saying it carries no metrics", () => {
    expect(errorOf(parseScannerReport(fixture("report.sarif")))).toMatch(
      /SARIF carries no meta, runtime metrics/,
    );
  });

  it("refuses an empty file, as a fatal run leaves it", () => {
    expect(errorOf(parseScannerReport("  \n"))).toMatch(/^The report is empty/);
  });

  it("never quotes the text it could not parse (a file read by path must not leak)", () => {
    const error = errorOf(parseScannerReport("root:x:0:0:root:/root:/bin/bash\nsecret-token=abc\n"));
    expect(error).toMatch(/^Invalid JSON: unexpected character/);
    expect(error).not.toMatch(/root|secret|bash/);
  });

  it("refuses truncated pretty JSON as invalid JSON", () => {
    expect(errorOf(parseScannerReport(fixture("report-pretty.json").slice(0, 200)))).toMatch(
      /^Invalid JSON:/,
    );
  });
});
