import "server-only";

import type { ActionAudit } from "@/lib/audit/action-audit";
import type { Actor } from "@/lib/auth/permissions";
import { AppError, isAppError } from "@/lib/errors";
import { runChangedHooks } from "@/lib/incidents/change-hooks";
import type { Cluster } from "@/lib/kube/cluster";
import { formatDiffLine, type DiffLine } from "@/lib/kube/diff";
import type { WatchedService } from "@/lib/services/queries";
import { logEvent } from "@/lib/telemetry/log";
import { timedAction } from "@/lib/telemetry/record";

import { prepareChange, type PreparedChange } from "./changes";
import { getCluster } from "./cluster-factory";
import { saveContainmentLogs } from "./containment-logs";
import { ACTION_LEASE_MS, holdLease, LEASE_OWNER } from "./lease";
import { landedDespite } from "./observe";
import { reconcileExpiredRuns } from "./reconcile";
import { retryUntilWritten } from "./record-retry";
import { alreadyDone, recordNothingSent, settle, type RunActionResult } from "./run-records";
import { ACTION_LABELS, type ActionRequest } from "./schemas";
import { plannedTarget } from "./planned-target";
import {
  claimRun,
  findExpiredRuns,
  finishRun,
  finishRunOnce,
  findLatestRunFor,
  findLiveRunByKey,
} from "./store";
import { getIncidentTarget } from "./target";
import { startVerification } from "./verify-runner";

export type { RunActionResult } from "./run-records";

/** For restart and containment (no fixed target value to compare with the live state), a
 * second identical request within this window of the first is a repeat, not a new request. */
const REPEAT_WINDOW_MS = 10_000;

type Deps = {
  cluster?: Cluster;
  verify?: boolean;
  leaseMs?: number;
  /** The incident's target when the caller already read it (the guarded path does). */
  target?: { incidentId: number; service: WatchedService };
  /** The server action's audit row: written with the run's outcome when it succeeds. */
  audit?: ActionAudit;
  /** Where work the answer does not wait for (queueing verification, change hooks) runs: after
   * a server action's answer is sent; by default at once. */
  afterAnswer?: (work: () => Promise<unknown>) => void;
};

/** Performs one action exactly once: plan against live state (with the pre-flight that refuses
 * a traffic cut), settle runs whose process died, claim an idempotency key under a lease,
 * send one guarded PATCH, then record the outcome and its timeline event together. The
 * cluster is the truth: an unclear write is re-read before anything is said. Counted and timed
 * in Firebreak's own metrics by outcome (lib/telemetry). */
export const runAction = timedAction(runActionOnce);

async function runActionOnce(input: ActionRequest, actor: Actor, deps: Deps = {}): Promise<RunActionResult> {
  if (input.kind === "switch")
    throw new AppError("INVALID_INPUT", "A traffic switch is started from Deployments, where it is watched.");
  const target =
    deps.target?.incidentId === input.incidentId ? deps.target : await getIncidentTarget(input.incidentId);
  return runActionOn(target, input, actor, deps);
}

/** The same path for a change that may belong to no incident (a traffic switch made during a
 * deployment): with `incidentId` null the run is recorded without a timeline event. */
export async function runActionOn(
  target: { incidentId: number | null; service: WatchedService },
  input: Omit<ActionRequest, "incidentId">,
  actor: Actor,
  deps: Deps = {},
): Promise<RunActionResult> {
  const { incidentId, service } = target;
  const cluster = deps.cluster ?? getCluster(service.k8s.context);
  const t0 = performance.now();
  const where = { service: service.name, namespace: service.k8s.namespace };

  // Planning reads in parallel: the target's interrupted runs (database) while the live
  // object and its pods are read (cluster).
  const planned = plannedTarget(service, input.kind);
  const expired = findExpiredRuns(planned);
  expired.catch(() => undefined);
  let change: PreparedChange;
  try {
    change = await prepareChange(cluster, service, input);
  } catch (e) {
    const error = isAppError(e) ? e : new AppError("INVALID_INPUT", (e as Error).message);
    await recordNothingSent({ ...input, incidentId }, actor, where, error.message, performance.now() - t0);
    throw error;
  }
  if (change.refusal) {
    await recordNothingSent(
      { ...input, incidentId },
      actor,
      where,
      change.refusal.message,
      performance.now() - t0,
      "refused",
    );
    throw new AppError("CONFLICT", change.refusal.message);
  }

  const samePlan = planned.targetName === change.targetName && planned.namespace === change.namespace;
  const notices = await reconcileExpiredRuns(cluster, service, change, samePlan ? await expired : undefined);
  const identity = {
    namespace: change.namespace,
    targetName: change.targetName,
    kind: change.kind,
    desired: change.desired,
  };
  if (change.isNoop)
    return alreadyDone(await settle(await findLatestRunFor(identity)), change.desired, notices);
  if (change.kind === "restart" || change.kind === "containment") {
    const recent = await findLatestRunFor(identity, new Date(Date.now() - REPEAT_WINDOW_MS));
    if (recent) return alreadyDone(await settle(recent), change.desired, notices);
  }

  // Keyed by target state, not by incident: two responders on two incidents of the same
  // service still make one change.
  const idempotencyKey = `${change.kind}:${change.namespace}/${change.targetName}:${change.desired}@${change.observedVersion}`;
  const leaseMs = deps.leaseMs ?? ACTION_LEASE_MS;
  const claim = await claimRun({
    incidentId,
    kind: change.kind,
    actor: actor.name,
    service: service.name,
    namespace: change.namespace,
    targetKind: change.targetKind,
    targetName: change.targetName,
    desired: change.desired,
    idempotencyKey,
    params: change.params,
    kubectlCommand: change.kubectl,
    leaseMs,
    leaseOwner: LEASE_OWNER,
  });
  if (!claim)
    return alreadyDone(await settle(await findLiveRunByKey(idempotencyKey)), change.desired, notices);

  const lease = holdLease(claim.id, leaseMs);
  let keepLease = false;
  try {
    const run = { id: claim.id, incidentId, actor: actor.name, t0, notices };
    const result = await execute(cluster, service, change, run, deps);
    keepLease = result.status === "landed_unrecorded";
    return result;
  } finally {
    if (!keepLease) lease.stop();
    else setTimeout(() => lease.stop(), 10 * 60_000).unref();
  }
}

type RunContext = { id: number; incidentId: number | null; actor: string; t0: number; notices: string[] };

async function execute(
  cluster: Cluster,
  service: WatchedService,
  change: PreparedChange,
  run: RunContext,
  deps: Deps,
): Promise<RunActionResult> {
  const label = ACTION_LABELS[change.kind];
  const logsSaved =
    change.kind === "containment" && run.incidentId !== null
      ? await saveContainmentLogs(cluster, service, run.incidentId, run.actor)
      : null;
  let diff: DiffLine[];
  let note = "";
  try {
    diff = await change.apply({ dryRun: false });
  } catch (e) {
    const landed = await landedDespite(e, cluster, service, change);
    if (!landed.landed) {
      await recordFailure(change, run, landed.message);
      throw new AppError(isAppError(e) ? e.code : "UPSTREAM_FAILED", landed.message);
    }
    diff = landed.diff;
    note = ` (the API answered with an error, but the cluster shows the change landed)`;
  }
  const ackedAt = Date.now();
  const durationMs = Math.round(performance.now() - run.t0);
  // Verification writes its outcome on the incident's timeline: a rollback with no incident
  // (a deployment watch's automatic rollback) is checked by its watch instead.
  const isRollback = change.kind === "rollback" && run.incidentId !== null;
  const outcome = {
    outcome: "succeeded" as const,
    diff,
    durationMs,
    verification: isRollback ? ("verifying" as const) : ("not_applicable" as const),
  };
  const event = {
    incidentId: run.incidentId,
    actor: run.actor,
    body: `${label} #${run.id} by ${run.actor} succeeded in ${durationMs} ms${note} — ${
      diff.map(formatDiffLine).join("; ") || change.describe
    }${logsSaved ? ` (${logsSaved})` : ""}${isRollback ? "; verifying…" : ""}`,
    data: { actionId: run.id, kind: change.kind, outcome: "succeeded", durationMs, command: change.kubectl },
  };
  const now = (work: () => Promise<unknown>) => void work();
  const later = deps.afterAnswer ?? now;
  const startVerify = (when = later) => {
    const incidentId = run.incidentId;
    if (isRollback && deps.verify !== false && incidentId !== null)
      when(() =>
        startVerification({ runId: run.id, incidentId, actor: run.actor, service, cluster, ackedAt }),
      );
  };
  try {
    const audit = deps.audit ? await deps.audit.successRow() : undefined;
    const finished = await finishRunOnce(run.id, outcome, event, audit);
    if (finished.recorded && audit) deps.audit?.markWritten();
    const saved = finished.run;
    startVerify();
    const incidentId = run.incidentId;
    if (change.kind === "containment" && incidentId !== null)
      later(() =>
        runChangedHooks({ type: "containment", incidentId, actor: run.actor, detail: change.describe }),
      );
    return { status: "done", run: saved, notices: run.notices };
  } catch (e) {
    // The cluster changed; the record must follow. Retry until written (idempotent), and say so.
    void retryUntilWritten(async () => {
      if ((await finishRunOnce(run.id, outcome, event)).recorded) startVerify(now); // answered already
    });
    // The database's own error names its host and port: it goes to the log, not to the page.
    logEvent("error", "action.record_pending", { runId: run.id, error: (e as Error).message.split("\n")[0] });
    return {
      status: "landed_unrecorded",
      message: `${label} landed in the cluster (${change.describe}); recording it is pending because the database did not answer. The audit row and timeline event will be written as soon as it does.`,
      runId: run.id,
      notices: run.notices,
    };
  }
}

async function recordFailure(change: PreparedChange, run: RunContext, message: string): Promise<void> {
  const durationMs = Math.round(performance.now() - run.t0);
  await finishRun(
    run.id,
    { outcome: "failed", error: message, diff: [], durationMs },
    {
      incidentId: run.incidentId,
      actor: run.actor,
      body: `${ACTION_LABELS[change.kind]} #${run.id} by ${run.actor} FAILED — ${message}`,
      data: { actionId: run.id, kind: change.kind, outcome: "failed", durationMs, command: change.kubectl },
    },
  );
}
