// Generated container logs: one deterministic line every 15 s since the container started (errors at the
// rate of the pod template annotation), the previous container's last minutes, kubectl's query options.
import { bulkLog, bulkLogSize, ignoresLimitBytes } from "./bulk-logs";
import { capturedLog, renderCapturedLog } from "./container-log";
import { hashInt, LOG_ERROR_RATE_ANNOTATION, LOG_INTERVAL_S } from "./pods";
import { ApiError } from "./status";
import type { KObject } from "./types";

function containerNames(pod: KObject): string[] {
  return ((pod.spec?.containers as Array<{ name?: string }> | undefined) ?? []).flatMap((c) =>
    typeof c.name === "string" ? [c.name] : [],
  );
}

const INFO_LINES = [
  'level=info msg="request served" path=/v1/optimize status=200 latency_ms=%L',
  'level=info msg="cache hit" key=route:%K ratio=0.%R',
  'level=info msg="request served" path=/v1/routes status=200 latency_ms=%L',
  'level=info msg="health check" path=/health/live status=200',
  'level=warn msg="slow upstream" upstream=pricing latency_ms=%S',
];
const ERROR_LINES = [
  'level=error msg="upstream timeout" upstream=pricing after_ms=5000',
  'level=error msg="request failed" path=/v1/optimize status=500 error="connection reset by peer"',
  'level=error msg="cache error" error="redis: connection pool exhausted"',
];

function logLine(podName: string, container: string, index: number, errorRate: number): string {
  const h = hashInt(`${podName}/${container}/${index}`);
  const isError = (h % 1000) / 1000 < errorRate;
  const pool = isError ? ERROR_LINES : INFO_LINES;
  return pool[h % pool.length]!.replace("%L", String(8 + (h % 40)))
    .replace("%K", String(h % 997))
    .replace("%R", String(h % 100).padStart(2, "0"))
    .replace("%S", String(200 + (h % 900)));
}

/** Logs of the previous (terminated) container: its last 30 minutes, ending in the out-of-memory kill. */
function previousLogs(
  podName: string,
  container: string,
  finishedAt: string | undefined,
  opts: LogOptions,
): string {
  if (!finishedAt)
    throw new ApiError(
      400,
      `previous terminated container "${container}" in pod "${podName}" not found`,
      "BadRequest",
    );
  const end = Date.parse(finishedAt);
  const lines: string[] = [];
  for (let t = end - 30 * 60_000; t < end; t += LOG_INTERVAL_S * 1000) {
    lines.push(`${new Date(t).toISOString()} ${logLine(`${podName}/previous`, container, t / 1000, 0.1)}`);
  }
  lines.push(
    `${new Date(end).toISOString()} level=error msg="fatal error: runtime: out of memory" rss_mb=1024 limit_mb=1024`,
  );
  const since = Math.max(
    opts.sinceSeconds !== undefined ? opts.now.getTime() - opts.sinceSeconds * 1000 : 0,
    opts.sinceTime ? Date.parse(opts.sinceTime) : 0,
  );
  let kept = lines.filter((l) => Date.parse(l.slice(0, 24)) >= since);
  if (opts.tailLines !== undefined) kept = kept.slice(Math.max(0, kept.length - opts.tailLines));
  return kept
    .map((l) => `${opts.timestamps ? `${l.slice(0, 24).replace("Z", "000000Z")} ` : ""}${l}\n`)
    .join("");
}

export interface LogOptions {
  previous?: boolean;
  container?: string;
  sinceSeconds?: number;
  sinceTime?: string;
  tailLines?: number;
  timestamps?: boolean;
  limitBytes?: number;
  now: Date;
}

/** The container's log as text, one generated line every 15 s since the container started. */
export function podLogs(pod: KObject, opts: LogOptions): string {
  const containers = containerNames(pod).map((name) => ({ name }));
  const podName = pod.metadata.name;
  let container = opts.container;
  if (!container) {
    if (containers.length !== 1) {
      throw new ApiError(
        400,
        `a container name must be specified for pod ${podName}, choose one of: [${containers.map((c) => c.name).join(" ")}]`,
        "BadRequest",
      );
    }
    container = containers[0]!.name;
  }
  if (!containers.some((c) => c.name === container)) {
    throw new ApiError(400, `container ${container} is not valid for pod ${podName}`, "BadRequest");
  }
  type Status = {
    name: string;
    state?: { running?: { startedAt: string }; waiting?: { reason?: string } };
    lastState?: { terminated?: { finishedAt: string } };
  };
  const status = ((pod.status?.containerStatuses as Status[] | undefined) ?? []).find(
    (s) => s.name === container,
  );
  if (opts.previous) return previousLogs(podName, container, status?.lastState?.terminated?.finishedAt, opts);
  const captured = capturedLog(pod.metadata.uid, container);
  if (captured) return renderCapturedLog(captured, opts);
  const startedAt = status?.state?.running?.startedAt;
  if (!startedAt) {
    const reason = status?.state?.waiting?.reason ?? "ContainerCreating";
    throw new ApiError(
      400,
      `container "${container}" in pod "${podName}" is waiting to start: ${reason}`,
      "BadRequest",
    );
  }
  const bulk = bulkLogSize(pod);
  if (bulk !== null) {
    const text = bulkLog(pod, container, bulk, opts.tailLines);
    return opts.limitBytes !== undefined && !ignoresLimitBytes(pod) ? text.slice(0, opts.limitBytes) : text;
  }
  const errorRate = Number(pod.metadata.annotations?.[LOG_ERROR_RATE_ANNOTATION] ?? "0.02");
  const start = Date.parse(startedAt);
  let from = start;
  if (opts.sinceSeconds !== undefined) from = Math.max(from, opts.now.getTime() - opts.sinceSeconds * 1000);
  if (opts.sinceTime) from = Math.max(from, Date.parse(opts.sinceTime));
  const first = Math.max(0, Math.ceil((from - start) / (LOG_INTERVAL_S * 1000)));
  const last = Math.floor((opts.now.getTime() - start) / (LOG_INTERVAL_S * 1000));
  let firstIndex = first;
  if (opts.tailLines !== undefined) firstIndex = Math.max(first, last - opts.tailLines + 1);
  const lines: string[] = [];
  for (let i = firstIndex; i <= last; i++) {
    const at = new Date(start + i * LOG_INTERVAL_S * 1000).toISOString();
    const text = `${at} ${logLine(podName, container, i, errorRate)}`;
    lines.push(opts.timestamps ? `${at.replace("Z", "000000Z")} ${text}` : text);
  }
  let out = lines.map((l) => `${l}\n`).join("");
  if (opts.limitBytes !== undefined) out = out.slice(0, opts.limitBytes);
  return out;
}
