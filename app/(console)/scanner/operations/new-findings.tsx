type Finding = { url: string; check: string; severity: string; scanner: string };

/** A scan's findings that the environment's passive baseline does not have — what a run with
 * `--baseline` reports (exact url and check; contract 1.6). */
export function NewFindings({ findings }: { findings: Finding[] | undefined }) {
  if (!findings) return null;
  return (
    <details className="text-xs" aria-label="New findings vs the baseline">
      <summary>
        {findings.length} new finding{findings.length === 1 ? "" : "s"} vs the baseline
      </summary>
      <ul className="mt-1 space-y-0.5">
        {findings.slice(0, 50).map((f) => (
          <li key={`${f.url} ${f.check}`} className="break-all">
            <span className="font-medium">{f.severity}</span> {f.check} · {f.url}
          </li>
        ))}
        {findings.length > 50 ? <li>… and {findings.length - 50} more</li> : null}
      </ul>
    </details>
  );
}
