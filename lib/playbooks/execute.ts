import "server-only";

import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendTimelineEvent } from "@/lib/incidents/events";
import { getIncidentOrThrow } from "@/lib/incidents/queries";
import { getServiceByName } from "@/lib/services/queries";

import { chooseBranch } from "./assess";
import { measureAll, measureMetric, type MetricResult, type ProbeTarget } from "./probe";
import { performRead } from "./read-step";
import type { Step } from "./schema";
import { claimStep, finishStep, getRun, getStepRun, releaseStale, type StepRunRow } from "./store";

type Outcome = {
  state: "done" | "failed";
  outcome: string;
  evidence: Prisma.InputJsonObject;
};

async function targetOf(incidentId: number): Promise<ProbeTarget> {
  const incident = await getIncidentOrThrow(incidentId);
  const service = await getServiceByName(incident.service);
  if (!service)
    throw new AppError("NOT_FOUND", `Service "${incident.service}" is not under watch in Firebreak.`);
  return service;
}

function metricsJson(results: MetricResult[]): Prisma.InputJsonArray {
  return results.map((r) => ({
    name: r.name,
    label: r.label,
    phase: r.phase,
    value: (r.value ?? null) as Prisma.InputJsonValue,
    text: r.text,
    ms: r.ms,
  }));
}

async function perform(step: Step, incidentId: number): Promise<Outcome> {
  if (step.kind === "check") {
    const results = await measureAll(step.metrics, await targetOf(incidentId));
    const errors = results.filter((r) => r.phase === "Error");
    const breaches = results.filter((r) => r.phase === "Failed");
    const summary = results.map((r) => r.text).join("; ");
    return {
      state: errors.length ? "failed" : "done",
      outcome: `${errors.length ? `${errors.length} probe(s) failed` : breaches.length ? `${breaches.length} breach(es)` : "all within thresholds"}: ${summary}`,
      evidence: { metrics: metricsJson(results) },
    };
  }
  if (step.kind === "decision") {
    const r = await measureMetric(step.metric, await targetOf(incidentId));
    if (r.phase === "Error")
      return { state: "failed", outcome: r.text, evidence: { metrics: metricsJson([r]) } };
    const branch = chooseBranch(step.next, r.value);
    return {
      state: "done",
      outcome: branch ? `${r.text} → ${branch.say}` : `${r.text} → no rule applies`,
      evidence: {
        metrics: metricsJson([r]),
        branch: branch
          ? {
              when: branch.when,
              say: branch.say,
              level: branch.level,
              do: branch.do ?? null,
              advice: branch.advice,
            }
          : null,
      },
    };
  }
  if (step.kind === "read") {
    const incident = await getIncidentOrThrow(incidentId);
    const service = await getServiceByName(incident.service);
    if (!service)
      throw new AppError("NOT_FOUND", `Service "${incident.service}" is not under watch in Firebreak.`);
    const ev = await performRead(step, service);
    return { state: "done", outcome: ev.text, evidence: { lines: ev.lines } };
  }
  throw new AppError("INVALID_INPUT", `A ${step.kind} step is completed by a person, not run.`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for someone else's claim of the step to finish, then returns its row. */
async function awaitOther(runId: number, stepId: string, timeoutMs = 30_000): Promise<StepRunRow> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const row = await getStepRun(runId, stepId);
    if (row.state !== "running" || Date.now() > until) return row;
    await sleep(150);
  }
}

/**
 * Runs a check, decision or read step once and records its result and a `playbook_step`
 * timeline event with the evidence, in one transaction. `seenAttempt` is the attempt the
 * caller saw: when two people run the same step at once, one claims it and probes, the
 * other waits for and returns that same result.
 */
export async function runStep(
  input: { runId: number; stepId: string; seenAttempt: number; auto?: boolean },
  actor: { name: string },
): Promise<StepRunRow & { ranByMe: boolean }> {
  const run = await getRun(input.runId);
  const step = run.playbook.steps.find((s) => s.id === input.stepId);
  if (!step) throw new AppError("NOT_FOUND", `No step "${input.stepId}" in this playbook.`);
  if (step.kind === "manual" || step.kind === "action")
    throw new AppError("INVALID_INPUT", `A ${step.kind} step is completed by a person, not run.`);
  await releaseStale(input.runId, input.stepId);
  const claim = await claimStep(input.runId, input.stepId, input.seenAttempt, actor.name);
  if (!claim) return { ...(await awaitOther(input.runId, input.stepId)), ranByMe: false };

  let result: Outcome;
  try {
    result = await perform(step, run.incidentId);
  } catch (e) {
    result = { state: "failed", outcome: e instanceof Error ? e.message : String(e), evidence: {} };
  }
  await getDb().$transaction(async (tx) => {
    const event = await appendTimelineEvent(
      {
        incidentId: run.incidentId,
        kind: "playbook_step",
        actor: actor.name,
        body: `${run.playbook.title} · ${step.title}: ${result.state === "done" ? "" : "FAILED — "}${result.outcome}`,
        data: {
          runId: run.id,
          playbookId: run.playbookId,
          stepId: step.id,
          stepKind: step.kind,
          state: result.state,
          attempt: claim.attempt,
          evidence: result.evidence,
          // Run by the page on its own (a step marked `auto`): evidence, not a person's response.
          ...(input.auto && step.auto ? { auto: true } : {}),
        },
      },
      tx,
    );
    await finishStep(tx, {
      stepRunId: claim.id,
      attempt: claim.attempt,
      state: result.state,
      outcome: result.outcome,
      result: result.evidence,
      eventId: event.id,
    });
  });
  return { ...(await getStepRun(input.runId, input.stepId)), ranByMe: true };
}
