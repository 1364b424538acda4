import type { Cluster } from "@/lib/kube/cluster";
import type { MetricKey } from "@/lib/runbook/catalog";
import { evaluateSeverity } from "@/lib/severity/engine";
import type { ThresholdOverrides } from "@/lib/services/schema";
import type { WatchedService } from "@/lib/services/queries";

export type RolloutAssessment = { isDone: boolean; detail: string };

/** Is the Service served only by ready pods of the stable version? (runbook 001 · Quick Actions: rollback to `version=stable`). */
export async function assessSelectorRollback(
  cluster: Cluster,
  service: WatchedService,
): Promise<RolloutAssessment> {
  const { namespace, service: name, selectorLabel, stableValue } = service.k8s;
  const [endpoints, svc] = await Promise.all([
    cluster.getEndpoints({ namespace, name }),
    cluster.getService({ namespace, name }),
  ]);
  const pods = await cluster.listPods(namespace, svc.selector);
  const byName = new Map(pods.map((p) => [p.name, p]));
  if (svc.selector[selectorLabel] !== stableValue) {
    return {
      isDone: false,
      detail: `service selects ${selectorLabel}=${svc.selector[selectorLabel] ?? "(none)"}, not ${stableValue}`,
    };
  }
  if (endpoints.length === 0) return { isDone: false, detail: "no endpoints yet" };
  const good = endpoints.filter((e) => {
    const pod = e.podName ? byName.get(e.podName) : undefined;
    return e.ready && pod?.ready === true && pod.labels[selectorLabel] === stableValue;
  });
  const detail = `${good.length}/${endpoints.length} endpoints on ready ${stableValue} pods`;
  return { isDone: good.length === endpoints.length, detail };
}

/** The metrics condition of verification: the service's metrics have left the
 * critical zone (no SEV-0/SEV-1 reason) in a poll taken after the PATCH was acknowledged. A
 * service whose collector has not polled in `activeWithinMs` before the action has no live
 * metrics, so the condition does not apply. */
export function assessMetrics(
  latest: { at: Date | null; values: Partial<Record<MetricKey, number | null>> },
  ackedAt: number,
  overrides: ThresholdOverrides,
  activeWithinMs = 5 * 60_000,
): { state: "ok" | "waiting" | "not_applicable"; detail: string } {
  if (!latest.at || latest.at.getTime() < ackedAt - activeWithinMs)
    return { state: "not_applicable", detail: "no live metrics" };
  if (latest.at.getTime() <= ackedAt)
    return { state: "waiting", detail: "waiting for a metrics poll after the rollback" };
  const critical = evaluateSeverity(latest.values, overrides).reasons.filter(
    (r) => r.level === "SEV0" || r.level === "SEV1",
  );
  return critical.length === 0
    ? { state: "ok", detail: "metrics out of the critical zone" }
    : { state: "waiting", detail: `metrics still critical: ${critical.map((r) => r.text).join(", ")}` };
}
