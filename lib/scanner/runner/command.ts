/**
 * The exact ApiHunter command of each runbook stage (seed 000 · Canary Rollout Strategy and
 * Rollback Triggers), pure. Every run adds `--no-auto-report` (the console keeps its own
 * record; contract 1.1) and writes to a unique output path.
 *
 * - stage 0 (passive baseline): the runbook's command as written, no `--active-checks`.
 * - stages 1 and 2 (canary, 5–10 % then 25–50 % of the approved targets): `--active-checks
 *   --no-discovery --concurrency 4 --delay-ms 250 --retries 1 --timeout-secs 8`; stage 2 says
 *   "keep conservative timing", so it keeps stage 1's.
 * - stage 3 (full scope): the runbook gives no new flags; it keeps the canary's conservative ones.
 * - back to passive (rollback action): active checks off, `--concurrency 2` (runbook: 2–4) and a
 *   larger delay than the canary's (`--delay-ms 500`).
 *
 * Format: "pretty" is the runbook's `--format pretty --summary`. "ndjson-stream" replaces only
 * the format with `--format ndjson --stream`, which gives findings while the scan runs and a
 * report that can later serve as a `--baseline` (contract 1.6: a pretty report cannot).
 */
export const SCAN_STAGES = ["passive", "canary1", "canary2", "full", "back-to-passive"] as const;
export type ScanStage = (typeof SCAN_STAGES)[number];
export type ScanFormat = "pretty" | "ndjson-stream";

export const CANARY_FLAGS = [
  "--active-checks",
  "--no-discovery",
  "--concurrency",
  "4",
  "--delay-ms",
  "250",
  "--retries",
  "1",
  "--timeout-secs",
  "8",
] as const;
export const BACK_TO_PASSIVE_FLAGS = ["--concurrency", "2", "--delay-ms", "500"] as const;

export function isActiveStage(stage: ScanStage): boolean {
  return stage === "canary1" || stage === "canary2" || stage === "full";
}

export function stageArgv(
  stage: ScanStage,
  files: { urlsFile: string; outputFile: string },
  format: ScanFormat = "ndjson-stream",
): string[] {
  const flags = isActiveStage(stage)
    ? [...CANARY_FLAGS]
    : stage === "back-to-passive"
      ? [...BACK_TO_PASSIVE_FLAGS]
      : [];
  const out =
    format === "pretty"
      ? ["--format", "pretty", "--output", files.outputFile, "--summary"]
      : ["--format", "ndjson", "--stream", "--output", files.outputFile, "--summary"];
  return ["--urls", files.urlsFile, ...flags, ...out, "--no-auto-report"];
}
