import type { Severity } from "@/lib/runbook/sev-levels";

import type { Branch, Source, Step } from "./schema";
import type { RunRow, StepState } from "./store";

/** What the incident page and the review show of a run: serialisable, times in ISO (UTC). */
export type StepView = {
  id: string;
  title: string;
  kind: Step["kind"];
  source: Source;
  note: string | null;
  auto: boolean;
  action: string | null;
  /** An action step's replica count from the playbook (the scale dialog opens with it). */
  replicas: number | null;
  /** A read step's view and window (the error lines' live tail follows it). */
  view: string | null;
  sinceMinutes: number | null;
  state: StepState;
  attempt: number;
  actor: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  outcome: string | null;
  result: unknown;
  /** Deadline from the declaration (the step's runbook target, else the SEV's response target). */
  deadlineMs: number | null;
  deadlineAt: string | null;
  /** Time from declaration to done/skipped, once finished. */
  tookMs: number | null;
  overdue: boolean;
  /** Steps a decision's chosen branch points to (e.g. the emergency rollback). */
  recommendedBy: string | null;
};

export type RunView = {
  id: number;
  playbookId: string;
  title: string;
  kind: string;
  severity: Severity | null;
  status: string;
  declaredAt: string;
  startedAt: string;
  startedBy: string;
  steps: StepView[];
};

export function toRunView(run: RunRow, now: Date): RunView {
  const declared = run.declaredAt.getTime();
  const byId = new Map(run.steps.map((s) => [s.stepId, s]));
  const recommended = new Map<string, string>();
  for (const def of run.playbook.steps) {
    const row = byId.get(def.id);
    const branch = (row?.result as { branch?: Branch | null } | undefined)?.branch;
    if (def.kind === "decision" && row?.state === "done" && branch?.do) recommended.set(branch.do, def.title);
  }
  const steps = run.playbook.steps.map((def): StepView => {
    const row = byId.get(def.id);
    const deadlineMs = def.deadline ?? run.playbook.responseTarget ?? null;
    const finished =
      row?.finishedAt && (row.state === "done" || row.state === "skipped") ? row.finishedAt : null;
    const deadlineAt = deadlineMs === null ? null : declared + deadlineMs;
    return {
      id: def.id,
      title: def.title,
      kind: def.kind,
      source: def.source,
      note: def.note ?? null,
      auto: def.auto,
      action: def.kind === "action" ? def.action : null,
      replicas: def.kind === "action" ? (def.replicas ?? null) : null,
      view: def.kind === "read" ? def.view : null,
      sinceMinutes: def.kind === "read" ? (def.sinceMinutes ?? null) : null,
      state: row?.state ?? "pending",
      attempt: row?.attempt ?? 0,
      actor: row?.actor ?? null,
      startedAt: row?.startedAt?.toISOString() ?? null,
      finishedAt: row?.finishedAt?.toISOString() ?? null,
      outcome: row?.outcome ?? null,
      result: row?.result ?? null,
      deadlineMs,
      deadlineAt: deadlineAt === null ? null : new Date(deadlineAt).toISOString(),
      tookMs: finished ? finished.getTime() - declared : null,
      overdue: deadlineAt !== null && (finished ? finished.getTime() : now.getTime()) >= deadlineAt,
      recommendedBy: recommended.get(def.id) ?? null,
    };
  });
  return {
    id: run.id,
    playbookId: run.playbookId,
    title: run.playbook.title,
    kind: run.playbook.kind,
    severity: run.playbook.severity ?? null,
    status: run.status,
    declaredAt: run.declaredAt.toISOString(),
    startedAt: run.startedAt.toISOString(),
    startedBy: run.startedBy,
    steps,
  };
}

/** "1m 05s" for countdowns and step times. */
export function formatClock(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return `${ms < 0 ? "-" : ""}${h ? `${h}h ${String(m).padStart(2, "0")}m ` : m ? `${m}m ` : ""}${sec}s`;
}
