/** The scanner-runner port: how a scan is run, whatever runs it (a local process today). */
import type { ScanFormat, ScanStage } from "./command";
import type { Outcome } from "./outcome";
import type { Progress } from "./progress";

export type RunRequest = {
  stage: ScanStage;
  urls: string[];
  format: ScanFormat;
  wallClockSeconds: number;
  signal?: AbortSignal;
  onStart?: (started: { argv: string[]; pid: number | null }) => void;
  onProgress?: (p: Progress) => void;
  progressEveryMs?: number;
  /** Identifies the run where the runner keeps something outside this process (a Job's labels). */
  labels?: Record<string, string>;
};

export type RunResult = {
  argv: string[];
  outcome: Outcome;
  progress: Progress;
  stderrTail: string;
  reportText: string | null;
};

export interface ScanRunner {
  run(req: RunRequest): Promise<RunResult>;
}
