import { ROLE_LABELS } from "@/lib/incidents/roles";
import { SEVERITY_LEVELS } from "@/lib/runbook/sev-levels";
import { STATUS_LABELS, STATUSES, STATUS_TIMESTAMP_FIELD } from "@/lib/incidents/status";
import type { IncidentDto } from "@/lib/incidents/types";
import { LocalTime } from "@/components/local-time";
import { Markdown } from "@/components/markdown";
import { SeverityBadge } from "@/components/severity-badge";
import { StatusBadge } from "@/components/status-badge";

export function IncidentHeader({ incident }: { incident: IncidentDto }) {
  const level = SEVERITY_LEVELS[incident.severity];
  return (
    <header className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm text-zinc-500">#{incident.id}</span>
        <SeverityBadge severity={incident.severity} />
        <span data-testid="incident-status">
          <StatusBadge status={incident.status} />
        </span>
        <span className="text-sm text-zinc-600 dark:text-zinc-400">
          on <span className="font-medium text-zinc-900 dark:text-zinc-100">{incident.service}</span>
        </span>
      </div>
      <h1 className="text-xl font-semibold break-words">{incident.title}</h1>
      <p className="text-xs text-zinc-500">
        {level.label} {level.name}: {level.definition}. Response target {level.responseTarget}.
      </p>
      {incident.summary ? (
        <div className="rounded border border-zinc-200 p-3 dark:border-zinc-800">
          <Markdown>{incident.summary}</Markdown>
        </div>
      ) : null}
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
        {STATUSES.map((s) => {
          const at = incident[STATUS_TIMESTAMP_FIELD[s]];
          return at ? (
            <div key={s} className="flex gap-2">
              <dt className="w-28 text-zinc-500">{STATUS_LABELS[s]}</dt>
              <dd>
                <LocalTime iso={at.toISOString()} />
                {s === "declared" ? ` by ${incident.declaredBy}` : ""}
              </dd>
            </div>
          ) : null;
        })}
      </dl>
      <div>
        <h2 className="sr-only">Roles</h2>
        <ul aria-label="Roles" className="flex flex-wrap gap-2 text-sm">
          {(Object.keys(ROLE_LABELS) as (keyof typeof ROLE_LABELS)[]).map((role) => {
            const person = incident.roles.find((r) => r.role === role)?.person;
            return (
              <li key={role} className="rounded border border-zinc-200 px-2 py-1 dark:border-zinc-800">
                <span className="text-zinc-500">{ROLE_LABELS[role]}:</span>{" "}
                {person ?? <em className="text-zinc-500">unassigned</em>}
              </li>
            );
          })}
        </ul>
      </div>
    </header>
  );
}
