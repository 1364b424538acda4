import { clsx } from "clsx";

/** The evidence a step recorded (probe values, the decision's branch, read lines, a note). */
type Evidence = {
  metrics?: Array<{ name: string; label: string; phase: string; text: string; ms: number }>;
  branch?: { say: string; level: string; do: string | null; advice: string[] } | null;
  lines?: string[];
  note?: string | null;
  link?: string | null;
  reason?: string;
};

const PHASE_TONE: Record<string, string> = {
  Successful: "text-ok",
  Failed: "text-red-600 dark:text-red-400 font-medium",
  Inconclusive: "text-amber-600 dark:text-amber-400",
  Error: "text-red-600 dark:text-red-400",
};
const LEVEL_TONE: Record<string, string> = {
  critical: "border-sev-0/60 bg-sev-0/10",
  warning: "border-sev-2/60 bg-sev-2/10",
  info: "border-zinc-300 dark:border-zinc-700",
};

export function PlaybookEvidence({ result, doTitle }: { result: unknown; doTitle?: string | null }) {
  const e = (result ?? {}) as Evidence;
  return (
    <div className="space-y-1 text-sm">
      {e.metrics?.length ? (
        <ul aria-label="Probe results" className="space-y-0.5">
          {e.metrics.map((m) => (
            <li key={m.name} className={PHASE_TONE[m.phase]}>
              {m.text} <span className="text-xs text-zinc-500">({m.ms} ms)</span>
            </li>
          ))}
        </ul>
      ) : null}
      {e.branch ? (
        <div
          role="note"
          aria-label="Recommendation"
          className={clsx("rounded border px-2 py-1", LEVEL_TONE[e.branch.level])}
        >
          <p className="font-medium">{e.branch.say}</p>
          {e.branch.advice.length ? (
            <ul className="list-disc pl-5">
              {e.branch.advice.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          ) : null}
          {e.branch.do ? <p>→ Next: {doTitle ?? e.branch.do}</p> : null}
        </div>
      ) : null}
      {e.lines?.length ? (
        <pre className="max-h-48 overflow-auto rounded bg-zinc-100 p-2 text-xs whitespace-pre-wrap dark:bg-zinc-800">
          {e.lines.join("\n")}
        </pre>
      ) : null}
      {e.note ? <p>{e.note}</p> : null}
      {e.link ? (
        <a href={e.link} className="underline" rel="noreferrer noopener" target="_blank">
          {e.link}
        </a>
      ) : null}
    </div>
  );
}
