import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { parseScannerReport } from "@/lib/scanner/report";

import { finding, type Finding, type Severity } from "./findings";
import { renderNdjson, renderPretty, renderSarif, streamFinding, streamHead, streamTail } from "./output";
import {
  baselineKeys,
  dedupeAndSort,
  exitCode,
  filterFindings,
  summarize,
  type ReportDocument,
} from "./report";

const f = (url: string, check: string, severity: Severity, evidence?: string): Finding =>
  finding({ url, check, title: check, severity, detail: "d", evidence, scanner: check.split("/")[0] ?? "x" });

function doc(findings: Finding[]): ReportDocument {
  const errors = [
    {
      url: "http://t/a",
      kind: "dyn core::error::Error",
      message: "error sending request for url (http://t/a)",
    },
  ];
  return {
    meta: {
      generated_at: "2026-04-03T12:00:05.123Z",
      elapsed_ms: 10,
      scanned: 2,
      skipped: 0,
      scanner_ver: "0.3.0",
      runtime_metrics: {
        http_requests: 8,
        http_retries: 1,
        scanner_findings: { cors: 2 },
        scanner_errors: { cors: 1 },
      },
    },
    summary: summarize(findings, errors),
    findings,
    errors,
  };
}

describe("ApiHunter double report", () => {
  it("dedupes by (url, check, evidence) keeping the most severe and sorts severity, url, check", () => {
    const out = dedupeAndSort([
      f("http://b", "cors/reflected-origin", "LOW", "e"),
      f("http://b", "cors/reflected-origin", "HIGH", "e"),
      f("http://a", "csp/missing", "INFO"),
      f("http://a", "api_security/headers/xfo-missing", "LOW"),
    ]);
    expect(out.map((x) => [x.url, x.check, x.severity])).toEqual([
      ["http://b", "cors/reflected-origin", "HIGH"],
      ["http://a", "api_security/headers/xfo-missing", "LOW"],
      ["http://a", "csp/missing", "INFO"],
    ]);
  });

  it("drops below --min-severity, then baseline (url, check) keys; evidence changes are not new", () => {
    const keys = baselineKeys(
      '{"type":"meta","meta":{}}\n\n{"url":"http://a","check":"cors/x"}\n{"kind":"String"}\n',
    );
    expect(keys.ok).toBe(true);
    if (!keys.ok) return;
    const out = filterFindings(
      [
        f("http://a", "cors/x", "HIGH", "other evidence"),
        f("http://a", "cors/y", "MEDIUM"),
        f("http://a", "csp/z", "LOW"),
      ],
      "medium",
      keys.keys,
    );
    expect(out.map((x) => x.check)).toEqual(["cors/y"]);
  });

  it("refuses a baseline with a non-JSON line, naming the line", () => {
    expect(baselineKeys('{"url":"u","check":"c"}\n{\n')).toEqual({
      ok: false,
      error: "Invalid JSON on baseline line 2",
    });
  });

  it("sets bit 0 for a finding at/above --fail-on and bit 1 for any error", () => {
    const err = [{ url: null, kind: "String", message: "m" }];
    expect(exitCode([], [], "medium")).toBe(0);
    expect(exitCode([f("u", "c", "LOW")], [], "medium")).toBe(0);
    expect(exitCode([f("u", "c", "MEDIUM")], [], "medium")).toBe(1);
    expect(exitCode([f("u", "c", "LOW")], err, "medium")).toBe(2);
    expect(exitCode([f("u", "c", "CRITICAL")], err, "high")).toBe(3);
    expect(exitCode([f("u", "c", "INFO")], [], "info")).toBe(1);
  });

  it("writes pretty, ndjson and ndjson --stream that Firebreak's report parser accepts", () => {
    const d = doc(
      dedupeAndSort([f("http://a", "cors/reflected-origin", "HIGH"), f("http://a", "csp/missing", "INFO")]),
    );
    const pretty = parseScannerReport(renderPretty(d));
    expect(pretty.ok && pretty.report.format).toBe("pretty");
    expect(renderPretty(d)).toMatch(/^\{\n {2}"meta": \{\n {4}"generated_at"/);
    const nd = parseScannerReport(renderNdjson(d));
    expect(nd.ok && nd.report.findings.length).toBe(2);
    const stream =
      streamHead("2026-04-03T12:00:00Z") +
      d.findings.map(streamFinding).join("") +
      streamTail(d.summary, d.meta, d.errors);
    const st = parseScannerReport(stream);
    expect(st.ok && st.report.format).toBe("ndjson-stream");
    expect(st.ok && st.report.meta.runtime_metrics.http_retries).toBe(1);
  });

  it("writes SARIF 2.1.0 that the parser refuses as SARIF (no meta, metrics or errors)", () => {
    const sarif = renderSarif(doc([f("http://a", "cors/reflected-origin", "HIGH", "ev")]));
    const s = JSON.parse(sarif) as {
      runs: Array<{
        tool: { driver: { name: string } };
        results: Array<{ level: string; message: { text: string } }>;
      }>;
    };
    expect(s.runs[0]?.tool.driver.name).toBe("apihunter");
    expect(s.runs[0]?.results[0]).toMatchObject({ level: "error", message: { text: "d — ev" } });
    const parsed = parseScannerReport(sarif);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(/SARIF/);
  });

  it("the stored fixture reports and the double's reports validate against the same schema", () => {
    const dir = path.resolve(import.meta.dirname, "../../lib/scanner/fixtures");
    for (const name of ["report-pretty.json", "report.ndjson", "report-stream.ndjson"]) {
      expect(parseScannerReport(readFileSync(path.join(dir, name), "utf8")).ok, name).toBe(true);
    }
    expect(parseScannerReport(renderPretty(doc([]))).ok).toBe(true);
  });
});
