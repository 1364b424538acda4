import "server-only";
import { randomUUID } from "node:crypto";

import type { Actor } from "@/lib/auth/permissions";
import { AppError, isAppError } from "@/lib/errors";
import type { Cluster } from "@/lib/kube/cluster";
import type { WatchedService } from "@/lib/services/queries";
import { formatDiffLine } from "@/lib/kube/diff";

import { prepareChange, type PreparedChange } from "./changes";
import { getCluster } from "./cluster-factory";
import { saveContainmentLogs } from "./containment-logs";
import { ACTION_LABELS, type ActionRequest } from "./schemas";
import { claimRun, finishRun, findLatestRunFor, findLiveRunByKey, getRun, type ActionRunDto } from "./store";
import { getIncidentTarget } from "./target";
import { startVerification } from "./verify-runner";

export type RunActionResult =
  | { status: "done"; run: ActionRunDto }
  | { status: "already_done"; message: string; runId: number | null; by: string | null; at: string | null };

/** For restart and containment (no fixed target value to compare with the live state), a
 * second identical request within this window of the first is a repeat, not a new request. */
const REPEAT_WINDOW_MS = 10_000;
const SETTLE_WAIT_MS = 8_000;

/** Performs one action exactly once: plan against live state, claim an idempotency key in
 * Postgres, send one PATCH (guarded by a json-patch `test`/resourceVersion), then record the
 * outcome and its timeline event together. Concurrent identical requests get "already done". */
export async function runAction(
  input: ActionRequest,
  actor: Actor,
  deps: { cluster?: Cluster; verify?: boolean } = {},
): Promise<RunActionResult> {
  const { incidentId, service } = await getIncidentTarget(input.incidentId);
  const cluster = deps.cluster ?? getCluster(service.k8s.context);
  const t0 = performance.now();
  const label = ACTION_LABELS[input.kind];

  let change: PreparedChange;
  try {
    change = await prepareChange(cluster, service, input);
  } catch (e) {
    const error = isAppError(e) ? e : new AppError("INVALID_INPUT", (e as Error).message);
    await recordUnplannedFailure(
      input,
      actor,
      service.name,
      service.k8s.namespace,
      error.message,
      performance.now() - t0,
    );
    throw error;
  }

  const identity = {
    namespace: change.namespace,
    targetName: change.targetName,
    kind: change.kind,
    desired: change.desired,
  };
  if (change.isNoop) return alreadyDone(await settle(await findLatestRunFor(identity)), change);
  if (change.kind === "restart" || change.kind === "containment") {
    const recent = await findLatestRunFor(identity, new Date(Date.now() - REPEAT_WINDOW_MS));
    if (recent) return alreadyDone(await settle(recent), change);
  }

  // Keyed by target state, not by incident: two responders on two incidents of the same
  // service still make one change.
  const idempotencyKey = `${change.kind}:${change.namespace}/${change.targetName}:${change.desired}@${change.observedVersion}`;
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
  });
  if (!claim) return alreadyDone(await settle(await findLiveRunByKey(idempotencyKey)), change);

  const logsSaved =
    change.kind === "containment"
      ? await saveContainmentLogs(cluster, service, incidentId, actor.name)
      : null;
  try {
    const diff = await change.apply({ dryRun: false });
    const ackedAt = Date.now();
    const durationMs = Math.round(performance.now() - t0);
    const isRollback = change.kind === "rollback";
    const run = await finishRun(
      claim.id,
      { outcome: "succeeded", diff, durationMs, verification: isRollback ? "verifying" : "not_applicable" },
      {
        incidentId,
        actor: actor.name,
        body: `${label} #${claim.id} by ${actor.name} succeeded in ${durationMs} ms — ${diff.map(formatDiffLine).join("; ") || change.describe}${
          logsSaved ? ` (${logsSaved})` : ""
        }${isRollback ? "; verifying…" : ""}`,
        data: {
          actionId: claim.id,
          kind: change.kind,
          outcome: "succeeded",
          durationMs,
          command: change.kubectl,
        },
      },
    );
    if (isRollback && deps.verify !== false) {
      void startVerification({ runId: claim.id, incidentId, actor: actor.name, service, cluster, ackedAt });
    }
    return { status: "done", run };
  } catch (e) {
    let message = isAppError(e) ? e.message : `Unexpected error: ${(e as Error).message}`;
    // A timeout or dropped connection leaves the outcome unknown: look before claiming "nothing changed".
    if (isAppError(e) && (e.code === "TIMEOUT" || e.code === "UNAVAILABLE"))
      message += await describeLiveState(cluster, service, input);
    const durationMs = Math.round(performance.now() - t0);
    await finishRun(
      claim.id,
      { outcome: "failed", error: message, diff: [], durationMs },
      {
        incidentId,
        actor: actor.name,
        body: `${label} #${claim.id} by ${actor.name} FAILED — ${message}`,
        data: {
          actionId: claim.id,
          kind: change.kind,
          outcome: "failed",
          durationMs,
          command: change.kubectl,
        },
      },
    );
    throw new AppError(isAppError(e) ? e.code : "UPSTREAM_FAILED", message);
  }
}

/** Waits for a concurrent run to finish so the answer is "done by X at T", not "in progress". */
async function settle(run: ActionRunDto | null): Promise<ActionRunDto | null> {
  const deadline = Date.now() + SETTLE_WAIT_MS;
  let current = run;
  while (current && current.outcome === "pending" && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
    current = await getRun(current.id);
  }
  return current;
}

function alreadyDone(run: ActionRunDto | null, change: PreparedChange): RunActionResult {
  if (run?.outcome === "failed") {
    throw new AppError(
      "CONFLICT",
      `A simultaneous attempt by ${run.actor} failed: ${run.error ?? "unknown error"} Retry.`,
    );
  }
  if (!run) {
    return {
      status: "already_done",
      message: `Already in the desired state (${change.desired}); nothing to do.`,
      runId: null,
      by: null,
      at: null,
    };
  }
  const at = run.finishedAt ?? run.startedAt;
  const verb = run.outcome === "pending" ? "in progress by" : "already done by";
  return {
    status: "already_done",
    message: `${ACTION_LABELS[run.kind]} ${verb} ${run.actor} at ${new Date(at).toISOString().slice(11, 19)} UTC (#${run.id}).`,
    runId: run.id,
    by: run.actor,
    at,
  };
}

async function describeLiveState(
  cluster: Cluster,
  service: WatchedService,
  input: ActionRequest,
): Promise<string> {
  if (input.kind === "restart" || input.kind === "containment") return " Check the cluster before retrying.";
  try {
    const now = await prepareChange(cluster, service, input);
    return now.isNoop
      ? ` The cluster now shows the desired state (${now.desired}): the change may have been applied despite the error.`
      : " The cluster still shows the old state.";
  } catch {
    return " The cluster's state could not be read; check it before retrying.";
  }
}

async function recordUnplannedFailure(
  input: ActionRequest,
  actor: Actor,
  service: string,
  namespace: string,
  message: string,
  elapsed: number,
): Promise<void> {
  const claim = await claimRun({
    incidentId: input.incidentId,
    kind: input.kind,
    actor: actor.name,
    service,
    namespace,
    targetKind: "Unknown",
    targetName: service,
    desired: "unplanned",
    idempotencyKey: `unplanned:${randomUUID()}`,
    params: {},
    kubectlCommand: "",
  });
  if (!claim) return;
  const durationMs = Math.round(elapsed);
  await finishRun(
    claim.id,
    { outcome: "failed", error: message, diff: [], durationMs },
    {
      incidentId: input.incidentId,
      actor: actor.name,
      body: `${ACTION_LABELS[input.kind]} #${claim.id} by ${actor.name} FAILED before any change — ${message}`,
      data: { actionId: claim.id, kind: input.kind, outcome: "failed", durationMs },
    },
  );
}
