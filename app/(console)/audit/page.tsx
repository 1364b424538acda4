import Link from "next/link";

import { auditFiltersSchema } from "@/lib/audit/filters";
import { listAudit } from "@/lib/audit/queries";
import { getActor } from "@/lib/auth/actor";
import { deniedReason } from "@/lib/auth/permissions";
import { isDatabaseUnreachable } from "@/lib/errors";
import { IncidentUnavailable } from "@/components/incident-unavailable";
import { AuditTable } from "./audit-table";

export const metadata = { title: "Audit log" };

const PAGE = 100;
const INPUT = "rounded border border-zinc-300 bg-transparent px-2 py-1 text-sm dark:border-zinc-700";

type Props = { searchParams: Promise<Record<string, string | string[]>> };

/** Who did what, newest first (admins only): filter by person, action and time range (UTC);
 * export every matching row as CSV. */
export default async function AuditPage({ searchParams }: Props) {
  const denied = deniedReason(await getActor(), "admin");
  if (denied) {
    return (
      <div className="space-y-2">
        <h1 className="text-xl font-semibold">Audit log</h1>
        <p role="alert">{denied}: the audit log is for admins.</p>
      </div>
    );
  }
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
  const raw = {
    person: one(sp.person),
    action: one(sp.action),
    from: utc(one(sp.from)),
    to: utc(one(sp.to)),
  };
  const parsed = auditFiltersSchema.safeParse(raw);
  const filters = parsed.success ? parsed.data : {};
  const before = Number(one(sp.before)) || undefined;
  let rows;
  try {
    rows = await listAudit(filters, PAGE, before);
  } catch (e) {
    if (isDatabaseUnreachable(e))
      return <IncidentUnavailable message="The database is unreachable; the audit log cannot be shown." />;
    throw e;
  }
  const query = new URLSearchParams(
    Object.entries(raw).filter((e): e is [string, string] => !!e[1]),
  ).toString();
  const last = rows[rows.length - 1];
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Audit log</h1>
      <form method="get" aria-label="Filter the audit log" className="flex flex-wrap items-end gap-2">
        <Field name="person" label="Person (name or id)" value={one(sp.person)} />
        <Field name="action" label="Action (prefix)" value={one(sp.action)} />
        <Field name="from" label="From (UTC)" value={one(sp.from)} type="datetime-local" />
        <Field name="to" label="To (UTC)" value={one(sp.to)} type="datetime-local" />
        <button
          type="submit"
          className="rounded border border-zinc-300 px-3 py-1 text-sm dark:border-zinc-700"
        >
          Filter
        </button>
        <a href={`/api/audit/export${query ? `?${query}` : ""}`} className="text-sm underline">
          Export CSV
        </a>
      </form>
      {!parsed.success ? <p role="alert">Some filters were not understood and are ignored.</p> : null}
      <AuditTable rows={rows} />
      {rows.length === PAGE && last ? (
        <Link href={`/audit?${query ? `${query}&` : ""}before=${last.id}`} className="text-sm underline">
          Older entries
        </Link>
      ) : null}
    </div>
  );
}

/** datetime-local values carry no zone: the form says UTC, so read them as UTC. */
function utc(v: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v) ? `${v}Z` : v;
}

function Field(props: { name: string; label: string; value: string; type?: string }) {
  return (
    <label className="text-sm">
      <span className="block font-medium">{props.label}</span>
      <input name={props.name} type={props.type ?? "text"} defaultValue={props.value} className={INPUT} />
    </label>
  );
}
