/**
 * Live progress of a running scan, pure: ApiHunter's stderr (banner "ApiHunter v0.3.0 |
 * Targets: N", one "[i/N] (xx.x%)" line per URL without a TTY) and, with `--stream`, the lines
 * of the output file (findings as found, then the summary line). Contract 1.1 and 1.5.
 */
export type Progress = {
  seeds: number | null;
  urlsDone: number;
  urlsTotal: number | null;
  findings: number;
  highOrCritical: number;
  finished: boolean;
};

export const EMPTY_PROGRESS: Progress = {
  seeds: null,
  urlsDone: 0,
  urlsTotal: null,
  findings: 0,
  highOrCritical: 0,
  finished: false,
};

export function applyStderrLine(p: Progress, line: string): Progress {
  const banner = /ApiHunter v\S+ \| Targets: (\d+)/.exec(line);
  if (banner) return { ...p, seeds: Number(banner[1]) };
  const step = /^\[(\d+)\/(\d+)\] \(/.exec(line.trim());
  if (step) return { ...p, urlsDone: Math.max(p.urlsDone, Number(step[1])), urlsTotal: Number(step[2]) };
  return p;
}

export function applyStreamLine(p: Progress, line: string): Progress {
  if (!line.trim()) return p;
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return p;
  }
  if (!v || typeof v !== "object") return p;
  const o = v as { type?: unknown; check?: unknown; severity?: unknown };
  if (o.type === "summary") return { ...p, finished: true };
  if (typeof o.check !== "string") return p;
  const high = o.severity === "HIGH" || o.severity === "CRITICAL";
  return { ...p, findings: p.findings + 1, highOrCritical: p.highOrCritical + (high ? 1 : 0) };
}

/** Splits appended text into complete lines, keeping the unfinished tail for next time. */
export function splitLines(carry: string, chunk: string): { lines: string[]; carry: string } {
  const parts = (carry + chunk).split("\n");
  return { lines: parts.slice(0, -1), carry: parts.at(-1) ?? "" };
}
