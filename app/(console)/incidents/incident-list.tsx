import Link from "next/link";

import type { IncidentListItem } from "@/lib/incidents/types";
import { LocalTime } from "@/components/local-time";
import { SeverityBadge } from "@/components/severity-badge";
import { StatusBadge } from "@/components/status-badge";

export function IncidentList({ incidents, filtered }: { incidents: IncidentListItem[]; filtered: boolean }) {
  if (incidents.length === 0) {
    return (
      <p className="rounded border border-dashed border-zinc-300 p-6 text-sm text-zinc-500 dark:border-zinc-700">
        {filtered
          ? "No incident matches these filters."
          : "No incidents yet. Declare one when something breaks."}
      </p>
    );
  }
  return (
    <ul
      aria-label="Incidents"
      className="divide-y divide-zinc-200 rounded border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
    >
      {incidents.map((i) => (
        <li key={i.id}>
          <Link
            href={`/incidents/${i.id}`}
            className="grid gap-1 px-3 py-2.5 hover:bg-zinc-50 sm:grid-cols-[4rem_5rem_7rem_1fr_auto] sm:items-center sm:gap-3 dark:hover:bg-zinc-900"
          >
            <span className="text-xs text-zinc-500">#{i.id}</span>
            <span className="flex gap-2 sm:contents">
              <span>
                <SeverityBadge severity={i.severity} />
              </span>
              <span>
                <StatusBadge status={i.status} />
              </span>
            </span>
            <span className="min-w-0">
              <span className="block truncate font-medium">{i.title}</span>
              <span className="block truncate text-xs text-zinc-500">
                {i.service} · {i.eventCount} {i.eventCount === 1 ? "event" : "events"} · declared by{" "}
                {i.declaredBy}
              </span>
            </span>
            <span className="text-xs text-zinc-500">
              <LocalTime iso={i.declaredAt.toISOString()} />
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
