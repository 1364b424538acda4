import type { Cluster } from "@/lib/kube/cluster";
import type { WatchedService } from "@/lib/services/queries";

export type RolloutAssessment = { isDone: boolean; detail: string };

/** Is the Service served only by ready pods of the stable version? (issue #4 "Verification"). */
export async function assessSelectorRollback(cluster: Cluster, service: WatchedService): Promise<RolloutAssessment> {
  const { namespace, service: name, selectorLabel, stableValue } = service.k8s;
  const [endpoints, svc] = await Promise.all([cluster.getEndpoints({ namespace, name }), cluster.getService({ namespace, name })]);
  const pods = await cluster.listPods(namespace, svc.selector);
  const byName = new Map(pods.map((p) => [p.name, p]));
  if (svc.selector[selectorLabel] !== stableValue) {
    return { isDone: false, detail: `service selects ${selectorLabel}=${svc.selector[selectorLabel] ?? "(none)"}, not ${stableValue}` };
  }
  if (endpoints.length === 0) return { isDone: false, detail: "no endpoints yet" };
  const good = endpoints.filter((e) => {
    const pod = e.podName ? byName.get(e.podName) : undefined;
    return e.ready && pod?.ready === true && pod.labels[selectorLabel] === stableValue;
  });
  const detail = `${good.length}/${endpoints.length} endpoints on ready ${stableValue} pods`;
  return { isDone: good.length === endpoints.length, detail };
}

/** Probes the service's `/health/live` (runbook health check); 200 = alive. */
export async function probeLive(baseUrl: string, timeoutMs = 2_000): Promise<{ status: number | null; error?: string }> {
  try {
    const res = await fetch(new URL("/health/live", baseUrl), { signal: AbortSignal.timeout(timeoutMs), cache: "no-store" });
    await res.body?.cancel();
    return { status: res.status };
  } catch (e) {
    return { status: null, error: (e as Error).message };
  }
}
