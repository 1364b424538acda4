/** Output formats (contract 1.5) and the stdout summary box. Pure renderers. */
import { VERSION } from "./cli";
import type { ErrorRecord, Finding } from "./findings";
import type { Meta, ReportDocument, Summary } from "./report";

export function renderPretty(doc: ReportDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function renderNdjson(doc: ReportDocument): string {
  const lines = [
    JSON.stringify({ type: "meta", meta: doc.meta, summary: doc.summary }),
    ...doc.findings.map((f) => JSON.stringify(f)),
    ...doc.errors.map((e) => JSON.stringify(e)),
  ];
  return `${lines.join("\n")}\n`;
}

export function zeroMeta(generatedAt: string): Meta {
  return {
    generated_at: generatedAt,
    elapsed_ms: 0,
    scanned: 0,
    skipped: 0,
    scanner_ver: VERSION,
    runtime_metrics: { http_requests: 0, http_retries: 0, scanner_findings: {}, scanner_errors: {} },
  };
}

/** `--stream` framing: an all-zero meta line first, findings as found, then summary and errors. */
export const streamHead = (generatedAt: string) =>
  `${JSON.stringify({ type: "meta", meta: zeroMeta(generatedAt), stream: true })}\n`;
export const streamFinding = (f: Finding) => `${JSON.stringify(f)}\n`;
export function streamTail(summary: Summary, meta: Meta, errors: ErrorRecord[]): string {
  return [JSON.stringify({ type: "summary", summary, meta }), ...errors.map((e) => JSON.stringify(e))]
    .map((l) => `${l}\n`)
    .join("");
}

const LEVEL = { CRITICAL: "error", HIGH: "error", MEDIUM: "warning", LOW: "note", INFO: "note" } as const;

export function renderSarif(doc: ReportDocument): string {
  const rules = new Map<string, object>();
  for (const f of doc.findings) {
    if (rules.has(f.check)) continue;
    rules.set(f.check, {
      id: f.check,
      name: f.title,
      shortDescription: { text: f.title },
      fullDescription: { text: f.detail },
      ...(f.remediation ? { help: { text: f.remediation } } : {}),
    });
  }
  const results = doc.findings.map((f) => ({
    ruleId: f.check,
    level: LEVEL[f.severity],
    message: { text: f.evidence ? `${f.detail} — ${f.evidence}` : f.detail },
    locations: [{ physicalLocation: { artifactLocation: { uri: f.url } } }],
  }));
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "apihunter", version: doc.meta.scanner_ver, rules: [...rules.values()] } },
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

export function summaryBox(s: Summary, elapsedMs: number): string {
  const rows: Array<[string, number]> = [
    ["Findings", s.total],
    ["Critical", s.critical],
    ["High", s.high],
    ["Medium", s.medium],
    ["Low", s.low],
    ["Info", s.info],
    ["Errors", s.errors],
    ["Elapsed ms", elapsedMs],
  ];
  const width = 34;
  const line = (text: string) => `║ ${text.padEnd(width - 2)} ║`;
  return [
    `╔${"═".repeat(width)}╗`,
    line("SCAN SUMMARY".padStart(23)),
    `╠${"═".repeat(width)}╣`,
    ...rows.map(([k, v]) => line(`${`${k}:`.padEnd(12)}${v}`)),
    `╚${"═".repeat(width)}╝`,
    "",
  ].join("\n");
}
