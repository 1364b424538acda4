import type { OperationsView } from "@/lib/scanner/operations/queries";

const STEPS = [
  { key: "passive", n: 0, title: "Passive baseline", note: "approved targets, no active checks" },
  { key: "canary1", n: 1, title: "Canary 5–10 %", note: "active checks, conservative timing" },
  { key: "canary2", n: 2, title: "Canary 25–50 %", note: "only if stage 1 stayed within thresholds" },
  { key: "full", n: 3, title: "Full scope", note: "after two consecutive clean canaries" },
] as const;

/** The canary stages 0→3 (runbook 000 · Canary Rollout Strategy): where the environment is, and
 * for each stage whether its gate is open or why it is closed. */
export function StageStepper({ view }: { view: OperationsView }) {
  return (
    <ol aria-label="Canary stages" className="grid gap-2 md:grid-cols-4">
      {STEPS.map((s) => {
        const gate = view.gates[s.key];
        const reached = view.stage >= s.n;
        return (
          <li
            key={s.key}
            aria-current={view.stage === s.n ? "step" : undefined}
            className={`rounded border p-2 text-sm ${reached ? "border-emerald-500/60 bg-emerald-500/10" : "border-zinc-200 dark:border-zinc-800"}`}
          >
            <p className="font-medium">
              Stage {s.n}: {s.title}
            </p>
            <p className="text-xs text-zinc-500">{s.note}</p>
            <p className="mt-1 text-xs" data-gate={gate.allowed ? "open" : "closed"}>
              {gate.allowed ? "Gate open" : `Gate closed: ${gate.reason}`}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
