/**
 * The retries dashboard (runbook 000 · Monitoring and Alerts: retry ratio = http_retries /
 * http_requests, warning > 0.20, critical > 0.35), per environment and stage, pure: "is the
 * scanner hurting the targets?" at a glance. Per group: the runs, the pooled ratio (Σ retries ÷
 * Σ requests), the latest run's ratio and the worst run's, and the level of the latest.
 */
import { SCANNER_THRESHOLDS } from "@/lib/runbook/catalog";

export type RetryRun = {
  environment: string;
  stage: string;
  scanId: number;
  httpRequests: number;
  httpRetries: number;
};

export type RetryRow = {
  environment: string;
  stage: string;
  runs: number;
  requests: number;
  retries: number;
  /** null when no request was sent (undefined ratio, contract 1.7). */
  pooled: number | null;
  latest: number | null;
  latestScanId: number;
  worst: number | null;
  level: "ok" | "warning" | "critical" | "no data";
};

const STAGE_ORDER = ["passive", "canary1", "canary2", "full", "back-to-passive"];
const ratio = (retries: number, requests: number) => (requests > 0 ? retries / requests : null);

export function retryLevel(r: number | null): RetryRow["level"] {
  if (r === null) return "no data";
  const t = SCANNER_THRESHOLDS.retryRatio;
  return r > t.critical ? "critical" : r > t.warning ? "warning" : "ok";
}

export function retriesByStage(runs: readonly RetryRun[]): RetryRow[] {
  const groups = new Map<string, RetryRun[]>();
  for (const r of runs) {
    const k = `${r.environment}\u0000${r.stage}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.values()]
    .map((g) => {
      const sorted = [...g].sort((a, b) => a.scanId - b.scanId);
      const last = sorted.at(-1) as RetryRun;
      const requests = g.reduce((s, r) => s + r.httpRequests, 0);
      const retries = g.reduce((s, r) => s + r.httpRetries, 0);
      const ratios = g
        .map((r) => ratio(r.httpRetries, r.httpRequests))
        .filter((x): x is number => x !== null);
      const latest = ratio(last.httpRetries, last.httpRequests);
      return {
        environment: last.environment,
        stage: last.stage,
        runs: g.length,
        requests,
        retries,
        pooled: ratio(retries, requests),
        latest,
        latestScanId: last.scanId,
        worst: ratios.length ? Math.max(...ratios) : null,
        level: retryLevel(latest),
      };
    })
    .sort(
      (a, b) =>
        a.environment.localeCompare(b.environment) ||
        STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage),
    );
}
