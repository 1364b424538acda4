import "server-only";

import type { Actor } from "@/lib/auth/permissions";
import { AppError, isAppError } from "@/lib/errors";
import type { DiffLine } from "@/lib/kube/diff";
import { sourceFor } from "@/lib/metrics/sources";
import type { WatchedService } from "@/lib/services/queries";

import {
  proposeTuning,
  ruleValue,
  tuningDiff,
  tuningKubectl,
  tuningPatch,
  type TuningChange,
  type TuningMetrics,
} from "./autotune";
import { dataDiff } from "./config-data";
import { runOperation, type OperationResult } from "./run-op";
import { configObjectName, configObjectsFor, serviceOrThrow } from "./targets";

const METRICS_TIMEOUT_MS = 5_000;

export type TuningProposalView = {
  service: string;
  configMap: { namespace: string; name: string; resourceVersion: string };
  metrics: TuningMetrics;
  metricErrors: string[];
  changes: TuningChange[];
  notes: string[];
  /** The exact ConfigMap diff, as the API server's dry run of the patch computed it. */
  diff: DiffLine[];
  dryRunError: string | null;
  kubectl: string | null;
};

/** The metrics the rules read (runbook 001 · Auto-Tuning Script, step 1: `/metrics/performance`),
 * through the service's metrics source, ratios in percent whatever unit the service declares. */
async function readTuningMetrics(
  service: WatchedService,
): Promise<{ metrics: TuningMetrics; errors: string[] }> {
  const source = sourceFor(service, METRICS_TIMEOUT_MS);
  const [fast, medium] = await Promise.all([source.poll("fast"), source.poll("medium")]);
  const v = { ...fast.values, ...medium.values };
  return {
    metrics: { cacheHitPct: v.cache_hit_pct ?? null, p95Ms: v.p95_latency_ms ?? null, rps: v.rps ?? null },
    errors: [...fast.errors, ...medium.errors],
  };
}

/** Computes the proposal from live metrics and the live ConfigMap, and dry-runs its patch:
 * nothing is changed. */
export async function proposeAutotune(serviceName: string, actor: Actor | null): Promise<TuningProposalView> {
  const service = await serviceOrThrow(serviceName);
  const objects = configObjectsFor(service, actor);
  const ref = { namespace: service.k8s.namespace, name: configObjectName(service, "ConfigMap") };
  const [{ metrics, errors }, live] = await Promise.all([
    readTuningMetrics(service),
    objects.read("ConfigMap", ref),
  ]);
  const { changes, notes } = proposeTuning(metrics, live.data);
  let diff = tuningDiff(changes);
  let dryRunError: string | null = null;
  if (changes.length > 0) {
    try {
      const after = await objects.patch("ConfigMap", ref, tuningPatch(live.resourceVersion, changes), {
        dryRun: true,
      });
      diff = dataDiff("ConfigMap", live.data, after.data);
    } catch (e) {
      dryRunError = isAppError(e) ? e.message : "The dry run failed.";
    }
  }
  return {
    service: service.name,
    configMap: { ...ref, resourceVersion: live.resourceVersion },
    metrics,
    metricErrors: errors,
    changes,
    notes,
    diff,
    dryRunError,
    kubectl: changes.length > 0 ? tuningKubectl(ref.name, ref.namespace, changes) : null,
  };
}

/** Applies exactly the changes the person confirmed: each must be what a rule sets from the
 * value it replaces, and the patch is refused if the ConfigMap moved since the proposal. */
export async function runAutotuneApply(
  input: {
    service: string;
    resourceVersion: string;
    changes: TuningChange[];
    requestId: string;
    incidentId?: number | null;
  },
  actor: Actor,
): Promise<OperationResult> {
  const service = await serviceOrThrow(input.service);
  if (input.changes.length === 0) throw new AppError("INVALID_INPUT", "The proposal has no change to apply.");
  for (const c of input.changes)
    if (ruleValue(c.key, c.from) !== c.to)
      throw new AppError(
        "INVALID_INPUT",
        `${c.key}: ${c.to} is not what the auto-tuning rule sets from ${c.from ?? "(none)"}.`,
      );
  const ref = { namespace: service.k8s.namespace, name: configObjectName(service, "ConfigMap") };
  return runOperation(
    {
      kind: "autotune_apply",
      service: service.name,
      actor,
      requestId: input.requestId,
      incidentId: input.incidentId,
      params: {
        configMap: ref.name,
        resourceVersion: input.resourceVersion,
        changes: input.changes
          .map((c) => `${c.key}: ${c.from ?? "(none)"} → ${c.to} (${c.reason})`)
          .join("; "),
      },
    },
    async () => {
      const objects = configObjectsFor(service, actor);
      let after;
      try {
        after = await objects.patch("ConfigMap", ref, tuningPatch(input.resourceVersion, input.changes));
      } catch (e) {
        if (isAppError(e) && e.code === "CONFLICT")
          throw new AppError(
            "CONFLICT",
            `ConfigMap ${ref.name} changed since the proposal; nothing was applied. Compute the proposal again. (${e.message})`,
          );
        throw e;
      }
      const before = Object.fromEntries(
        input.changes.filter((c) => c.from !== null).map((c) => [c.key, c.from!]),
      );
      const touched = Object.fromEntries(input.changes.map((c) => [c.key, after.data[c.key] ?? ""]));
      return {
        summary: `ConfigMap ${ref.namespace}/${ref.name} tuned (${input.changes.map((c) => c.reason).join("; ")})`,
        diff: dataDiff("ConfigMap", before, touched),
      };
    },
  );
}
