import "server-only";

import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendTimelineEvent } from "@/lib/incidents/events";
import { getIncidentOrThrow } from "@/lib/incidents/queries";
import { formatDiffLine } from "@/lib/kube/diff";
import { getRun as getActionRun } from "@/lib/remediation/store";
import { ACTION_LABELS } from "@/lib/remediation/schemas";

import { findPlaybook, playbookForSeverity } from "./catalog";
import { claimStep, endRun, finishStep, getRun, getStepRun, listRuns, startRun } from "./store";

/** Starts the playbook of the incident's current SEV (runbook 001 · Severity Levels). Idempotent. */
export async function startSeverityPlaybook(incidentId: number, actor: { name: string }) {
  const incident = await getIncidentOrThrow(incidentId);
  const playbook = playbookForSeverity(incident.severity);
  if (!playbook) throw new AppError("NOT_FOUND", `No playbook for ${incident.severity} is loaded.`);
  return startRun({ incidentId, playbook, declaredAt: incident.declaredAt, actor: actor.name });
}

/** Starts any playbook (a guide, the security or scanner procedure) on an incident. */
export async function startPlaybook(incidentId: number, playbookId: string, actor: { name: string }) {
  const incident = await getIncidentOrThrow(incidentId);
  const playbook = findPlaybook(playbookId);
  if (!playbook) throw new AppError("NOT_FOUND", `No playbook "${playbookId}".`);
  if (playbook.kind === "severity" && playbook.severity !== incident.severity)
    throw new AppError(
      "CONFLICT",
      `Incident #${incidentId} is ${incident.severity}; use "switch" after a severity change.`,
    );
  return startRun({ incidentId, playbook, declaredAt: incident.declaredAt, actor: actor.name });
}

/** After a severity change: ends the active SEV playbook(s) and starts the new SEV's one. */
export async function switchSeverityPlaybook(incidentId: number, actor: { name: string }) {
  const incident = await getIncidentOrThrow(incidentId);
  const runs = await listRuns(incidentId, { activeOnly: true });
  for (const r of runs)
    if (r.playbook.kind === "severity" && r.playbook.severity !== incident.severity)
      await endRun(r.id, "switched");
  return startSeverityPlaybook(incidentId, actor);
}

type PersonInput = { runId: number; stepId: string; seenAttempt: number };

async function recordByPerson(
  input: PersonInput,
  actor: { name: string },
  kinds: readonly string[],
  make: (
    step: { id: string; title: string; kind: string },
    incidentId: number,
  ) => Promise<{ state: "done" | "skipped" | "failed"; outcome: string; evidence: Prisma.InputJsonObject }>,
) {
  const run = await getRun(input.runId);
  const step = run.playbook.steps.find((s) => s.id === input.stepId);
  if (!step) throw new AppError("NOT_FOUND", `No step "${input.stepId}" in this playbook.`);
  if (!kinds.includes(step.kind)) throw new AppError("INVALID_INPUT", `This is a ${step.kind} step.`);
  const result = await make(step, run.incidentId);
  const claim = await claimStep(run.id, step.id, input.seenAttempt, actor.name);
  if (!claim)
    throw new AppError("CONFLICT", "Someone else updated this step meanwhile; it now shows their result.");
  await getDb().$transaction(async (tx) => {
    const event = await appendTimelineEvent(
      {
        incidentId: run.incidentId,
        kind: "playbook_step",
        actor: actor.name,
        body: `${run.playbook.title} · ${step.title}: ${result.state === "skipped" ? "skipped — " : result.state === "failed" ? "FAILED — " : ""}${result.outcome}`,
        data: {
          runId: run.id,
          playbookId: run.playbookId,
          stepId: step.id,
          stepKind: step.kind,
          state: result.state,
          attempt: claim.attempt,
          evidence: result.evidence,
        },
      },
      tx,
    );
    await finishStep(tx, {
      stepRunId: claim.id,
      attempt: claim.attempt,
      ...result,
      result: result.evidence,
      eventId: event.id,
    });
  });
  return getStepRun(run.id, step.id);
}

/** A manual step ticked: who, when (now), and an optional note or link. */
export function tickManualStep(
  input: PersonInput & { note?: string; link?: string },
  actor: { name: string },
) {
  return recordByPerson(input, actor, ["manual"], async () => ({
    state: "done",
    outcome: [`done by ${actor.name}`, input.note, input.link].filter(Boolean).join(" — "),
    evidence: { note: input.note ?? null, link: input.link ?? null },
  }));
}

/** Any step skipped, with the reason on record. */
export function skipStep(input: PersonInput & { reason: string }, actor: { name: string }) {
  return recordByPerson(input, actor, ["check", "decision", "read", "action", "manual"], async () => ({
    state: "skipped",
    outcome: input.reason,
    evidence: { reason: input.reason },
  }));
}

/** An action step completed through the action dialog: the action run must be this incident's
 * and of the step's kind; its outcome decides the step's state. */
export function recordActionStep(input: PersonInput & { actionRunId: number }, actor: { name: string }) {
  return recordByPerson(input, actor, ["action"], async (step, incidentId) => {
    const action = await getActionRun(input.actionRunId);
    const def = (await getRun(input.runId)).playbook.steps.find((s) => s.id === step.id);
    if (!action || action.incidentId !== incidentId || (def?.kind === "action" && def.action !== action.kind))
      throw new AppError("INVALID_INPUT", "That action run does not belong to this step.");
    const diff = action.diff.map(formatDiffLine).join("; ");
    return {
      state: action.outcome === "failed" ? "failed" : "done",
      outcome: `${ACTION_LABELS[action.kind]} #${action.id} ${action.outcome}${diff ? ` — ${diff}` : ""}${action.error ? ` — ${action.error}` : ""}`,
      evidence: { actionRunId: action.id, outcome: action.outcome, verification: action.verification },
    };
  });
}
