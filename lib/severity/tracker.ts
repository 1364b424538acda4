import "server-only";

import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { appendTimelineEvent } from "@/lib/incidents/events";
import { listOpenIncidentsForService } from "@/lib/incidents/queries";
import { latestValues } from "@/lib/metrics/store";
import { sevLabel, type Severity } from "@/lib/runbook/sev-levels";
import { evaluateSeverity, type SeverityReason } from "./engine";
import { stepHysteresis, type HysteresisState } from "./hysteresis";
import { getServiceOrThrow } from "@/lib/services/queries";

import { autoDeclareKey, declareFromDraft, declareOnce, enqueueAutoDeclare } from "./auto-declare-job";
import { getSevState } from "./state";
import { incidentDraft, isDeclarable, planSevTransition, type MetricSnapshot } from "./transition";

/** Who writes the tracker's timeline events and auto-declared incidents. */
export const AUTO_ACTOR: Actor = {
  id: "firebreak:auto",
  name: "Firebreak (auto)",
  email: null,
  roles: [],
  via: "system",
};

export type EvaluateServiceResult = {
  serviceId: number;
  previous: Severity | null;
  level: Severity | null;
  candidate: Severity | null;
  reasons: SeverityReason[];
  changed: boolean;
  appendedTo: number[];
  declaredIncidentId: number | null;
  /** The latest samples this evaluation read. */
  snapshot: MetricSnapshot;
  /** The level is what the latest samples say and nothing is pending: evaluating the same
   * readings again would change nothing (lib/severity/evaluation-gate.ts relies on it). */
  settled: boolean;
};

/**
 * Called by the collector after each fast-group poll of a service:
 * evaluates the latest samples against the runbook thresholds (with the service's overrides),
 * steps the persisted hysteresis, stores the new state and, when the effective level changes,
 * records a history row, appends a metric_breach event to every open incident of the service
 * (same transaction as the state) and auto-declares when the service opts in.
 */
export async function evaluateService(serviceId: number, now = new Date()): Promise<EvaluateServiceResult> {
  const service = await getServiceOrThrow(serviceId);
  const latest = await latestValues(serviceId);
  const evaluation = evaluateSeverity(latest.values, service.thresholdOverrides);
  const snapshot: MetricSnapshot = {
    at: latest.at?.toISOString() ?? null,
    values: toSnapshotValues(latest.values),
  };
  const open = await listOpenIncidentsForService(service.name);

  const outcome = await getDb().$transaction(async (tx) => {
    // One row per service, locked so overlapping evaluations step the hysteresis one at a time.
    await tx.$executeRaw`INSERT INTO "service_sev_states" ("service_id", "evaluated_at") VALUES (${serviceId}, ${now})
      ON CONFLICT ("service_id") DO NOTHING`;
    const rows = await tx.$queryRaw<Array<{ level: Severity | null; state: unknown }>>`
      SELECT "level"::text AS "level", "state" FROM "service_sev_states" WHERE "service_id" = ${serviceId} FOR UPDATE`;
    const previous = rows[0]?.level ?? null;
    const state = stepHysteresis(parseState(rows[0]?.state, previous), evaluation, {
      raiseAfter: getEnv().SEV_RAISE_AFTER,
      clearAfter: getEnv().SEV_CLEAR_AFTER,
    });
    const plan = planSevTransition({
      previous,
      next: state.level,
      reasons: evaluation.reasons,
      snapshot,
      service: { name: service.name, autoDeclare: service.autoDeclare },
      openIncidentIds: open.map((i) => i.id),
    });
    await tx.serviceSevState.update({
      where: { serviceId },
      data: {
        level: state.level,
        candidate: state.candidate,
        raiseCount: state.candidate ? state.candidateCount : 0,
        clearCount: state.betterCount,
        state: state as unknown as Prisma.InputJsonObject,
        reasons: evaluation.reasons as unknown as Prisma.InputJsonArray,
        snapshot: snapshot as unknown as Prisma.InputJsonObject,
        evaluatedAt: now,
        ...(plan.changed ? { changedAt: now } : {}),
      },
    });
    if (!plan.changed) return { previous, state, plan, changeId: undefined };
    const change = await tx.serviceSevChange.create({
      select: { id: true },
      data: {
        serviceId,
        fromLevel: previous,
        toLevel: state.level,
        reasons: evaluation.reasons as unknown as Prisma.InputJsonArray,
        snapshot: snapshot as unknown as Prisma.InputJsonObject,
        changedAt: now,
      },
    });
    for (const incidentId of plan.appendTo) {
      await appendTimelineEvent(
        {
          incidentId,
          kind: "metric_breach",
          actor: AUTO_ACTOR.name,
          body: plan.event.body,
          data: plan.event.data as Prisma.InputJsonObject,
        },
        tx,
      );
    }
    return { previous, state, plan, changeId: change.id };
  });

  // declareIncident runs its own transaction after the SEV one committed. If it fails, the
  // declaration becomes a durable job retried with backoff; the transition's key makes it
  // happen exactly once (lib/severity/auto-declare-job.ts).
  const draft = outcome.plan.changed ? outcome.plan.declare : null;
  let declared: { id: number } | null = null;
  if (draft && outcome.changeId !== undefined) {
    const job = { key: autoDeclareKey(service.name, outcome.changeId), draft, actor: AUTO_ACTOR };
    try {
      declared = await declareOnce(job);
    } catch (e) {
      console.error(
        `[sev] auto-declare of ${service.name} failed: ${(e as Error).message}; retrying as a job`,
      );
      void enqueueAutoDeclare(job);
    }
  }
  return {
    serviceId,
    previous: outcome.previous,
    level: outcome.state.level,
    candidate: outcome.state.candidate,
    reasons: evaluation.reasons,
    changed: outcome.plan.changed,
    appendedTo: outcome.plan.changed ? outcome.plan.appendTo : [],
    declaredIncidentId: declared?.id ?? null,
    snapshot,
    settled:
      outcome.state.level === evaluation.level &&
      outcome.state.candidate === null &&
      outcome.state.betterCount === 0 &&
      !outcome.state.pendingClear,
  };
}

/** The overview's "Declare incident": pre-filled from the service's current computed SEV (read
 * on the server, never taken from the browser) with the metric snapshot as a metric_breach event. */
export async function declareFromSignal(serviceId: number, actor: Actor): Promise<{ id: number }> {
  const service = await getServiceOrThrow(serviceId);
  const sev = await getSevState(serviceId);
  if (!sev || !isDeclarable(sev.level)) {
    throw new AppError(
      "CONFLICT",
      `${service.name} is at ${sevLabel(sev?.level ?? null)} now; declaring from the metrics needs SEV-2 or worse. Use "Declare incident" on the incidents page instead.`,
    );
  }
  return declareFromDraft(incidentDraft(service.name, sev.level, sev.reasons, sev.snapshot), actor);
}

function toSnapshotValues(values: Partial<Record<string, number | null>>): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(values)) out[k] = v ?? null;
  return out;
}

/** The persisted hysteresis state; a row written before any step (or unreadable JSON) starts
 * fresh at the stored level. */
function parseState(json: unknown, level: Severity | null): HysteresisState | null {
  if (json && typeof json === "object" && "atOrWorse" in json && "level" in json)
    return json as HysteresisState;
  if (level === null) return null;
  return { ...stepHysteresis(null, { level: null }), level };
}
