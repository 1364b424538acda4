import Link from "next/link";
import { connection } from "next/server";

import { isDatabaseUnreachable } from "@/lib/errors";
import { servicesFileStatus } from "@/lib/boot/metrics";
import { listServices } from "@/lib/services/queries";
import type { WatchedService } from "@/lib/services/schema";
import { PermissionGate } from "@/components/permission-gate";

export const metadata = { title: "Services under watch" };

export default async function ServicesPage() {
  await connection();
  let services: WatchedService[];
  try {
    services = await listServices();
  } catch (e) {
    if (!isDatabaseUnreachable(e)) throw e;
    return (
      <p role="alert" className="text-sev-0">
        The database is unreachable, so the services under watch cannot be listed. Try again in a moment.
      </p>
    );
  }
  const file = servicesFileStatus();
  return (
    <div className="space-y-4">
      <Link href="/dashboards" className="text-sm underline">
        ← Dashboards
      </Link>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">Services under watch</h1>
        <PermissionGate permission="service:write" hide>
          <Link
            href="/dashboards/services/new"
            className="rounded bg-zinc-900 px-3 py-1.5 text-sm font-medium text-white dark:bg-zinc-100 dark:text-zinc-900"
          >
            Add service
          </Link>
        </PermissionGate>
      </div>
      {file ? (
        <p
          role={file.ok ? "status" : "alert"}
          className={
            file.ok
              ? "text-sm text-zinc-500"
              : "rounded border border-red-500/40 bg-red-500/10 p-2 text-sm whitespace-pre-wrap text-red-700 dark:text-red-300"
          }
        >
          Config file {file.file}: {file.message}
        </p>
      ) : null}
      {services.length === 0 ? (
        <p className="text-sm text-zinc-500">
          No service is watched yet. Add one, or list them in the file named by FIREBREAK_SERVICES_FILE.
        </p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-zinc-500">
            <tr>
              <th className="py-1 pr-3">Name</th>
              <th className="py-1 pr-3">Metrics</th>
              <th className="py-1 pr-3">Ratio unit</th>
              <th className="py-1 pr-3">Kubernetes</th>
              <th className="py-1 pr-3">Overrides</th>
              <th className="py-1 pr-3">Auto-declare</th>
            </tr>
          </thead>
          <tbody>
            {services.map((s) => (
              <tr key={s.id} className="border-t border-zinc-200 dark:border-zinc-800">
                <td className="py-1 pr-3">
                  <Link href={`/dashboards/services/${s.id}/edit`} className="underline">
                    {s.name}
                  </Link>
                </td>
                <td className="py-1 pr-3">
                  {s.metricsSource} · <code className="text-xs">{s.metricsBaseUrl}</code>
                </td>
                <td className="py-1 pr-3">{s.ratioUnit}</td>
                <td className="py-1 pr-3 text-xs">
                  {s.k8s.context ? `${s.k8s.context}/` : ""}
                  {s.k8s.namespace}/deploy/{s.k8s.deployment} · svc/{s.k8s.service} · {s.k8s.selectorLabel}=
                  {s.k8s.stableValue}
                </td>
                <td className="py-1 pr-3">{Object.keys(s.thresholdOverrides).length || "–"}</td>
                <td className="py-1 pr-3">{s.autoDeclare ? "yes" : "no"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
