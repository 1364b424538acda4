// Pod objects as the kubelet would report them, and their metrics usage (logs: pod-logs.ts).
import { createHash } from "node:crypto";

import { isoSeconds } from "./store";
import type { KObject, PodTemplate } from "./types";

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
      ...(opts.template.metadata?.annotations
        ? { annotations: { ...opts.template.metadata.annotations } }
        : {}),
      ownerReferences: [{ ...opts.owner, controller: true, blockOwnerDeletion: true }],
      creationTimestamp: isoSeconds(opts.startedAt),
    },
    spec: { ...structuredClone(opts.template.spec ?? {}), nodeName: NODE_NAME },
  };
  pod.status = podStatus(pod, {
    ready: opts.ready,
    podIP: opts.podIP,
    startedAt: opts.startedAt,
    restartCount: 0,
  });
  return pod;
}

export function podStatus(
  pod: KObject,
  o: { ready: boolean; podIP: string; startedAt: Date; restartCount: number; readyAt?: Date },
) {
  const t = isoSeconds(o.startedAt);
  const readyT = isoSeconds(o.readyAt ?? o.startedAt);
  const cond = (type: string, ok: boolean, at: string) => ({
    type,
    status: ok ? "True" : "False",
    lastProbeTime: null,
    lastTransitionTime: at,
  });
  return {
    phase: o.ready ? "Running" : "Pending",
    conditions: [
      cond("PodReadyToStartContainers", o.ready, o.ready ? readyT : t),
      cond("Initialized", true, t),
      {
        ...cond("Ready", o.ready, o.ready ? readyT : t),
        ...(o.ready
          ? {}
          : {
              reason: "ContainersNotReady",
              message:
                "containers with unready status: [" +
                containersOf(pod)
                  .map((c) => c.name)
                  .join(" ") +
                "]",
            }),
      },
      {
        ...cond("ContainersReady", o.ready, o.ready ? readyT : t),
        ...(o.ready ? {} : { reason: "ContainersNotReady" }),
      },
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
      imageID: `${c.image ?? ""}@sha256:${createHash("sha256")
        .update(c.image ?? "")
        .digest("hex")}`,
      containerID: o.ready
        ? `containerd://${createHash("sha256").update(`${pod.metadata.name}/${c.name}`).digest("hex")}`
        : undefined,
      ready: o.ready,
      started: o.ready,
      restartCount: o.restartCount,
      state: o.ready ? { running: { startedAt: readyT } } : { waiting: { reason: "ContainerCreating" } },
      lastState:
        o.restartCount > 0
          ? { terminated: { exitCode: 137, reason: "OOMKilled", startedAt: t, finishedAt: readyT } }
          : {},
    })),
  };
}

export function isPodReady(pod: KObject): boolean {
  const conditions = (pod.status?.conditions as Array<{ type: string; status: string }> | undefined) ?? [];
  return conditions.some((c) => c.type === "Ready" && c.status === "True");
}

/** metrics.k8s.io/v1beta1 PodMetrics for a running pod (varies minute by minute). */
export function podMetrics(pod: KObject, now: Date) {
  const minute = Math.floor(now.getTime() / 60_000);
  return {
    kind: "PodMetrics",
    apiVersion: "metrics.k8s.io/v1beta1",
    metadata: {
      name: pod.metadata.name,
      namespace: pod.metadata.namespace,
      creationTimestamp: isoSeconds(now),
      labels: pod.metadata.labels ?? {},
    },
    timestamp: isoSeconds(new Date(minute * 60_000)),
    window: "30s",
    containers: containersOf(pod).map((c) => {
      const h = hashInt(`${pod.metadata.name}/${c.name}/${minute}`);
      return { name: c.name, usage: { cpu: `${40 + (h % 220)}m`, memory: `${(120 + (h % 280)) * 1024}Ki` } };
    }),
  };
}
