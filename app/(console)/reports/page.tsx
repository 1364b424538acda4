import Link from "next/link";
import { redirect } from "next/navigation";
import { clsx } from "clsx";

import { IncidentUnavailable } from "@/components/incident-unavailable";
import { ReportMttaChart } from "@/components/report-mtta-chart";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors";
import { isoDay, parsePeriod } from "@/lib/reports/period";
import { loadResponseReport } from "@/lib/reports/queries";
import { formatHitRate, formatMilestone, type ResponseReport } from "@/lib/reports/response-metrics";

export const metadata = { title: "Response report" };
export const dynamic = "force-dynamic";

const PRESETS = [
  { range: "7d", label: "7 days" },
  { range: "30d", label: "30 days" },
  { range: "90d", label: "90 days" },
] as const;

/** The numbers a commander brings to the weekly review: per SEV, how fast responders answered,
 * mitigated and resolved, and how often the response target (runbook 001 · Severity Levels) was met. */
export default async function ReportsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await getActor();
  if (!actor || !can(actor, "incident:read")) redirect("/sign-in?error=no_role");
  const sp = await searchParams;
  const now = new Date();
  const parsed = parsePeriod(sp, now);
  let report: ResponseReport | null = null;
  if (parsed.ok) {
    try {
      report = await loadResponseReport(parsed.period.from, parsed.period.to, now);
    } catch (e) {
      if (isAppError(e) && e.code === "UNAVAILABLE") return <IncidentUnavailable message={e.message} />;
      throw e;
    }
  }
  const range = parsed.ok ? parsed.period.range : "custom";
  return (
    <div className="max-w-5xl space-y-6">
      <h1 className="text-xl font-semibold">Response report</h1>
      <nav aria-label="Period" className="flex flex-wrap items-end gap-2 text-sm">
        {PRESETS.map((p) => (
          <Link
            key={p.range}
            href={`/reports?range=${p.range}`}
            aria-current={range === p.range ? "page" : undefined}
            className={clsx(
              "rounded border px-3 py-1.5",
              range === p.range ? "border-zinc-500 font-medium" : "border-zinc-300 dark:border-zinc-700",
            )}
          >
            {p.label}
          </Link>
        ))}
        <form method="get" action="/reports" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="range" value="custom" />
          <label className="flex flex-col">
            From
            <input
              type="date"
              name="from"
              required
              defaultValue={first(sp.from)}
              className="rounded border px-2 py-1"
            />
          </label>
          <label className="flex flex-col">
            To
            <input
              type="date"
              name="to"
              required
              defaultValue={first(sp.to)}
              className="rounded border px-2 py-1"
            />
          </label>
          <button type="submit" className="rounded border border-zinc-300 px-3 py-1.5 dark:border-zinc-700">
            Show
          </button>
        </form>
      </nav>
      {!parsed.ok ? (
        <p role="alert" className="rounded border border-red-500/40 bg-red-500/10 p-3 text-sm">
          {parsed.error}
        </p>
      ) : report ? (
        <ReportBody report={report} label={parsed.period.label} from={parsed.period.from} />
      ) : null}
    </div>
  );
}

function ReportBody({ report, label, from }: { report: ResponseReport; label: string; from: Date }) {
  return (
    <>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {label} (from {isoDay(from)}): {report.total} incident{report.total === 1 ? "" : "s"} declared. Means
        count the incidents that reached each milestone (n of m); an incident counts under the most severe SEV
        it had.
      </p>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Response times per SEV</caption>
        <thead>
          <tr className="border-b border-zinc-200 dark:border-zinc-800">
            {["SEV", "Incidents", "MTTA", "MTTM", "MTTR", "Response target", "Target met"].map((h) => (
              <th key={h} scope="col" className="py-2 pr-4 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.severities.map((s) => (
            <tr key={s.severity} className="border-b border-zinc-100 dark:border-zinc-900">
              <th scope="row" className="py-2 pr-4 font-medium">
                {s.label}
              </th>
              <td className="py-2 pr-4">{s.count}</td>
              <td className="py-2 pr-4">{formatMilestone(s.mtta)}</td>
              <td className="py-2 pr-4">{formatMilestone(s.mttm)}</td>
              <td className="py-2 pr-4">{formatMilestone(s.mttr)}</td>
              <td className="py-2 pr-4">{s.targetText}</td>
              <td className="py-2 pr-4">
                {formatHitRate(s.target)}
                {s.target.open ? ` · ${s.target.open} still open` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ReportMttaChart
        bars={report.severities.map((s) => ({
          label: s.label,
          mttaMinutes: s.mtta.meanMs === null ? null : s.mtta.meanMs / 60_000,
          targetMinutes: s.targetMs / 60_000,
        }))}
      />
      <section aria-labelledby="by-service">
        <h2 id="by-service" className="mb-2 text-lg font-semibold">
          Incidents per service
        </h2>
        {report.services.length ? (
          <table className="text-left text-sm">
            <thead>
              <tr className="border-b border-zinc-200 dark:border-zinc-800">
                {["Service", "Incidents", "SEV-0", "SEV-1", "SEV-2", "SEV-3"].map((h) => (
                  <th key={h} scope="col" className="py-2 pr-6 font-medium">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.services.map((s) => (
                <tr key={s.service} className="border-b border-zinc-100 dark:border-zinc-900">
                  <th scope="row" className="py-2 pr-6 font-medium">
                    {s.service}
                  </th>
                  <td className="py-2 pr-6">{s.count}</td>
                  {(["SEV0", "SEV1", "SEV2", "SEV3"] as const).map((sev) => (
                    <td key={sev} className="py-2 pr-6">
                      {s.bySeverity[sev]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            No incidents were declared in this period.
          </p>
        )}
      </section>
    </>
  );
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
