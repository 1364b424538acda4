import Link from "next/link";
import { Suspense } from "react";

import { isAppError } from "@/lib/errors";
import { listIncidents, type IncidentFilters as Filters } from "@/lib/incidents/queries";
import { incidentFiltersSchema } from "@/lib/incidents/schemas";
import { IncidentUnavailable } from "@/components/incident-unavailable";
import { PermissionGate } from "@/components/permission-gate";
import { IncidentFilters } from "./incident-filters";
import { IncidentList } from "./incident-list";

export const metadata = { title: "Incidents" };

export default async function IncidentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const sp = await searchParams;
  const filters = incidentFiltersSchema.parse({
    status: first(sp.status),
    severity: first(sp.severity),
    open: first(sp.open),
  });
  const filtered = Boolean(filters.status || filters.severity || filters.open);
  // The rows stream in behind their own skeleton. No loading.tsx for this segment: it would also
  // hold back each incident's page (app/(console)/incidents/[id]) until everything in it is ready.
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">Incidents</h1>
        <PermissionGate permission="incident:write" hide>
          <Link
            href="/incidents/new"
            className="rounded bg-sev-0 px-3 py-1.5 text-sm font-semibold text-white hover:opacity-90"
          >
            Declare incident
          </Link>
        </PermissionGate>
      </div>
      <IncidentFilters status={filters.status} severity={filters.severity} openOnly={filters.open} />
      <Suspense key={JSON.stringify(filters)} fallback={<RowsLoading />}>
        <IncidentRows
          filters={{ status: filters.status, severity: filters.severity, openOnly: filters.open }}
          filtered={filtered}
        />
      </Suspense>
    </div>
  );
}

async function IncidentRows({ filters, filtered }: { filters: Filters; filtered: boolean }) {
  let incidents;
  try {
    incidents = await listIncidents(filters);
  } catch (e) {
    if (isAppError(e) && e.code === "UNAVAILABLE") return <IncidentUnavailable message={e.message} />;
    throw e;
  }
  return <IncidentList incidents={incidents} filtered={filtered} now={renderedAt()} />;
}

function RowsLoading() {
  return (
    <div aria-busy="true" aria-label="Loading incidents" className="space-y-3">
      {[0, 1, 2].map((i) => (
        <div key={i} className="h-12 animate-pulse rounded bg-zinc-100 dark:bg-zinc-900" />
      ))}
    </div>
  );
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** The moment of this server render (the list's ages are relative to it). */
function renderedAt(): number {
  return Date.now();
}
