import "server-only";

import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { appendTimelineEvent } from "@/lib/incidents/events";
import { enqueueJob, registerJobHandler, startJobs } from "@/lib/jobs/queue";
import type { Cluster } from "@/lib/kube/cluster";
import { checkLive } from "@/lib/metrics/sources/optimizer";
import { sourceFor } from "@/lib/metrics/sources";
import { getServiceOrThrow, type WatchedService } from "@/lib/services/queries";

import { getCluster } from "./cluster-factory";
import { assessMetrics, assessSelectorRollback } from "./verify";

/**
 * Rollback verification as a durable job (lib/jobs): it survives restarts of the process and
 * of the database, and ends exactly once on the run row and the timeline with "verified in
 * N s" or "not verified after N s — escalate". The browser polls the run until then.
 *
 * Each execution watches for up to SLICE_MS, probing the service itself every interval (the
 * Service's endpoints through the Cluster port, its /health/live, and a fresh metrics poll
 * through the metrics source adapter — not the collector's next 30 s slot), then queues its
 * own continuation. A worker that dies mid-slice is presumed dead after EXPIRE_S and another
 * process resumes. Zero ready endpoints for ZERO_GRACE_MS fails fast (traffic is cut).
 */
export const VERIFY_JOB = "remediation.verify";
const SLICE_MS = 10_000;
const EXPIRE_S = 20;
const ZERO_GRACE_MS = 3_000;

export type VerifyJob = {
  runId: number;
  incidentId: number;
  actor: string;
  serviceId: number;
  ackedAt: number;
  timeoutMs: number;
  intervalMs: number;
};

type VerifyArgs = {
  runId: number;
  incidentId: number;
  actor: string;
  service: WatchedService;
  /** Unused: the job reads the cluster from configuration in whichever process works it. */
  cluster?: Cluster;
  ackedAt: number;
};

/** Queues verification of a rollback (the action has already answered). The acting console
 * process works verification jobs itself (startJobs is idempotent) unless JOBS_ENABLED=false,
 * so verification starts at once even while its boot is still waiting for the database. */
export async function startVerification(
  args: VerifyArgs,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const env = getEnv();
  const job: VerifyJob = {
    runId: args.runId,
    incidentId: args.incidentId,
    actor: args.actor,
    serviceId: args.service.id,
    ackedAt: args.ackedAt,
    timeoutMs: options.timeoutMs ?? env.ACTION_VERIFY_TIMEOUT_MS,
    intervalMs: options.intervalMs ?? env.ACTION_VERIFY_INTERVAL_MS,
  };
  for (let attempt = 0; ; attempt++) {
    try {
      await enqueue(job);
      if (env.JOBS_ENABLED) await startJobs();
      return;
    } catch (e) {
      console.error(`[actions] queueing verification of run ${job.runId} failed: ${(e as Error).message}`);
      if (Date.now() - job.ackedAt > job.timeoutMs) return;
      await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** attempt)));
    }
  }
}

function enqueue(job: VerifyJob, startAfter?: Date) {
  return enqueueJob(VERIFY_JOB, job, {
    singletonKey: `verify:${job.runId}`,
    retryLimit: 20,
    retryDelaySeconds: 1,
    retryBackoff: true,
    ...(startAfter ? { startAfter } : {}),
  });
}

type Probe = { state: "verified" | "waiting" | "cut"; detail: string };

/** One look at the service: rollout, ready endpoints, /health/live, fresh metrics. */
export async function probeOnce(cluster: Cluster, service: WatchedService, ackedAt: number): Promise<Probe> {
  const { namespace, service: name } = service.k8s;
  const [rollout, endpoints] = await Promise.all([
    assessSelectorRollback(cluster, service),
    cluster.getEndpoints({ namespace, name }),
  ]);
  if (!endpoints.some((e) => e.ready))
    return { state: "cut", detail: `Service ${name} has 0 ready endpoints (of ${endpoints.length})` };
  if (!rollout.isDone) return { state: "waiting", detail: rollout.detail };
  // The optimizer's /health/live (runbook 001 · Incident Response Step 2); Prometheus-sourced
  // services have none.
  const optimizer = service.metricsSource === "optimizer";
  const [live, poll] = await Promise.all([
    optimizer ? checkLive(service.metricsBaseUrl, 2_000) : null,
    sourceFor(service, 2_000)
      .poll("fast")
      .catch((e: unknown) => ({ values: {}, errors: [(e as Error).message] })),
  ]);
  const read = Object.values(poll.values).some((v) => v !== null && v !== undefined);
  const metrics = read
    ? assessMetrics({ at: new Date(), values: poll.values }, ackedAt, service.thresholdOverrides)
    : { state: "not_applicable" as const, detail: "no metrics readable" };
  if ((!live || live.status === 200) && metrics.state !== "waiting") {
    const checks = [
      rollout.detail,
      live ? "/health/live 200" : null,
      metrics.state === "ok" ? metrics.detail : null,
    ];
    return { state: "verified", detail: checks.filter(Boolean).join(", ") };
  }
  const why = [
    rollout.detail,
    live && live.status !== 200 ? `/health/live ${live.status ?? live.error}` : null,
    metrics.state === "waiting" ? metrics.detail : null,
  ];
  return { state: "waiting", detail: why.filter(Boolean).join("; ") };
}

/** The outcome on the run row and the timeline, in one transaction, only while the run is
 * still verifying: a second worker (or a retried job) records nothing. */
async function recordOnce(
  job: VerifyJob,
  verification: "verified" | "not_verified",
  text: string,
  seconds: number,
) {
  return getDb().$transaction(async (tx) => {
    const { count } = await tx.actionRun.updateMany({
      where: { id: job.runId, verification: "verifying" },
      data: { verification, verifyDetail: text, verifiedAt: new Date() },
    });
    if (count === 0) return false;
    await appendTimelineEvent(
      {
        incidentId: job.incidentId,
        kind: "action",
        actor: job.actor,
        body: `Rollback #${job.runId} ${text}.`,
        data: { actionId: job.runId, verification, seconds },
      },
      tx,
    );
    return true;
  });
}

async function isVerifying(runId: number): Promise<boolean> {
  const run = await getDb().actionRun.findUnique({ where: { id: runId }, select: { verification: true } });
  return run?.verification === "verifying";
}

async function setProgress(runId: number, detail: string): Promise<void> {
  await getDb()
    .actionRun.updateMany({ where: { id: runId, verification: "verifying" }, data: { verifyDetail: detail } })
    .catch(() => {}); // progress is best effort; the outcome is not
}

export async function workVerification(job: VerifyJob): Promise<void> {
  if (!(await isVerifying(job.runId))) return; // already ended (exactly once)
  const service = await getServiceOrThrow(job.serviceId);
  const cluster = getCluster(service.k8s.context);
  const deadline = job.ackedAt + job.timeoutMs;
  const sliceEnd = Date.now() + SLICE_MS;
  const seconds = () => Math.round((Date.now() - job.ackedAt) / 100) / 10;
  let last = "";
  let zeroSince: number | null = null;
  // At least one look even past the deadline (a retried job may have seen "verified" but
  // failed to record it): "verified in N s" beats "not verified" whenever it is true.
  do {
    let probe: Probe;
    try {
      probe = await probeOnce(cluster, service, job.ackedAt);
    } catch (e) {
      probe = { state: "waiting", detail: (e as Error).message.split("\n")[0] ?? "probe failed" };
    }
    if (probe.state === "verified") {
      await recordOnce(job, "verified", `verified in ${seconds()} s: ${probe.detail}`, seconds());
      return;
    }
    zeroSince = probe.state === "cut" ? (zeroSince ?? Date.now()) : null;
    if (zeroSince !== null && Date.now() - zeroSince >= ZERO_GRACE_MS) {
      const text = `not verified after ${seconds()} s — escalate (${probe.detail}: traffic is cut)`;
      await recordOnce(job, "not_verified", text, seconds());
      return;
    }
    if (probe.detail !== last) await setProgress(job.runId, probe.detail);
    last = probe.detail;
    if (Date.now() + job.intervalMs >= deadline && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())));
    else if (Date.now() < deadline) await new Promise((r) => setTimeout(r, job.intervalMs));
  } while (Date.now() < deadline && Date.now() < sliceEnd);
  if (Date.now() >= deadline) {
    const text = `not verified after ${Math.round(job.timeoutMs / 1000)} s — escalate (${last || "no answer"})`;
    await recordOnce(job, "not_verified", text, seconds());
    return;
  }
  await enqueue(job); // the next slice, in whichever process picks it up
}

registerJobHandler<VerifyJob>(VERIFY_JOB, (job) => workVerification(job), {
  expireInSeconds: EXPIRE_S,
  pollingIntervalSeconds: 0.5,
});
