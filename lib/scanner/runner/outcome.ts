/**
 * What a finished ApiHunter process means (contract 1.3 "the adapter rule"), pure:
 * - exit 0–3 with a parseable report: the run completed. Bit 0 (findings at or above
 *   --fail-on) is a normal outcome; bit 1 (captured errors) is shown, the run still completed.
 * - a missing or empty output file after a start: failed (a fatal error after the reporter
 *   existed leaves it empty) — never a clean run. Exit 0 with no file and ApiHunter's "nothing
 *   to scan" message: nothing scanned.
 * - killed by Firebreak: timed out (wall-clock limit) or cancelled.
 */
import { parseScannerReport, type ScannerReport } from "../report";

export type ScanStatus = "completed" | "failed" | "nothing_scanned" | "timed_out" | "cancelled";
export type Outcome =
  | { status: "completed"; report: ScannerReport; findingsBit: boolean; errorsBit: boolean }
  | { status: Exclude<ScanStatus, "completed">; reason: string };

export type Finished = {
  exitCode: number | null;
  signal: string | null;
  /** null: no output file exists. */
  reportText: string | null;
  stderr: string;
  killedFor: "timeout" | "cancel" | null;
  wallClockSeconds: number;
};

const NOTHING = /No URLs provided|No accessible URLs remaining after filtering/;

export function interpretExit(f: Finished): Outcome {
  if (f.killedFor === "timeout")
    return { status: "timed_out", reason: `Stopped at the wall-clock limit of ${f.wallClockSeconds} s.` };
  if (f.killedFor === "cancel") return { status: "cancelled", reason: "Cancelled by an operator." };
  if (f.exitCode === null)
    return { status: "failed", reason: `ApiHunter was killed by ${f.signal ?? "a signal"}.` };
  const tail = lastLines(f.stderr);
  if (f.reportText === null) {
    if (f.exitCode === 0 && NOTHING.test(f.stderr))
      return { status: "nothing_scanned", reason: NOTHING.exec(f.stderr)?.[0] ?? "Nothing to scan." };
    return {
      status: "failed",
      reason: `ApiHunter exited ${f.exitCode} without writing a report. ${tail}`.trim(),
    };
  }
  if (f.reportText.trim() === "")
    return {
      status: "failed",
      reason:
        `ApiHunter exited ${f.exitCode} and left the report empty (a fatal error after the scan started). ${tail}`.trim(),
    };
  if (f.exitCode > 3) return { status: "failed", reason: `ApiHunter exited ${f.exitCode}. ${tail}`.trim() };
  const parsed = parseScannerReport(f.reportText);
  if (!parsed.ok) return { status: "failed", reason: `The report could not be read: ${parsed.error}` };
  return {
    status: "completed",
    report: parsed.report,
    findingsBit: (f.exitCode & 1) === 1,
    errorsBit: (f.exitCode & 2) === 2,
  };
}

/** The last few stderr lines, for the record (ApiHunter logs a fatal error at ERROR). */
export function lastLines(stderr: string, n = 5): string {
  return stderr.trim().split("\n").slice(-n).join("\n").slice(-2000);
}
