/**
 * What a scan's pod log holds, pure. The Job runner points `--output` at `/dev/stdout`, since a
 * file the pod writes dies with it: the pod's log is ApiHunter's stderr (banner, `[i/N]` progress,
 * tracing), the output file's lines as they are written (with `--stream`: the all-zero meta line,
 * findings as found, the summary line, the error lines), then — not `--quiet` — the summary box and
 * a second copy of the whole report on stdout (contract 1.1). This finds the output file's text in
 * it, and keeps live progress from the first copy only.
 */
import type { ScanFormat } from "./command";
import { applyStderrLine, applyStreamLine, type Progress } from "./progress";

function json(line: string): Record<string, unknown> | null {
  if (!line.startsWith("{")) return null;
  try {
    const v: unknown = JSON.parse(line);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const isErrorRecord = (o: Record<string, unknown>) =>
  typeof o.kind === "string" && typeof o.message === "string" && !("check" in o) && !("type" in o);

/** Progress from one log line: stderr lines always; output lines until the stream's summary line. */
export function applyLogLine(p: Progress, line: string): Progress {
  const next = applyStderrLine(p, line);
  return next.finished ? next : applyStreamLine(next, line);
}

/** The output file's text within the log; null when the log has none (nothing was written). */
export function reportFromLog(log: string, format: ScanFormat): string | null {
  const lines = log.split("\n");
  const out: string[] = [];
  if (format === "pretty") {
    const start = lines.indexOf("{");
    if (start < 0) return null;
    out.push("{");
    for (const line of lines.slice(start + 1)) {
      if (line === "}") return `${[...out, "}"].join("\n")}\n`;
      if (line.startsWith(" ")) out.push(line);
    }
    return `${out.join("\n")}\n`;
  }
  const start = lines.findIndex((l) => {
    const o = json(l);
    return o?.type === "meta" && o.stream === true;
  });
  if (start < 0) return null;
  let summarized = false;
  for (const line of lines.slice(start)) {
    const o = json(line);
    if (!o) continue; // stderr interleaved with the stream
    if (summarized && !isErrorRecord(o)) break; // the stdout copy starts
    if (o.type === "summary") summarized = true;
    out.push(line);
  }
  return `${out.join("\n")}\n`;
}

/** The log without the report's lines (for the record's stderr tail). */
export function logWithoutReport(log: string): string {
  return log
    .split("\n")
    .filter((l) => !l.startsWith("{") && !l.startsWith(" ") && l !== "}")
    .join("\n");
}
