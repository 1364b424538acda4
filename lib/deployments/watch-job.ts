import "server-only";

import type { Actor } from "@/lib/auth/permissions";
import { getEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { enqueueJob, registerJobHandler, startJobs } from "@/lib/jobs/queue";
import { getCluster } from "@/lib/remediation/cluster-factory";
import { getServiceByName } from "@/lib/services/queries";

import { rolloutCheck, runWatchCheck } from "./checks";
import { checkDueAt, decideAfterCheck, type Decision } from "./decide";
import { endWatchOnce, getWatch, noteOnOpenIncident, recordCheck, type WatchDto } from "./store";
import { goBack } from "./way-back";

/**
 * A deployment watch as a durable job (lib/jobs), like rollback verification: one slice per
 * check, each queued for the moment its check is due, so the watch survives restarts of any
 * process and of the database. A slice first finishes what a previous attempt decided but did
 * not record (the check rows are written once per number), then runs the next due check.
 * The watch ends exactly once: the end is an `UPDATE … WHERE state = 'watching'`.
 */
export const WATCH_JOB = "deployments.watch";
/** A slice is one check (3 s probes) or one rollback (Kubernetes timeouts): well under this. */
const EXPIRE_S = 30;

/** Who acts when the watch rolls back by itself. */
export const WATCH_ACTOR: Actor = {
  id: "firebreak:deployment-watch",
  name: "Firebreak (deployment watch)",
  email: null,
  roles: [],
  via: "system",
};

type SliceJob = { watchId: number };

/** Queues the slice of the next check, at the time it is due. */
export async function scheduleSlice(watch: WatchDto): Promise<void> {
  const n = watch.checks.length + 1;
  const due = checkDueAt(Date.parse(watch.startedAt), watch.intervalMs, n);
  await enqueueJob<SliceJob>(
    WATCH_JOB,
    { watchId: watch.id },
    {
      singletonKey: `deploy-watch:${watch.id}`,
      startAfter: new Date(due),
      retryLimit: 20,
      retryDelaySeconds: 1,
      retryBackoff: true,
    },
  );
  if (getEnv().JOBS_ENABLED) await startJobs();
}

export async function workSlice(job: SliceJob): Promise<void> {
  let watch = await getWatch(job.watchId);
  if (!watch || watch.state !== "watching") return; // already ended (exactly once)
  const last = watch.checks.at(-1);
  if (last && (await act(watch, decide(watch, last), last))) return;
  const n = watch.checks.length + 1;
  const due = checkDueAt(Date.parse(watch.startedAt), watch.intervalMs, n);
  if (Date.now() < due) return scheduleSlice(watch); // early (e.g. a retry): wait for its time
  const service = await getServiceByName(watch.service);
  if (!service) {
    await endWatchOnce(watch.id, {
      state: "failed",
      outcome: "the service is no longer registered",
      by: WATCH_ACTOR.name,
    });
    return;
  }
  let rollout: string | null = null;
  if (watch.mode === "rollout" && watch.revision !== null) {
    const seen = await rolloutCheck(service, watch.revision).catch((e: unknown) => {
      if (!isAppError(e)) throw e;
      return { superseded: null, problem: `the Deployment could not be read (${e.message})` };
    });
    if (seen.superseded !== null) {
      await endWatchOnce(watch.id, {
        state: "ended",
        outcome: `revision ${seen.superseded} replaced revision ${watch.revision} after ${watch.checks.length} checks; the watch ended`,
        by: WATCH_ACTOR.name,
      });
      return;
    }
    rollout = seen.problem;
  }
  const result = await runWatchCheck(service, rollout);
  await recordCheck(watch.id, n, result.ok, result.detail);
  watch = (await getWatch(watch.id))!;
  const check = watch.checks.find((c) => c.n === n)!;
  if (await act(watch, decide(watch, check), check)) return;
  await scheduleSlice(watch);
}

function decide(watch: WatchDto, check: { n: number; ok: boolean }): Decision {
  return decideAfterCheck(watch.mode, check.n, check.ok, watch.totalChecks, { autoUndo: watch.autoUndo });
}

/** Carries out a decision; true when the watch has ended. */
async function act(
  watch: WatchDto,
  decision: Decision,
  check: { n: number; detail: string },
): Promise<boolean> {
  const total = watch.totalChecks ?? "∞";
  if (decision === "complete") {
    await endWatchOnce(watch.id, {
      state: "completed",
      outcome: `all ${total} checks passed; traffic stays on ${watch.toValue}`,
      by: WATCH_ACTOR.name,
    });
    return true;
  }
  if (decision === "rollback") {
    await rollBack(watch, `check ${check.n}/${total} failed (${check.detail})`);
    return true;
  }
  if (decision === "offer") {
    await endWatchOnce(watch.id, {
      state: "degraded",
      outcome: `check ${check.n}/${total} failed (${check.detail}) — ${
        watch.previousRevision !== null
          ? `rollout undo to revision ${watch.previousRevision} is offered; nothing was undone`
          : "there is no previous revision to undo to"
      }`,
      by: WATCH_ACTOR.name,
    });
    return true;
  }
  if (decision === "alert" && watch.checks.at(-1)?.n === check.n)
    await noteOnOpenIncident(
      watch.service,
      WATCH_ACTOR.name,
      `Emergency deployment watch #${watch.id}: check ${check.n} failed (${check.detail}); roll back to stable or end the watch.`,
    ).catch(() => {});
  return false;
}

/** The automatic rollback through the one action path: a traffic switch back to the stable
 * version, a watched rollout's `rollout undo` to its previous revision. A refusal (no ready
 * stable pod, no previous revision) is recorded as the watch's end, never retried into a
 * traffic cut. */
async function rollBack(watch: WatchDto, why: string): Promise<void> {
  const service = await getServiceByName(watch.service);
  if (!service) return;
  try {
    const { back, runId } = await goBack(watch, service, WATCH_ACTOR, getCluster(service.k8s.context));
    await endWatchOnce(watch.id, {
      state: "rolled_back",
      outcome: `${why} — rolled back automatically to ${back}${runId ? ` (action #${runId})` : ""}`,
      by: WATCH_ACTOR.name,
      rollbackRunId: runId,
    });
  } catch (e) {
    if (!isAppError(e) || (e.code !== "CONFLICT" && e.code !== "INVALID_INPUT")) throw e; // retried by the queue
    await endWatchOnce(watch.id, {
      state: "failed",
      outcome: `${why} — the automatic rollback was refused: ${e.message} Act now.`,
      by: WATCH_ACTOR.name,
    });
  }
}

registerJobHandler<SliceJob>(WATCH_JOB, (job) => workSlice(job), {
  expireInSeconds: EXPIRE_S,
  pollingIntervalSeconds: 0.5,
});
