// Bulk logs for memory tests: a pod whose template carries `double.firebreak.dev/log-bytes: N`
// has a log of N bytes of fixed-width lines (so `tailLines` is exact), and with
// `double.firebreak.dev/ignore-limit-bytes: "true"` it answers like a server that ignores
// `limitBytes`, so a client must cut the stream itself.
import type { KObject } from "./types";

export const LOG_BYTES_ANNOTATION = "double.firebreak.dev/log-bytes";
export const IGNORE_LIMIT_BYTES_ANNOTATION = "double.firebreak.dev/ignore-limit-bytes";
/** Every bulk line is exactly this long, newline included. */
export const BULK_LINE_BYTES = 100;

export function bulkLogSize(pod: KObject): number | null {
  const raw = pod.metadata.annotations?.[LOG_BYTES_ANNOTATION];
  if (raw === undefined) return null;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

export function ignoresLimitBytes(pod: KObject): boolean {
  return pod.metadata.annotations?.[IGNORE_LIMIT_BYTES_ANNOTATION] === "true";
}

function bulkLine(pod: string, container: string, i: number): string {
  const head = `2026-11-28T00:00:00Z level=info pod=${pod} container=${container} line=${i} msg="bulk"`;
  return `${head.slice(0, BULK_LINE_BYTES - 2).padEnd(BULK_LINE_BYTES - 1, ".")}\n`;
}

/** The pod's bulk log (whole lines only), honouring `tailLines`; `limitBytes` is applied by
 * the caller unless the pod ignores it. */
export function bulkLog(pod: KObject, container: string, size: number, tailLines?: number): string {
  const total = Math.floor(size / BULK_LINE_BYTES);
  const first = tailLines === undefined ? 0 : Math.max(0, total - tailLines);
  const parts: string[] = [];
  for (let i = first; i < total; i++) parts.push(bulkLine(pod.metadata.name, container, i));
  return parts.join("");
}
