import { isDatabaseUnreachable } from "@/lib/errors";
import { ACTION_KINDS, ACTION_LABELS, actionListFiltersSchema } from "@/lib/remediation/schemas";
import { listRuns } from "@/lib/remediation/store";
import { IncidentUnavailable } from "@/components/incident-unavailable";
import { ActionRunTable } from "./action-run-table";

export const metadata = { title: "Actions" };

const SELECT = "rounded border border-zinc-300 bg-transparent px-2 py-1 text-sm dark:border-zinc-700";

/** Every Kubernetes action on record newest first, filterable. */
export default async function ActionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  const filters = actionListFiltersSchema.parse({
    kind: one(sp.kind),
    outcome: one(sp.outcome),
    service: one(sp.service),
    incidentId: one(sp.incident),
  });
  let runs;
  try {
    runs = await listRuns(filters);
  } catch (e) {
    if (isDatabaseUnreachable(e))
      return (
        <IncidentUnavailable message="The database is unreachable; the action record cannot be shown." />
      );
    throw e;
  }
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Actions</h1>
      <form method="get" aria-label="Filter actions" className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="block font-medium">Kind</span>
          <select name="kind" defaultValue={filters.kind ?? ""} className={SELECT}>
            <option value="">All</option>
            {ACTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {ACTION_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium">Outcome</span>
          <select name="outcome" defaultValue={filters.outcome ?? ""} className={SELECT}>
            <option value="">All</option>
            <option value="succeeded">Succeeded</option>
            <option value="failed">Failed</option>
            <option value="pending">Pending</option>
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium">Service</span>
          <input name="service" defaultValue={filters.service ?? ""} className={SELECT} />
        </label>
        <label className="text-sm">
          <span className="block font-medium">Incident #</span>
          <input
            name="incident"
            type="number"
            min={1}
            defaultValue={filters.incidentId ?? ""}
            className={`${SELECT} w-24`}
          />
        </label>
        <button
          type="submit"
          className="rounded bg-zinc-900 px-3 py-1.5 text-sm text-white dark:bg-zinc-100 dark:text-zinc-900"
        >
          Filter
        </button>
      </form>
      <ActionRunTable runs={runs} />
    </div>
  );
}
