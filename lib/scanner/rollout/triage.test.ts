import { describe, expect, it } from "vitest";

import {
  baselineNdjson,
  falsePositiveRates,
  newAgainstBaseline,
  readFindings,
  triageRows,
  type TriageRecord,
} from "./triage";

const f = (url: string, check: string, severity: string, scanner: string) => ({
  url,
  check,
  severity,
  scanner,
  title: check,
});
const t = (url: string, check: string, verdict: string): TriageRecord => ({
  url,
  check,
  verdict,
  reason: "why",
  triagedBy: "Casey",
  createdAt: new Date(0),
});

describe("triage of HIGH/CRITICAL findings", () => {
  const findings = [
    f("https://a/1", "cors/reflected-origin", "HIGH", "cors"),
    f("https://a/1", "cors/reflected-origin", "HIGH", "cors"),
    f("https://a/2", "cors/reflected-origin", "HIGH", "cors"),
    f("https://a/debug/vars", "api_security/debug-endpoint-debug-vars", "CRITICAL", "api_security"),
    f("https://a/1", "csp/missing", "INFO", "csp"),
  ];

  it("lists each HIGH/CRITICAL (url, check) once, untriaged first, CRITICAL before HIGH", () => {
    const rows = triageRows(findings, [t("https://a/1", "cors/reflected-origin", "fixed")]);
    expect(rows.map((r) => [r.url, r.check, r.triage?.verdict ?? null])).toEqual([
      ["https://a/debug/vars", "api_security/debug-endpoint-debug-vars", null],
      ["https://a/2", "cors/reflected-origin", null],
      ["https://a/1", "cors/reflected-origin", "fixed"],
    ]);
  });

  it("false-positive rate per scanner over its triaged findings", () => {
    const rows = triageRows(findings, [
      t("https://a/1", "cors/reflected-origin", "false_positive"),
      t("https://a/2", "cors/reflected-origin", "accepted_risk"),
      t("https://a/debug/vars", "api_security/debug-endpoint-debug-vars", "fixed"),
    ]);
    expect(falsePositiveRates(rows)).toEqual([
      { scanner: "cors", triaged: 2, falsePositives: 1, rate: 0.5 },
      { scanner: "api_security", triaged: 1, falsePositives: 0, rate: 0 },
    ]);
    expect(falsePositiveRates(triageRows(findings, []))).toEqual([]);
  });
});

describe("baselines", () => {
  it("exports one {url, check} line per distinct pair, which ApiHunter reads as a baseline", () => {
    const text = baselineNdjson([
      { url: "https://a/1", check: "cors/reflected-origin" },
      { url: "https://a/1", check: "cors/reflected-origin" },
      { url: "https://a/1", check: "csp/missing" },
    ]);
    expect(text).toBe(
      '{"url":"https://a/1","check":"cors/reflected-origin"}\n{"url":"https://a/1","check":"csp/missing"}\n',
    );
    expect(baselineNdjson([])).toBe("");
  });

  it("a later run shows only what the baseline lacks (exact url and check; severity changes are not new)", () => {
    const baseline = new Set(["https://a/1\u0000cors/reflected-origin"]);
    const later = [
      { url: "https://a/1", check: "cors/reflected-origin", severity: "LOW" },
      { url: "https://a/2", check: "cors/reflected-origin", severity: "HIGH" },
    ];
    expect(newAgainstBaseline(later, baseline)).toEqual([later[1]]);
  });

  it("reads stored findings, skipping malformed ones", () => {
    expect(readFindings([{ url: "u", check: "c", severity: "HIGH" }, { url: 1 }, null])).toEqual([
      { url: "u", check: "c", severity: "HIGH", scanner: "unknown", title: "c" },
    ]);
    expect(readFindings("x")).toEqual([]);
  });
});
