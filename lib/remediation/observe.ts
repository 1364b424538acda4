import { isAppError } from "@/lib/errors";
import type { Cluster } from "@/lib/kube/cluster";
import type { DiffLine } from "@/lib/kube/diff";
import type { WatchedService } from "@/lib/services/queries";

import type { ActionKind } from "./schemas";

export type Observation = { landed: boolean; diff: DiffLine[]; observed: string };

type RunFacts = { kind: ActionKind; params: Record<string, unknown> };

/** Did this run's change land? Read from the live object, never assumed: used when the write's
 * answer was lost (timeout, 5xx, dropped connection) and when a run's process died. */
export async function observeRun(
  cluster: Cluster,
  service: WatchedService,
  run: RunFacts,
): Promise<Observation> {
  const { namespace, service: svcName, deployment, selectorLabel } = service.k8s;
  const p = run.params;
  if (run.kind === "rollback" || run.kind === "switch") {
    const svc = await cluster.getService({ namespace, name: svcName });
    const live = svc.selector[String(p.selectorLabel ?? selectorLabel)] ?? null;
    return {
      landed: live === p.to,
      diff:
        live === p.to
          ? [{ path: String(p.selectorLabel ?? selectorLabel), before: p.from ?? null, after: live }]
          : [],
      observed: `the Service selects ${selectorLabel}=${live ?? "(none)"}`,
    };
  }
  const d = await cluster.getDeployment({ namespace, name: deployment });
  switch (run.kind) {
    case "scale":
    case "containment": {
      // Containment applies its policy first and scales last, so replicas 0 means both landed.
      const want = run.kind === "containment" ? 0 : Number(p.toReplicas);
      const landed = d.replicas === want;
      return {
        landed,
        diff: landed ? [{ path: "replicas", before: p.fromReplicas ?? null, after: d.replicas }] : [],
        observed: `the Deployment has ${d.replicas} replicas`,
      };
    }
    case "undo": {
      const landed = d.images.join(",") === String(p.toImages ?? "");
      return {
        landed,
        diff: landed ? [{ path: "images", before: p.fromImages ?? null, after: d.images.join(",") }] : [],
        observed: `the Deployment runs ${d.images.join(", ")}`,
      };
    }
    case "restart": {
      const landed = d.restartedAt === p.restartedAt;
      return {
        landed,
        diff: landed ? [{ path: "restartedAt", before: null, after: d.restartedAt }] : [],
        observed: `the Deployment was last restarted at ${d.restartedAt ?? "(never)"}`,
      };
    }
  }
}

/** A failed write may still have landed (timeout, dropped connection, 5xx): read the live
 * object before saying anything. */
export async function landedDespite(
  e: unknown,
  cluster: Cluster,
  service: WatchedService,
  change: RunFacts,
): Promise<{ landed: true; diff: DiffLine[] } | { landed: false; message: string }> {
  const base = isAppError(e) ? e.message : `Unexpected error: ${(e as Error).message}`;
  const unclear = !isAppError(e) || ["TIMEOUT", "UNAVAILABLE", "UPSTREAM_FAILED"].includes(e.code);
  if (!unclear) return { landed: false, message: base };
  try {
    const seen = await observeRun(cluster, service, change);
    if (seen.landed) return { landed: true, diff: seen.diff };
    return {
      landed: false,
      message: `${base} The cluster shows the change did not land (${seen.observed}): nothing was changed.`,
    };
  } catch {
    return {
      landed: false,
      message: `${base} The cluster could not be read to confirm; check it before retrying.`,
    };
  }
}
