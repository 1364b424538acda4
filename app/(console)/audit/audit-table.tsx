import type { AuditRow } from "@/lib/audit/queries";

/** The audit rows: time (UTC), person (name and stable id), action, outcome, target, details. */
export function AuditTable({ rows }: { rows: AuditRow[] }) {
  if (rows.length === 0) return <p>No audit entries match.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Audit entries, newest first</caption>
        <thead>
          <tr className="border-b border-zinc-300 dark:border-zinc-700">
            {["Time (UTC)", "Person", "Action", "Outcome", "Target", "Details", "From"].map((h) => (
              <th key={h} scope="col" className="px-2 py-1 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-b border-zinc-200 align-top dark:border-zinc-800">
              <td className="px-2 py-1 whitespace-nowrap">{r.at.slice(0, 19).replace("T", " ")}</td>
              <td className="px-2 py-1">
                {r.actorName}
                {r.actorVia === "break-glass" ? " (break-glass)" : ""}
                <span className="block text-xs text-zinc-500">{r.actorId}</span>
              </td>
              <td className="px-2 py-1 font-mono">{r.action}</td>
              <td className={r.outcome === "ok" ? "px-2 py-1" : "px-2 py-1 text-red-700 dark:text-red-300"}>
                {r.outcome}
              </td>
              <td className="px-2 py-1">{r.target ?? ""}</td>
              <td className="max-w-md px-2 py-1 break-words">
                {r.message ? <span className="block">{r.message}</span> : null}
                <code className="text-xs">{JSON.stringify(r.data)}</code>
              </td>
              <td className="px-2 py-1 text-xs">
                {r.ip ?? ""}
                <span className="block text-zinc-500">{r.userAgent ?? ""}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
