import { LocalTime } from "@/components/local-time";
import { formatDiffLine } from "@/lib/kube/diff";
import { OPERATION_LABELS } from "@/lib/optimizer-ops/kinds";
import type { OperationDto } from "@/lib/optimizer-ops/store";

const OUTCOME_CLASS = {
  succeeded: "text-emerald-700 dark:text-emerald-400",
  failed: "text-red-700 dark:text-red-300",
  pending: "text-amber-700 dark:text-amber-400",
} as const;

/** The recorded operations, newest first: who, outcome, what, and a maintenance run's items. */
export function OperationList({ operations }: { operations: OperationDto[] }) {
  return (
    <section aria-labelledby="ops-heading" className="space-y-2">
      <h2 id="ops-heading" className="text-lg font-semibold">
        Operations
      </h2>
      {operations.length === 0 ? <p className="text-sm text-zinc-500">None recorded yet.</p> : null}
      <ul aria-label="Operations" className="space-y-2">
        {operations.map((o) => (
          <li key={o.id} className="rounded border border-zinc-200 p-2 text-sm dark:border-zinc-800">
            <p>
              <strong>
                {OPERATION_LABELS[o.kind]} #{o.id}
              </strong>{" "}
              <span className={OUTCOME_CLASS[o.outcome]}>{o.outcome}</span> — {o.actor},{" "}
              <LocalTime iso={o.startedAt} />
              {o.durationMs !== null ? `, ${o.durationMs} ms` : ""}
              {o.incidentId !== null ? (
                <>
                  {" "}
                  · <a href={`/incidents/${o.incidentId}`}>incident #{o.incidentId}</a>
                </>
              ) : null}
            </p>
            {o.summary ? <p>{o.summary}</p> : null}
            {o.error ? <p className="text-red-700 dark:text-red-300">{o.error}</p> : null}
            {o.diff.length > 0 ? (
              <p className="font-mono text-xs">{o.diff.map(formatDiffLine).join("; ")}</p>
            ) : null}
            {o.items.length > 0 ? (
              <ol aria-label={`Checklist of run #${o.id}`} className="list-decimal pl-5">
                {o.items.map((i) => (
                  <li key={i.name}>
                    {i.name}: <strong>{i.status}</strong> — {i.detail}
                  </li>
                ))}
              </ol>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
