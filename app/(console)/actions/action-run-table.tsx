import Link from "next/link";

import { ACTION_LABELS } from "@/lib/remediation/schemas";
import type { ActionRunDto } from "@/lib/remediation/store";
import { formatDiffLine } from "@/lib/kube/diff";

const VERIFICATION: Record<ActionRunDto["verification"], string> = {
  not_applicable: "—",
  verifying: "verifying…",
  verified: "verified",
  not_verified: "NOT verified — escalate",
};

export function ActionRunTable({ runs }: { runs: ActionRunDto[] }) {
  if (runs.length === 0)
    return <p className="text-sm text-zinc-500">No actions on record for these filters.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-zinc-200 text-xs text-zinc-500 uppercase dark:border-zinc-800">
          <tr>
            <th className="py-2 pr-3">#</th>
            <th className="pr-3">When (UTC)</th>
            <th className="pr-3">Who</th>
            <th className="pr-3">Action</th>
            <th className="pr-3">Target</th>
            <th className="pr-3">Change</th>
            <th className="pr-3">Outcome</th>
            <th className="pr-3">Duration</th>
            <th className="pr-3">Verification</th>
            <th className="pr-3">Incident</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id} className="border-b border-zinc-100 align-top dark:border-zinc-800/60">
              <td className="py-2 pr-3">{r.id}</td>
              <td className="pr-3 whitespace-nowrap">{r.startedAt.replace("T", " ").slice(0, 19)}</td>
              <td className="pr-3">{r.actor}</td>
              <td className="pr-3">{ACTION_LABELS[r.kind]}</td>
              <td className="pr-3">{r.target}</td>
              <td className="pr-3">
                <span className="font-mono">{r.diff.map(formatDiffLine).join("; ") || "—"}</span>
                {r.kubectlCommand ? (
                  <details>
                    <summary className="cursor-pointer text-xs text-zinc-500">kubectl</summary>
                    <pre className="text-xs whitespace-pre-wrap">{r.kubectlCommand}</pre>
                  </details>
                ) : null}
              </td>
              <td className={r.outcome === "failed" ? "pr-3 text-red-600 dark:text-red-400" : "pr-3"}>
                {r.outcome}
                {r.error ? <div className="text-xs">{r.error}</div> : null}
              </td>
              <td className="pr-3">{r.durationMs === null ? "—" : `${r.durationMs} ms`}</td>
              <td className="pr-3">
                {VERIFICATION[r.verification]}
                {r.verifyDetail ? <div className="text-xs text-zinc-500">{r.verifyDetail}</div> : null}
              </td>
              <td className="pr-3">
                {r.incidentId === null ? (
                  <Link href="/deployments" className="underline">
                    deployment
                  </Link>
                ) : (
                  <Link href={`/incidents/${r.incidentId}`} className="underline">
                    #{r.incidentId}
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
