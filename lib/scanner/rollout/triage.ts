/**
 * Post-run triage (runbook 000 · Post-Run Triage Discipline: "triage all HIGH/CRITICAL findings
 * before expanding rollout scope; maintain a baseline file for new-finding-only comparisons;
 * capture scanner-specific false positives and tune rollout policy"), pure.
 */
export type SeenFinding = { url: string; check: string; severity: string; scanner: string; title: string };
export type TriageRecord = {
  url: string;
  check: string;
  verdict: "false_positive" | "accepted_risk" | "fixed" | string;
  reason: string;
  triagedBy: string;
  createdAt: Date;
};
export type TriageRow = SeenFinding & { triage: TriageRecord | null };
export type ScannerFalsePositives = {
  scanner: string;
  triaged: number;
  falsePositives: number;
  rate: number;
};

const key = (f: { url: string; check: string }) => `${f.url}\u0000${f.check}`;
const HIGH = new Set(["HIGH", "CRITICAL"]);

/** Stored findings (JSON) read as findings; anything without url/check/severity is skipped. */
export function readFindings(json: unknown): SeenFinding[] {
  if (!Array.isArray(json)) return [];
  const out: SeenFinding[] = [];
  for (const f of json as Array<Record<string, unknown>>)
    if (f && typeof f.url === "string" && typeof f.check === "string" && typeof f.severity === "string")
      out.push({
        url: f.url,
        check: f.check,
        severity: f.severity,
        scanner: typeof f.scanner === "string" ? f.scanner : "unknown",
        title: typeof f.title === "string" ? f.title : f.check,
      });
  return out;
}

/** HIGH/CRITICAL findings once per (url, check) — the latest run's copy wins — with their
 * triage, untriaged first. */
export function triageRows(findings: readonly SeenFinding[], triage: readonly TriageRecord[]): TriageRow[] {
  const byKey = new Map<string, SeenFinding>();
  for (const f of findings) if (HIGH.has(f.severity)) byKey.set(key(f), f);
  const records = new Map(triage.map((t) => [key(t), t]));
  return [...byKey.values()]
    .map((f) => ({ ...f, triage: records.get(key(f)) ?? null }))
    .sort(
      (a, b) =>
        Number(a.triage !== null) - Number(b.triage !== null) ||
        (a.severity === b.severity ? 0 : a.severity === "CRITICAL" ? -1 : 1) ||
        a.url.localeCompare(b.url) ||
        a.check.localeCompare(b.check),
    );
}

/** Per scanner: how many of its triaged findings were false positives. */
export function falsePositiveRates(rows: readonly TriageRow[]): ScannerFalsePositives[] {
  const per = new Map<string, { triaged: number; fp: number }>();
  for (const r of rows) {
    if (!r.triage) continue;
    const p = per.get(r.scanner) ?? { triaged: 0, fp: 0 };
    p.triaged += 1;
    if (r.triage.verdict === "false_positive") p.fp += 1;
    per.set(r.scanner, p);
  }
  return [...per.entries()]
    .map(([scanner, p]) => ({ scanner, triaged: p.triaged, falsePositives: p.fp, rate: p.fp / p.triaged }))
    .sort((a, b) => b.rate - a.rate || a.scanner.localeCompare(b.scanner));
}

/** The baseline file ApiHunter reads with --baseline (contract 1.6): one `{"url","check"}` line
 * per distinct pair of the run's findings. */
export function baselineNdjson(findings: readonly { url: string; check: string }[]): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const f of findings) {
    const k = key(f);
    if (seen.has(k)) continue;
    seen.add(k);
    lines.push(JSON.stringify({ url: f.url, check: f.check }));
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
}

/** What a later run found that the baseline did not have: ApiHunter's --baseline filter (exact
 * (url, check); evidence or severity changes are not new). */
export function newAgainstBaseline<T extends { url: string; check: string }>(
  findings: readonly T[],
  baseline: ReadonlySet<string>,
): T[] {
  return findings.filter((f) => !baseline.has(key(f)));
}
