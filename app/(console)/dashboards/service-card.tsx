import Link from "next/link";

import { PlaybookGuideLinks } from "@/components/playbook-guide-links";
import { SeverityBadge } from "@/components/severity-badge";
import { Sparkline } from "@/components/sparkline";
import { formatValue } from "@/lib/dashboards/format";
import type { OverviewService } from "@/lib/dashboards/load-overview";
import { sevLabel, type Severity } from "@/lib/runbook/sev-levels";

import { AlertsList } from "./alerts-list";
import { AutoDeclareToggle } from "./auto-declare-toggle";
import { DeclareButton } from "./declare-button";

/** One service on the overview: SEV, reasons, sparklines, active alerts, declare. */
export function ServiceCard({ service: s }: { service: OverviewService }) {
  const headingId = `svc-${s.id}`;
  return (
    <article
      aria-labelledby={headingId}
      className="space-y-3 rounded border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <header className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold">
          <Link href={`/dashboards/${encodeURIComponent(s.name)}`} className="hover:underline">
            {s.name}
          </Link>
        </h2>
        <div className="flex items-center gap-2" data-testid="sev-level">
          {s.level ? (
            <SeverityBadge severity={s.level} />
          ) : s.noData ? (
            <span
              title="No metric value has been collected for this service yet"
              className="rounded bg-zinc-500/40 px-1.5 py-0.5 text-xs font-semibold text-zinc-900 dark:text-zinc-100"
            >
              no data
            </span>
          ) : (
            <span className="rounded bg-ok px-1.5 py-0.5 text-xs font-semibold text-zinc-950">no SEV</span>
          )}
        </div>
      </header>
      <SevReasons service={s} />
      <PlaybookGuideLinks service={s.name} level={s.level} reasons={s.reasons} />
      <ul className="flex flex-wrap gap-4" aria-label="Last hour">
        {s.sparklines.map((sp) => (
          <li key={sp.metric} className="text-xs">
            <div className="text-zinc-500">{sp.label}</div>
            <div className="flex items-center gap-2">
              <Sparkline points={sp.points} label={sp.label} />
              <span className="font-mono">{formatValue(sp.latest, sp.unit)}</span>
            </div>
          </li>
        ))}
      </ul>
      <AlertsList alerts={s.alerts} />
      {s.openIncidents.length > 0 ? (
        <p className="text-sm">
          Open:{" "}
          {s.openIncidents.map((i) => (
            <Link key={i.id} href={`/incidents/${i.id}`} className="mr-2 underline">
              #{i.id} {sevLabel(i.severity as Severity)} {i.title}
            </Link>
          ))}
        </p>
      ) : null}
      <footer className="flex flex-wrap items-start justify-between gap-3">
        <AutoDeclareToggle serviceId={s.id} serviceName={s.name} enabled={s.autoDeclare} />
        {s.declarable && s.level ? (
          <DeclareButton serviceId={s.id} serviceName={s.name} levelLabel={sevLabel(s.level)} />
        ) : null}
      </footer>
    </article>
  );
}

function SevReasons({ service: s }: { service: OverviewService }) {
  if (s.evaluatedAt === null)
    return <p className="text-sm text-zinc-500">No SEV computed yet: no data from the collector.</p>;
  const pending = s.candidate ? ` · heading to ${sevLabel(s.candidate)} if it persists` : "";
  return (
    <div className="text-sm">
      {s.reasons.length === 0 ? (
        <p className="text-zinc-600 dark:text-zinc-400">
          All metrics within the runbook&apos;s thresholds{pending}.
        </p>
      ) : (
        <ul aria-label={`Reasons for ${s.name}`} className="space-y-0.5">
          {s.reasons.map((r) => (
            <li key={`${r.level}-${r.text}`} title={r.source}>
              <span className="mr-2 text-xs text-zinc-500">{sevLabel(r.level)}</span>
              {r.text}
            </li>
          ))}
        </ul>
      )}
      <p className="mt-1 text-xs text-zinc-500">
        Evaluated {new Date(s.evaluatedAt).toLocaleTimeString()}
        {s.reasons.length > 0 ? pending : ""}
      </p>
    </div>
  );
}
