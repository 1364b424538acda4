/**
 * Rollback triggers while a scan streams (runbook 000 · Rollback Triggers), pure. The lines of an
 * `--format ndjson --stream` output file (contract 1.5) are folded into a live state as they are
 * written, and the triggers are evaluated on it after every batch of lines:
 * - each streamed finding: a HIGH/CRITICAL one whose (url, check) is not in the environment's
 *   passive baseline counts as new at once, so a spike fires mid-scan;
 * - the summary line (written when the scan ends, before the error lines and before the process
 *   exits): http_requests / http_retries and `scanned` — ApiHunter writes no request counts
 *   earlier, so retry pressure is known from this line on;
 * - the error lines after it: distinct error URLs (error pressure).
 * Operator reports are counted on the scan row and passed in.
 */
import { evaluateTriggers, type Trigger } from "./triggers";

export type LiveState = {
  newHighKeys: ReadonlySet<string>;
  findings: number;
  metrics: { httpRequests: number; httpRetries: number; scanned: number } | null;
  errorUrls: ReadonlySet<string>;
};

export const EMPTY_LIVE: LiveState = {
  newHighKeys: new Set(),
  findings: 0,
  metrics: null,
  errorUrls: new Set(),
};

export const findingKey = (url: string, check: string) => `${url}\u0000${check}`;

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/** Folds one output line into the state; anything unreadable leaves it as it was. */
export function applyLiveLine(s: LiveState, line: string, baseline: ReadonlySet<string> | null): LiveState {
  if (!line.trim()) return s;
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return s;
  }
  if (!v || typeof v !== "object") return s;
  const o = v as Record<string, unknown>;
  if (o.type === "summary") {
    const meta = (o.meta ?? {}) as { scanned?: unknown; runtime_metrics?: Record<string, unknown> };
    const rm = meta.runtime_metrics ?? {};
    return {
      ...s,
      metrics: {
        httpRequests: num(rm.http_requests),
        httpRetries: num(rm.http_retries),
        scanned: num(meta.scanned),
      },
    };
  }
  if (o.type === "meta") return s;
  if (typeof o.check === "string" && typeof o.url === "string") {
    const key = findingKey(o.url, o.check);
    const high = o.severity === "HIGH" || o.severity === "CRITICAL";
    // Without a stored baseline nothing is "new" (the run becomes the baseline).
    if (!high || !baseline || baseline.has(key) || s.newHighKeys.has(key))
      return { ...s, findings: s.findings + 1 };
    return { ...s, findings: s.findings + 1, newHighKeys: new Set([...s.newHighKeys, key]) };
  }
  if (typeof o.kind === "string" && "message" in o) {
    if (typeof o.url !== "string" || s.errorUrls.has(o.url)) return s;
    return { ...s, errorUrls: new Set([...s.errorUrls, o.url]) };
  }
  return s;
}

/** The triggers the live state crosses now. */
export function liveTriggers(
  s: LiveState,
  ctx: { previousNewHighCritical: number | null; operatorReports: number },
): Trigger[] {
  return evaluateTriggers({
    httpRequests: s.metrics?.httpRequests ?? 0,
    httpRetries: s.metrics?.httpRetries ?? 0,
    scanned: s.metrics?.scanned ?? 0,
    distinctErrorUrls: s.errorUrls.size,
    newHighCritical: s.newHighKeys.size,
    previousNewHighCritical: ctx.previousNewHighCritical,
    operatorReports: ctx.operatorReports,
  });
}

/** A trigger as stored on the scan: when it fired, whether the scan was still streaming, and the
 * run's numbers at that moment (the incident notes' "metric values at trigger point"). */
export type FiredTrigger = Trigger & {
  firedAt: string;
  during: "streaming" | "after the run" | "operator report";
  snapshot: {
    findings: number;
    newHighCritical: number;
    httpRequests: number | null;
    httpRetries: number | null;
    scanned: number | null;
    errorUrls: number;
  };
};

export function snapshotOf(s: LiveState): FiredTrigger["snapshot"] {
  return {
    findings: s.findings,
    newHighCritical: s.newHighKeys.size,
    httpRequests: s.metrics?.httpRequests ?? null,
    httpRetries: s.metrics?.httpRetries ?? null,
    scanned: s.metrics?.scanned ?? null,
    errorUrls: s.errorUrls.size,
  };
}

/**
 * Merges newly evaluated triggers into the stored ones: a kind already stored keeps its first
 * firing (when and at which values it fired); a new kind is added with `at`. Returns the merged
 * list and the triggers that fired just now.
 */
export function mergeTriggers(
  stored: readonly FiredTrigger[],
  now: readonly Trigger[],
  fired: Omit<FiredTrigger, keyof Trigger>,
): { all: FiredTrigger[]; added: FiredTrigger[] } {
  const have = new Set(stored.map((t) => t.kind));
  const added = now.filter((t) => !have.has(t.kind)).map((t) => ({ ...t, ...fired }));
  return { all: [...stored, ...added], added };
}

/** Stored triggers read back from JSON (older rows lack firedAt/snapshot). */
export function storedTriggers(json: unknown): FiredTrigger[] {
  if (!Array.isArray(json)) return [];
  return json.filter(
    (t): t is FiredTrigger =>
      !!t && typeof t === "object" && typeof (t as { kind?: unknown }).kind === "string",
  );
}

/** How a trigger's moment reads in a sentence ("Rollback trigger on scan #3 while streaming: …"). */
export function duringText(during: string | undefined): string | undefined {
  if (during === "streaming") return "while streaming";
  if (during === "operator report") return "from an operator report";
  return during;
}
