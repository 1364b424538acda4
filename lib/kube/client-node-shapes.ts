// client-node's objects reshaped into the Cluster port's views, and its errors into the
// port's failures: pure functions, so the adapter class holds only the calls.
import "server-only";
import * as k8s from "@kubernetes/client-node";

import type { DeploymentView, ObjectRef, PodView, ServiceSelectorView } from "./cluster";
import { statusMessage, type KubeFailure } from "./errors";
import { normalizeSelector, selectorToQuery } from "./label-selector";
import { REVISION_ANNOTATION, RESTARTED_AT_ANNOTATION } from "./rollback-plan";

export function toFailure(e: unknown, timeoutMs: number): KubeFailure {
  if (e instanceof k8s.ApiException)
    return { kind: "status", status: e.code, message: statusMessage(e.body) };
  const err = e as {
    name?: string;
    code?: string;
    message?: string;
    cause?: { code?: string; message?: string; name?: string };
  };
  if (err.name === "TimeoutError" || err.name === "AbortError" || err.cause?.name === "TimeoutError")
    return { kind: "timeout", timeoutMs };
  // fetch wraps a network error in `cause`; undici's request() rejects with it directly.
  return {
    kind: "unreachable",
    detail: err.cause?.code ?? err.code ?? err.cause?.message ?? err.message ?? String(e),
  };
}

export function show(ref: ObjectRef): string {
  return `${ref.namespace}/${ref.name}`;
}

export function selectorString(labels: Record<string, string>): string {
  return selectorToQuery({ matchLabels: labels });
}

export function reshapeService(svc: k8s.V1Service): ServiceSelectorView {
  return {
    namespace: svc.metadata?.namespace ?? "",
    name: svc.metadata?.name ?? "",
    selector: { ...(svc.spec?.selector ?? {}) },
    resourceVersion: svc.metadata?.resourceVersion ?? "",
  };
}

export function reshapeDeployment(d: k8s.V1Deployment): DeploymentView {
  const annotations = { ...(d.metadata?.annotations ?? {}) };
  const revision = Number(annotations[REVISION_ANNOTATION]);
  return {
    namespace: d.metadata?.namespace ?? "",
    name: d.metadata?.name ?? "",
    uid: d.metadata?.uid ?? "",
    resourceVersion: d.metadata?.resourceVersion ?? "",
    generation: d.metadata?.generation ?? 0,
    observedGeneration: d.status?.observedGeneration ?? 0,
    replicas: d.spec?.replicas ?? 1,
    readyReplicas: d.status?.readyReplicas ?? 0,
    updatedReplicas: d.status?.updatedReplicas ?? 0,
    availableReplicas: d.status?.availableReplicas ?? 0,
    revision: Number.isFinite(revision) ? revision : null,
    matchLabels: { ...(d.spec?.selector?.matchLabels ?? {}) },
    selector: normalizeSelector(d.spec?.selector ?? {}),
    annotations,
    template: JSON.parse(JSON.stringify(d.spec?.template ?? {})) as Record<string, unknown>,
    images: (d.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? ""),
    restartedAt: d.spec?.template?.metadata?.annotations?.[RESTARTED_AT_ANNOTATION] ?? null,
  };
}

export function reshapePod(p: k8s.V1Pod): PodView {
  const conditions = (p.status?.conditions ?? []).map((c) => ({
    type: c.type,
    status: c.status,
    reason: c.reason,
    message: c.message,
  }));
  return {
    name: p.metadata?.name ?? "",
    labels: { ...(p.metadata?.labels ?? {}) },
    phase: p.status?.phase ?? "Unknown",
    ready: conditions.some((c) => c.type === "Ready" && c.status === "True"),
    restarts: (p.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0),
    containers: (p.spec?.containers ?? []).map((c) => c.name),
    conditions,
    startedAt: p.status?.startTime ? new Date(p.status.startTime).toISOString() : null,
  };
}
