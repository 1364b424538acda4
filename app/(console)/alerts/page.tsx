import Link from "next/link";

import { IncidentUnavailable } from "@/components/incident-unavailable";
import { LocalTime } from "@/components/local-time";
import { listAlertPolicies, listAlerts } from "@/lib/alerts/queries";
import { getActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getEnv } from "@/lib/env";
import { isDatabaseUnreachable } from "@/lib/errors";
import { PolicySelect, SilenceForm, SnapshotButton } from "./alert-controls";

export const metadata = { title: "Alerts" };
export const dynamic = "force-dynamic";

const TH = "px-2 py-1 text-left font-medium";
const TD = "px-2 py-1 align-top";

/** Alerts received from Alertmanager: state, age, the incident each belongs to, silences,
 * and per-service policies for what an alert does. */
export default async function AlertsPage() {
  const actor = await getActor();
  const env = getEnv();
  let alerts, policies;
  try {
    [alerts, policies] = await Promise.all([listAlerts(), listAlertPolicies()]);
  } catch (e) {
    if (isDatabaseUnreachable(e))
      return <IncidentUnavailable message="The database is unreachable; alerts cannot be shown." />;
    throw e;
  }
  const silenceBlock = !env.ALERTMANAGER_URL
    ? "Set ALERTMANAGER_URL to silence from here"
    : can(actor, "incident:command")
      ? null
      : "Needs the commander role";
  const policyBlock = can(actor, "service:write") ? null : "Needs the admin role";
  const snapshotBlock = !env.PROMETHEUS_URL
    ? "Set PROMETHEUS_URL to back up monitoring data"
    : can(actor, "metrics:write")
      ? null
      : "Needs the responder role";
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Alerts</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        From Alertmanager&apos;s webhook (<code>POST /api/alerts/webhook</code>, bearer token or HMAC). Rules
        generated from the runbook&apos;s thresholds are on the{" "}
        <Link className="underline" href="/dashboards">
          Dashboards
        </Link>{" "}
        page.
      </p>
      {alerts.length === 0 ? (
        <p className="text-sm text-zinc-500">No alerts received yet.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="border-b border-zinc-200 dark:border-zinc-800">
              <tr>
                <th className={TH}>State</th>
                <th className={TH}>Alert</th>
                <th className={TH}>Service</th>
                <th className={TH}>SEV</th>
                <th className={TH}>Started</th>
                <th className={TH}>Age</th>
                <th className={TH}>Incident</th>
                <th className={TH}>Silence</th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((a) => (
                <tr key={a.id} className="border-b border-zinc-100 dark:border-zinc-900">
                  <td className={TD}>
                    <span className={a.status === "firing" ? "font-medium text-sev-0" : "text-zinc-500"}>
                      {a.status === "firing" ? "Firing" : "Resolved"}
                    </span>
                  </td>
                  <td className={TD}>
                    <div className="font-medium">{a.alertname}</div>
                    {a.summary ? <div className="text-zinc-500">{a.summary}</div> : null}
                  </td>
                  <td className={TD}>{a.service ?? "—"}</td>
                  <td className={TD}>{a.level ? a.level.replace("SEV", "SEV-") : "—"}</td>
                  <td className={TD}>
                    <LocalTime iso={a.startsAt.toISOString()} />
                  </td>
                  <td className={TD}>{age(a.ageMs)}</td>
                  <td className={TD}>
                    {a.incidentId ? (
                      <Link className="underline" href={`/incidents/${a.incidentId}`}>
                        #{a.incidentId}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className={TD}>
                    {a.status === "firing" ? (
                      <SilenceForm alertId={a.id} alertname={a.alertname} disabledReason={silenceBlock} />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="policies" className="space-y-2">
        <h2 id="policies" className="font-semibold">
          What an alert does, per service
        </h2>
        {policies.length === 0 ? (
          <p className="text-sm text-zinc-500">No services under watch.</p>
        ) : (
          <ul className="space-y-2">
            {policies.map((p) => (
              <li key={p.serviceId} className="flex flex-wrap items-center gap-3 text-sm">
                <span className="w-40 font-medium">{p.name}</span>
                <PolicySelect
                  serviceId={p.serviceId}
                  name={p.name}
                  policy={p.policy}
                  disabledReason={policyBlock}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="backup" className="space-y-2">
        <h2 id="backup" className="font-semibold">
          Monitoring data
        </h2>
        <SnapshotButton disabledReason={snapshotBlock} />
      </section>
    </div>
  );
}

function age(ms: number): string {
  const m = Math.max(0, Math.round(ms / 60_000));
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h} h ${m % 60} min` : `${Math.floor(h / 24)} d`;
}
