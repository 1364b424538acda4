import type { ActionPreview } from "@/lib/remediation/preview";

/** The pre-flight of a selector change: the pods the new selector selects, how many are
 * Ready, and the plain-words refusal when switching would cut traffic. */
export function ActionPreflight({
  data,
  onAddLabel,
}: {
  data: ActionPreview;
  onAddLabel: (() => void) | null;
}) {
  const serving = data.serving;
  return (
    <div className="space-y-1">
      {serving && !data.isNoop ? (
        <>
          <p
            aria-label="Pre-flight"
            className={serving.ready > 0 ? "text-ok" : "text-red-700 dark:text-red-300"}
          >
            {serving.summary}
          </p>
          {serving.pods.length > 0 ? (
            <ul aria-label="Pods the new selector selects" className="font-mono text-xs text-zinc-500">
              {serving.pods.map((p) => (
                <li key={p.name}>
                  {p.name} {p.ready ? "Ready" : "not ready"}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      {data.refusal ? (
        <div
          role="alert"
          className="space-y-2 rounded bg-red-500/10 px-2 py-1 text-red-700 dark:text-red-300"
        >
          <p>Refused: {data.refusal.message}</p>
          {onAddLabel && data.labelToAdd ? (
            <button
              type="button"
              onClick={onAddLabel}
              className="rounded border border-red-400 px-2 py-1 text-sm font-medium"
            >
              Add {data.labelToAdd.split("=")[0]} to the selector…
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
