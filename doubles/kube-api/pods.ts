// Pod objects as the kubelet would report them, their (generated, deterministic) logs and metrics usage.
import { createHash } from "node:crypto";

import { isoSeconds } from "./store";
import type { KObject, PodTemplate } from "./types";
import { ApiError } from "./status";

export const NODE_NAME = "firebreak-node-1";
/** Pod template annotation: fraction (0..1) of generated log lines that are errors. */
export const LOG_ERROR_RATE_ANNOTATION = "double.firebreak.dev/log-error-rate";
export const LOG_INTERVAL_S = 15;

export function hashInt(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32BE(0);
}

const NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
export function safeSuffix(seed: string, length: number): string {
  const bytes = createHash("sha256").update(seed).digest();
  let out = "";
  for (let i = 0; i < length; i++) out += NAME_ALPHABET[bytes[i]! % NAME_ALPHABET.length];
  return out;
}

interface Container {
  name: string;
  image?: string;
  [key: string]: unknown;
}

function containersOf(pod: KObject): Container[] {
  return ((pod.spec?.containers as Container[] | undefined) ?? []).filter((c) => typeof c?.name === "string");
}

export function newPod(opts: {
  name: string;
  namespace: string;
  template: PodTemplate;
  owner: { apiVersion: string; kind: string; name: string; uid: string };
  podIP: string;
  ready: boolean;
  startedAt: Date;
}): KObject {
  const pod: KObject = {
    metadata: {
      name: opts.name,
      namespace: opts.namespace,
      labels: { ...(opts.template.metadata?.labels ?? {}) },
      ...(opts.template.metadata?.annotations ? { annotations: { ...opts.template.metadata.annotations } } : {}),
      ownerReferences: [{ ...opts.owner, controller: true, blockOwnerDeletion: true }],
      creationTimestamp: isoSeconds(opts.startedAt),
    },
    spec: { ...structuredClone(opts.template.spec ?? {}), nodeName: NODE_NAME },
  };
  pod.status = podStatus(pod, { ready: opts.ready, podIP: opts.podIP, startedAt: opts.startedAt, restartCount: 0 });
  return pod;
}

export function podStatus(pod: KObject, o: { ready: boolean; podIP: string; startedAt: Date; restartCount: number; readyAt?: Date }) {
  const t = isoSeconds(o.startedAt);
  const readyT = isoSeconds(o.readyAt ?? o.startedAt);
  const cond = (type: string, ok: boolean, at: string) => ({ type, status: ok ? "True" : "False", lastProbeTime: null, lastTransitionTime: at });
  return {
    phase: o.ready ? "Running" : "Pending",
    conditions: [
      cond("PodReadyToStartContainers", o.ready, o.ready ? readyT : t),
      cond("Initialized", true, t),
      { ...cond("Ready", o.ready, o.ready ? readyT : t), ...(o.ready ? {} : { reason: "ContainersNotReady", message: "containers with unready status: [" + containersOf(pod).map((c) => c.name).join(" ") + "]" }) },
      { ...cond("ContainersReady", o.ready, o.ready ? readyT : t), ...(o.ready ? {} : { reason: "ContainersNotReady" }) },
      cond("PodScheduled", true, t),
    ],
    hostIP: "10.0.0.10",
    hostIPs: [{ ip: "10.0.0.10" }],
    podIP: o.podIP,
    podIPs: [{ ip: o.podIP }],
    startTime: t,
    qosClass: "BestEffort",
    containerStatuses: containersOf(pod).map((c) => ({
      name: c.name,
      image: c.image ?? "",
      imageID: `${c.image ?? ""}@sha256:${createHash("sha256").update(c.image ?? "").digest("hex")}`,
      containerID: o.ready ? `containerd://${createHash("sha256").update(`${pod.metadata.name}/${c.name}`).digest("hex")}` : undefined,
      ready: o.ready,
      started: o.ready,
      restartCount: o.restartCount,
      state: o.ready ? { running: { startedAt: readyT } } : { waiting: { reason: "ContainerCreating" } },
      lastState: o.restartCount > 0 ? { terminated: { exitCode: 137, reason: "OOMKilled", startedAt: t, finishedAt: readyT } } : {},
    })),
  };
}

export function isPodReady(pod: KObject): boolean {
  const conditions = (pod.status?.conditions as Array<{ type: string; status: string }> | undefined) ?? [];
  return conditions.some((c) => c.type === "Ready" && c.status === "True");
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
  return pool[h % pool.length]!
    .replace("%L", String(8 + (h % 40)))
    .replace("%K", String(h % 997))
    .replace("%R", String(h % 100).padStart(2, "0"))
    .replace("%S", String(200 + (h % 900)));
}

/** Logs of the previous (terminated) container: its last 30 minutes, ending in the out-of-memory kill. */
function previousLogs(podName: string, container: string, finishedAt: string | undefined, opts: LogOptions): string {
  if (!finishedAt) throw new ApiError(400, `previous terminated container "${container}" in pod "${podName}" not found`, "BadRequest");
  const end = Date.parse(finishedAt);
  const lines: string[] = [];
  for (let t = end - 30 * 60_000; t < end; t += LOG_INTERVAL_S * 1000) {
    lines.push(`${new Date(t).toISOString()} ${logLine(`${podName}/previous`, container, t / 1000, 0.1)}`);
  }
  lines.push(`${new Date(end).toISOString()} level=error msg="fatal error: runtime: out of memory" rss_mb=1024 limit_mb=1024`);
  const since = Math.max(opts.sinceSeconds !== undefined ? opts.now.getTime() - opts.sinceSeconds * 1000 : 0, opts.sinceTime ? Date.parse(opts.sinceTime) : 0);
  let kept = lines.filter((l) => Date.parse(l.slice(0, 24)) >= since);
  if (opts.tailLines !== undefined) kept = kept.slice(Math.max(0, kept.length - opts.tailLines));
  return kept.map((l) => `${opts.timestamps ? `${l.slice(0, 24).replace("Z", "000000Z")} ` : ""}${l}\n`).join("");
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
  const containers = containersOf(pod);
  const podName = pod.metadata.name;
  let container = opts.container;
  if (!container) {
    if (containers.length !== 1) {
      throw new ApiError(400, `a container name must be specified for pod ${podName}, choose one of: [${containers.map((c) => c.name).join(" ")}]`, "BadRequest");
    }
    container = containers[0]!.name;
  }
  if (!containers.some((c) => c.name === container)) {
    throw new ApiError(400, `container ${container} is not valid for pod ${podName}`, "BadRequest");
  }
  type Status = { name: string; state?: { running?: { startedAt: string }; waiting?: { reason?: string } }; lastState?: { terminated?: { finishedAt: string } } };
  const status = ((pod.status?.containerStatuses as Status[] | undefined) ?? []).find((s) => s.name === container);
  if (opts.previous) return previousLogs(podName, container, status?.lastState?.terminated?.finishedAt, opts);
  const startedAt = status?.state?.running?.startedAt;
  if (!startedAt) {
    const reason = status?.state?.waiting?.reason ?? "ContainerCreating";
    throw new ApiError(400, `container "${container}" in pod "${podName}" is waiting to start: ${reason}`, "BadRequest");
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

/** metrics.k8s.io/v1beta1 PodMetrics for a running pod (varies minute by minute). */
export function podMetrics(pod: KObject, now: Date) {
  const minute = Math.floor(now.getTime() / 60_000);
  return {
    kind: "PodMetrics",
    apiVersion: "metrics.k8s.io/v1beta1",
    metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, creationTimestamp: isoSeconds(now), labels: pod.metadata.labels ?? {} },
    timestamp: isoSeconds(new Date(minute * 60_000)),
    window: "30s",
    containers: containersOf(pod).map((c) => {
      const h = hashInt(`${pod.metadata.name}/${c.name}/${minute}`);
      return { name: c.name, usage: { cpu: `${40 + (h % 220)}m`, memory: `${(120 + (h % 280)) * 1024}Ki` } };
    }),
  };
}
