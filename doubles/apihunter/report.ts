/**
 * Building the report document (contract 1.4/1.6/1.3), pure: dedupe by (url, check, evidence)
 * keeping the most severe, sort by severity desc then url then check, drop findings below
 * --min-severity, then drop findings whose (url, check) is in the baseline; the summary and the
 * exit code are computed on what survives; runtime_metrics are not recomputed.
 */
import type { SeverityFlag } from "./cli";
import { SEVERITY_RANK, type ErrorRecord, type Finding, type Severity } from "./findings";

export type Meta = {
  generated_at: string;
  elapsed_ms: number;
  scanned: number;
  skipped: number;
  scanner_ver: string;
  runtime_metrics: {
    http_requests: number;
    http_retries: number;
    scanner_findings: Record<string, number>;
    scanner_errors: Record<string, number>;
  };
};
export type Summary = {
  total: number;
  critical: number;
  high: number;
  medium: number;
  low: number;
  info: number;
  errors: number;
};
export type ReportDocument = { meta: Meta; summary: Summary; findings: Finding[]; errors: ErrorRecord[] };

const rankOf = (s: SeverityFlag | Severity) => SEVERITY_RANK[s.toUpperCase() as Severity];

export function dedupeAndSort(findings: Finding[]): Finding[] {
  const best = new Map<string, Finding>();
  for (const f of findings) {
    const key = JSON.stringify([f.url, f.check, f.evidence ?? null]);
    const prev = best.get(key);
    if (!prev || SEVERITY_RANK[f.severity] > SEVERITY_RANK[prev.severity]) best.set(key, f);
  }
  return [...best.values()].sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || cmp(a.url, b.url) || cmp(a.check, b.check),
  );
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `load_baseline_keys`: each non-blank line must be JSON; lines with string url and check add a key. */
export function baselineKeys(text: string): { ok: true; keys: Set<string> } | { ok: false; error: string } {
  const keys = new Set<string>();
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim() ?? "";
    if (!line) continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      return { ok: false, error: `Invalid JSON on baseline line ${i + 1}` };
    }
    const o = v as { url?: unknown; check?: unknown };
    if (o && typeof o.url === "string" && typeof o.check === "string") keys.add(key(o.url, o.check));
  }
  return { ok: true, keys };
}

const key = (url: string, check: string) => `${url}\u0000${check}`;

export function filterFindings(
  findings: Finding[],
  minSeverity: SeverityFlag | undefined,
  baseline: Set<string> | undefined,
): Finding[] {
  const min = minSeverity ? rankOf(minSeverity) : 0;
  return findings
    .filter((f) => SEVERITY_RANK[f.severity] >= min)
    .filter((f) => !baseline || !baseline.has(key(f.url, f.check)));
}

export function summarize(findings: Finding[], errors: ErrorRecord[]): Summary {
  const n = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return {
    total: findings.length,
    critical: n("CRITICAL"),
    high: n("HIGH"),
    medium: n("MEDIUM"),
    low: n("LOW"),
    info: n("INFO"),
    errors: errors.length,
  };
}

/** `reports::exit_code`: bit 0 = a finding at/above --fail-on, bit 1 = any captured error. */
export function exitCode(findings: Finding[], errors: ErrorRecord[], failOn: SeverityFlag): number {
  let code = 0;
  if (findings.some((f) => SEVERITY_RANK[f.severity] >= rankOf(failOn))) code |= 1;
  if (errors.length > 0) code |= 2;
  return code;
}
