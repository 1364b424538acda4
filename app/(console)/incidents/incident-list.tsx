import Link from "next/link";

import { formatDuration } from "@/lib/incidents/review";
import type { IncidentListItem } from "@/lib/incidents/types";
import { LocalTime } from "@/components/local-time";
import { SeverityBadge } from "@/components/severity-badge";
import { StatusBadge } from "@/components/status-badge";

/** The incidents as a table: age, SEV, service, title, commander and status at a glance. */
export function IncidentList({
  incidents,
  filtered,
  now,
}: {
  incidents: IncidentListItem[];
  filtered: boolean;
  now: number;
}) {
  if (incidents.length === 0) {
    return (
      <p className="rounded border border-dashed border-zinc-300 p-6 text-sm text-zinc-500 dark:border-zinc-700">
        {filtered
          ? "No incident matches these filters."
          : "No incidents yet. Declare one when something breaks."}
      </p>
    );
  }
  const th = "px-3 py-2 text-left text-xs font-medium text-zinc-500";
  return (
    <div className="overflow-x-auto rounded border border-zinc-200 dark:border-zinc-800">
      <table aria-label="Incidents" className="w-full text-sm">
        <thead className="border-b border-zinc-200 dark:border-zinc-800">
          <tr>
            <th scope="col" className={th}>
              #
            </th>
            <th scope="col" className={th}>
              Age
            </th>
            <th scope="col" className={th}>
              SEV
            </th>
            <th scope="col" className={th}>
              Service
            </th>
            <th scope="col" className={th}>
              Title
            </th>
            <th scope="col" className={th}>
              Commander
            </th>
            <th scope="col" className={th}>
              Status
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {incidents.map((i) => (
            <tr key={i.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-900">
              <td className="px-3 py-2 text-xs text-zinc-500">{i.id}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                {formatDuration(Math.max(0, now - i.declaredAt.getTime()))}
                <span className="block text-xs text-zinc-500">
                  <LocalTime iso={i.declaredAt.toISOString()} />
                </span>
              </td>
              <td className="px-3 py-2">
                <SeverityBadge severity={i.severity} />
              </td>
              <td className="px-3 py-2">{i.service}</td>
              <td className="max-w-md px-3 py-2">
                <Link
                  href={`/incidents/${i.id}`}
                  className="font-medium break-words underline-offset-2 hover:underline"
                >
                  {i.title}
                </Link>
                <span className="block text-xs text-zinc-500">
                  {i.eventCount.toLocaleString("en-US")} {i.eventCount === 1 ? "event" : "events"} · declared
                  by {i.declaredBy}
                </span>
              </td>
              <td className="px-3 py-2">{i.commander ?? <em className="text-zinc-500">unassigned</em>}</td>
              <td className="px-3 py-2">
                <StatusBadge status={i.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
