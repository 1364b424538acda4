import "server-only";

import { getEnv } from "@/lib/env";
import type { Cluster } from "@/lib/kube/cluster";
import { checkLive } from "@/lib/metrics/sources/optimizer";
import { latestValues } from "@/lib/metrics/store";
import type { WatchedService } from "@/lib/services/queries";

import { recordVerification, setVerifyProgress } from "./store";
import { assessMetrics, assessSelectorRollback } from "./verify";

type VerifyArgs = {
  runId: number;
  incidentId: number;
  actor: string;
  service: WatchedService;
  cluster: Cluster;
  ackedAt: number;
};

/** Runs verification in the background (the action has already answered); bounded by
 * ACTION_VERIFY_TIMEOUT_MS. The outcome lands on the run row and on the timeline. */
export function startVerification(
  args: VerifyArgs,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const env = getEnv();
  const timeoutMs = options.timeoutMs ?? env.ACTION_VERIFY_TIMEOUT_MS;
  const intervalMs = options.intervalMs ?? env.ACTION_VERIFY_INTERVAL_MS;
  return verifyUntilDone(args, timeoutMs, intervalMs).catch((e) =>
    console.error("[actions] verification crashed", e),
  );
}

async function verifyUntilDone(args: VerifyArgs, timeoutMs: number, intervalMs: number): Promise<void> {
  const { runId, incidentId, actor, service, cluster, ackedAt } = args;
  let last = "";
  const seconds = () => Math.round((Date.now() - ackedAt) / 100) / 10;
  while (Date.now() - ackedAt < timeoutMs) {
    let detail: string;
    try {
      const rollout = await assessSelectorRollback(cluster, service);
      detail = rollout.detail;
      if (rollout.isDone) {
        // The optimizer's /health/live (runbook health check); Prometheus-sourced services have none.
        const live =
          service.metricsSource === "optimizer" ? await checkLive(service.metricsBaseUrl, 2_000) : null;
        const metrics = assessMetrics(await latestValues(service.id), ackedAt, service.thresholdOverrides);
        if ((!live || live.status === 200) && metrics.state !== "waiting") {
          const checks = [
            rollout.detail,
            live ? "/health/live 200" : null,
            metrics.state === "ok" ? metrics.detail : null,
          ];
          const text = `verified in ${seconds()} s: ${checks.filter(Boolean).join(", ")}`;
          await recordVerification(runId, "verified", text, {
            incidentId,
            actor,
            body: `Rollback #${runId} ${text}.`,
            data: { actionId: runId, verification: "verified", seconds: seconds() },
          });
          return;
        }
        detail = [
          rollout.detail,
          live && live.status !== 200 ? `/health/live ${live.status ?? live.error}` : null,
          metrics.state === "waiting" ? metrics.detail : null,
        ]
          .filter(Boolean)
          .join("; ");
      }
    } catch (e) {
      detail = (e as Error).message;
    }
    if (detail !== last) await setVerifyProgress(runId, detail);
    last = detail;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  const text = `not verified after ${Math.round(timeoutMs / 1000)} s — escalate (${last})`;
  await recordVerification(runId, "not_verified", text, {
    incidentId,
    actor,
    body: `Rollback #${runId} ${text}.`,
    data: { actionId: runId, verification: "not_verified" },
  });
}
