/**
 * The sentence of a `scanner_run` timeline event, from its data, pure. The scanner writes
 * `data.scan` (an object, so the timeline's fact list does not repeat it) and `data.command`:
 * - `event: "requested"`: a scan was queued (e.g. the back-to-passive rerun);
 * - `event: "trigger"`: a rollback trigger fired (`trigger` is its message, `during` when);
 * - `event: "finished"`: a scan ended (`status`, `findings`, `newHighCritical`, `triggers`).
 */
export type ScannerRunData = {
  scanId: number;
  environment: string;
  stage: string;
  event: "requested" | "trigger" | "finished";
  status?: string;
  urls?: number;
  findings?: number | null;
  newHighCritical?: number | null;
  trigger?: string;
  during?: string;
  triggers?: number;
  reason?: string | null;
};

const STAGE: Record<string, string> = {
  passive: "stage 0 passive baseline",
  canary1: "stage 1 canary",
  canary2: "stage 2 canary",
  full: "stage 3 full scope",
  "back-to-passive": "back-to-passive rerun",
};

export function isScannerRunData(v: unknown): v is ScannerRunData {
  if (!v || typeof v !== "object") return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.scanId === "number" &&
    typeof o.environment === "string" &&
    typeof o.stage === "string" &&
    (o.event === "requested" || o.event === "trigger" || o.event === "finished")
  );
}

export function scannerRunSentence(s: ScannerRunData): string {
  const what = `scan #${s.scanId} (${STAGE[s.stage] ?? s.stage}, ${s.environment})`;
  switch (s.event) {
    case "requested":
      return `Requested ${what}${typeof s.urls === "number" ? ` on ${s.urls} URL${s.urls === 1 ? "" : "s"}` : ""}`;
    case "trigger":
      return `Rollback trigger on ${what}${s.during ? ` ${s.during}` : ""}: ${s.trigger ?? "see the scan"}`;
    case "finished": {
      const status = (s.status ?? "ended").replace("_", " ");
      if (s.status !== "completed") return `Scanner ${what} ${status}${s.reason ? `: ${s.reason}` : ""}`;
      const findings = `${s.findings ?? 0} finding${s.findings === 1 ? "" : "s"}`;
      const fresh =
        typeof s.newHighCritical === "number"
          ? `, ${s.newHighCritical} new HIGH/CRITICAL vs the baseline`
          : "";
      const triggers = s.triggers
        ? `; ${s.triggers} rollback trigger${s.triggers === 1 ? "" : "s"} fired`
        : "; no rollback trigger";
      return `Scanner ${what} completed: ${findings}${fresh}${triggers}`;
    }
  }
}
