import "server-only";

import { listOpenIncidentsForService } from "@/lib/incidents/queries";
import { sourceFor } from "@/lib/metrics/sources";
import { getCluster } from "@/lib/remediation/cluster-factory";
import { checkLive, checkReady } from "@/lib/metrics/sources/optimizer";
import { isSeverity, sevLabel } from "@/lib/runbook/sev-levels";
import { evaluateSeverity } from "@/lib/severity/engine";
import type { WatchedService } from "@/lib/services/queries";

import { judgeCheck, type CheckFindings, type CheckResult } from "./decide";
import { judgeRollout, type RolloutCheck } from "./rollout-view";

const PROBE_TIMEOUT_MS = 3_000;

/** SEV-1 or worse: the levels whose definition calls for rollback (seed 001, Severity Levels,
 * lines 47-63). */
const SEV1_OR_WORSE = new Set(["SEV0", "SEV1"]);

/** A SEV-1+ incident open for the service, in words, or null (a pre-check and a watch check). */
export async function openSev1Incident(service: string): Promise<string | null> {
  const open = (await listOpenIncidentsForService(service)).filter((i) => SEV1_OR_WORSE.has(i.severity));
  const first = open[0];
  return first
    ? `${sevLabel(isSeverity(first.severity) ? first.severity : null)} incident #${first.id} is open`
    : null;
}

/** The service's /health/live and /health/ready through the optimizer adapter (seed 001,
 * Incident Response Step 1, lines 85-87). A Prometheus-sourced service has neither. */
export async function healthOf(service: WatchedService): Promise<Pick<CheckFindings, "live" | "ready">> {
  if (service.metricsSource !== "optimizer") return { live: 200, ready: 200 };
  const [live, ready] = await Promise.all([
    checkLive(service.metricsBaseUrl, PROBE_TIMEOUT_MS),
    checkReady(service.metricsBaseUrl, PROBE_TIMEOUT_MS),
  ]);
  return { live: live.status, ready: ready.status };
}

/** A fresh metrics poll (not the collector's next slot) in the SEV-1+ zone, in words, or null. */
async function metricsBreach(service: WatchedService): Promise<string | null> {
  const poll = await sourceFor(service, PROBE_TIMEOUT_MS)
    .poll("fast")
    .catch(() => ({ values: {}, errors: [] }));
  const critical = evaluateSeverity(poll.values, service.thresholdOverrides).reasons.filter((r) =>
    SEV1_OR_WORSE.has(r.level),
  );
  return critical.length === 0 ? null : critical.map((r) => `${sevLabel(r.level)}: ${r.text}`).join(", ");
}

/** One quick health check of the watch (the runbook's `quick-health-check.sh`, line 256); a
 * watched rollout's check adds its Deployment's state (`rollout`, judged by the caller). */
export async function runWatchCheck(
  service: WatchedService,
  rollout: string | null = null,
): Promise<CheckResult> {
  const [health, metrics, incident] = await Promise.all([
    healthOf(service),
    metricsBreach(service),
    openSev1Incident(service.name),
  ]);
  const sevBreach = [metrics, incident].filter(Boolean).join("; ") || null;
  return judgeCheck({ ...health, sevBreach, rollout });
}

/** The watched rollout at one check, read with Firebreak's own account (the watch runs with no
 * person behind it, like its automatic rollback). */
export async function rolloutCheck(service: WatchedService, revision: number): Promise<RolloutCheck> {
  const { namespace, deployment } = service.k8s;
  const dep = await getCluster(service.k8s.context).getDeployment({ namespace, name: deployment });
  return judgeRollout(dep, revision);
}
