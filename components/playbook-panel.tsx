"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";

import {
  recordActionStepAction,
  runStepAction,
  skipStepAction,
  startPlaybookAction,
  switchPlaybookAction,
  tickStepAction,
} from "@/app/(console)/playbooks/actions";
import type { IncidentPlaybooks } from "@/lib/playbooks/queries";
import { playbookKeys } from "@/lib/playbooks/query-keys";
import type { StepView } from "@/lib/playbooks/view";
import type { ActionKind } from "@/lib/remediation/action-kinds";
import type { ActionRunDto } from "@/lib/remediation/store";
import { ActionDialog } from "@/components/action-dialog";
import { ActionProgress } from "@/components/action-progress";
import { PermissionGate, useGate } from "@/components/permission-gate";
import { PlaybookStep, type StepHandlers } from "@/components/playbook-step";

type Ref = { runId: number; step: StepView };
type Result = { ok: true } | { ok: false; error: string };

async function fetchPlaybooks(incidentId: number): Promise<IncidentPlaybooks> {
  const res = await fetch(`/api/playbooks/incidents/${incidentId}`, { cache: "no-store" });
  const body = (await res.json()) as IncidentPlaybooks | { error: string };
  if ("error" in body) throw new Error(body.error);
  return body;
}

const isTyping = (el: Element | null) => !!el && /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName);

/** The incident's playbook runs as step lists, live for every viewer (2 s polling).
 * Keyboard: j/k move, Enter runs the selected check, `a` opens the selected step's action. */
export function PlaybookPanel({ incidentId, initial }: { incidentId: number; initial: IncidentPlaybooks }) {
  const queryClient = useQueryClient();
  const key = playbookKeys.incident(incidentId);
  const query = useQuery({
    queryKey: key,
    queryFn: () => fetchPlaybooks(incidentId),
    initialData: initial,
    refetchInterval: 2_000,
  });
  const data = query.data;
  const active = useMemo(() => data.runs.filter((r) => r.status === "active"), [data.runs]);
  const flat: Ref[] = useMemo(
    () => active.flatMap((r) => r.steps.map((step) => ({ runId: r.id, step }))),
    [active],
  );
  const [selected, setSelected] = useState(0);
  const [busy, setBusy] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [dialog, setDialog] = useState<Ref | null>(null);
  const [lastAction, setLastAction] = useState<ActionRunDto | null>(null);
  const [offerError, setOfferError] = useState<string | null>(null);
  const panelRef = useRef<HTMLElement>(null);
  const started = useRef(new Set<string>());
  // A viewer follows the playbook but runs nothing: no auto-run, no keyboard run, controls disabled.
  const readOnly = useGate("incident:write").disabled;

  const call = useCallback(
    async (ref: Ref, fn: () => Promise<Result>) => {
      const id = `${ref.runId}:${ref.step.id}`;
      setBusy((b) => new Set(b).add(id));
      const r = await fn().catch((e: unknown) => ({ ok: false as const, error: String(e) }));
      setErrors((e) => ({ ...e, [id]: r.ok ? "" : r.error }));
      setBusy((b) => {
        const n = new Set(b);
        n.delete(id);
        return n;
      });
      await queryClient.invalidateQueries({ queryKey: key });
    },
    [queryClient, key],
  );
  const base = (ref: Ref) => ({ runId: ref.runId, stepId: ref.step.id, seenAttempt: ref.step.attempt });
  const runRef = useCallback((ref: Ref) => call(ref, () => runStepAction(base(ref))), [call]);

  // Steps marked `auto` (Step 1's checks) run as soon as the playbook starts; the claim makes
  // several open pages cause one run. A service not under watch has nothing to probe: its
  // checks wait for a person instead of failing on their own.
  useEffect(() => {
    if (!data.serviceWatched || readOnly) return;
    for (const ref of flat) {
      const id = `${ref.runId}:${ref.step.id}`;
      if (
        ref.step.auto &&
        ref.step.state === "pending" &&
        ref.step.attempt === 0 &&
        !started.current.has(id)
      ) {
        started.current.add(id);
        void call(ref, () => runStepAction({ ...base(ref), auto: true }));
      }
    }
  }, [flat, call, data.serviceWatched, readOnly]);

  const handlers = (runId: number): StepHandlers => ({
    run: (step) => void runRef({ runId, step }),
    openAction: (step) => setDialog({ runId, step }),
    tick: (step, note, link) =>
      void call({ runId, step }, () => tickStepAction({ ...base({ runId, step }), note, link })),
    skip: (step, reason) =>
      void call({ runId, step }, () => skipStepAction({ ...base({ runId, step }), reason })),
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (dialog || e.metaKey || e.ctrlKey || e.altKey || isTyping(document.activeElement)) return;
      const focus = document.activeElement;
      if (focus && focus !== document.body && !panelRef.current?.contains(focus)) return;
      const ref = flat[selected];
      if (readOnly && e.key !== "j" && e.key !== "k") return;
      if (e.key === "j" || e.key === "k") {
        e.preventDefault();
        setSelected((i) => Math.max(0, Math.min(flat.length - 1, i + (e.key === "j" ? 1 : -1))));
      } else if (
        e.key === "Enter" &&
        ref &&
        ["check", "decision", "read"].includes(ref.step.kind) &&
        focus?.tagName !== "BUTTON"
      ) {
        e.preventDefault();
        void runRef(ref);
      } else if (e.key === "a" && ref?.step.kind === "action") {
        e.preventDefault();
        setDialog(ref);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [dialog, flat, selected, runRef, readOnly]);

  const offer = useMutation({
    mutationFn: async (fn: () => Promise<{ ok: boolean; error?: string }>) => fn(),
    onSuccess: (r) => {
      setOfferError(r.ok ? null : (r.error ?? "failed"));
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const hasSevRun = active.some((r) => r.kind === "severity");

  return (
    <section ref={panelRef} aria-labelledby="playbook-heading" className="space-y-3">
      <div className="flex items-center justify-between gap-2">
        <h2 id="playbook-heading" className="text-lg font-semibold">
          Playbook
        </h2>
        <span className="text-xs text-zinc-500">j/k move · Enter run · a action</span>
      </div>
      <PermissionGate permission="incident:write" className="space-y-3">
        {!hasSevRun ? (
          <button
            type="button"
            onClick={() => offer.mutate(() => startPlaybookAction({ incidentId, playbookId: "severity" }))}
            className="rounded border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-700"
          >
            Start this SEV&apos;s playbook
          </button>
        ) : null}
        {data.offers.switchTo ? (
          <button
            type="button"
            onClick={() => offer.mutate(() => switchPlaybookAction({ incidentId }))}
            className="rounded bg-sev-1/20 px-2 py-1 text-sm"
          >
            Severity changed: switch to {data.offers.switchTo.title}
          </button>
        ) : null}
        {data.offers.guides.map((g) => (
          <button
            key={g.playbookId}
            type="button"
            onClick={() => offer.mutate(() => startPlaybookAction({ incidentId, playbookId: g.playbookId }))}
            className="block rounded border border-zinc-300 px-2 py-1 text-left text-sm dark:border-zinc-700"
          >
            Start {g.title} <span className="text-zinc-500">({g.reason})</span>
          </button>
        ))}
        {offerError ? (
          <p role="alert" className="text-sm text-red-600">
            {offerError}
          </p>
        ) : null}
        {lastAction ? <ActionProgress key={lastAction.id} initial={lastAction} /> : null}
        {active.map((run) => (
          <div key={run.id} className="space-y-1">
            <h3 className="text-sm font-semibold">
              <Link href={`/playbooks/${run.playbookId}`} className="underline">
                {run.title}
              </Link>
            </h3>
            <ol aria-label={`Steps of ${run.title}`} className="space-y-1">
              {run.steps.map((step) => {
                const index = flat.findIndex((f) => f.runId === run.id && f.step.id === step.id);
                const id = `${run.id}:${step.id}`;
                const branch = (step.result as { branch?: { do?: string | null } } | null)?.branch;
                return (
                  <PlaybookStep
                    key={step.id}
                    incidentId={incidentId}
                    runId={run.id}
                    step={step}
                    selected={index === selected}
                    busy={busy.has(id) || step.state === "running"}
                    error={errors[id] || null}
                    doTitle={branch?.do ? (run.steps.find((s) => s.id === branch.do)?.title ?? null) : null}
                    onSelect={() => setSelected(index)}
                    handlers={handlers(run.id)}
                  />
                );
              })}
            </ol>
          </div>
        ))}
      </PermissionGate>
      {dialog ? (
        <ActionDialog
          incidentId={incidentId}
          kind={dialog.step.action as ActionKind}
          initialReplicas={dialog.step.replicas}
          onClose={() => setDialog(null)}
          onDone={(actionRun) => {
            const ref = dialog;
            setDialog(null);
            setLastAction(actionRun);
            void call(ref, () => recordActionStepAction({ ...base(ref), actionRunId: actionRun.id }));
          }}
        />
      ) : null}
    </section>
  );
}
