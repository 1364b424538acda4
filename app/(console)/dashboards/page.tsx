import Link from "next/link";
import { connection } from "next/server";

import { isAppError, isDatabaseUnreachable } from "@/lib/errors";
import { loadOverview, type OverviewData } from "@/lib/dashboards/load-overview";
import { intervalMsOf } from "@/lib/metrics/store";

import { OverviewLive } from "./overview-live";
import { overviewRefreshMs } from "./overview-query";

export const metadata = { title: "Dashboards" };

export default async function DashboardsPage() {
  await connection();
  let data: OverviewData;
  try {
    data = await loadOverview();
  } catch (e) {
    if (isDatabaseUnreachable(e) || (isAppError(e) && e.code === "UNAVAILABLE")) {
      return (
        <p role="alert" className="text-sev-0">
          The database is unreachable, so no SEV or metric can be shown. Try again in a moment.
        </p>
      );
    }
    throw e;
  }
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">Dashboards</h1>
        <div className="flex flex-wrap gap-3 text-sm">
          <Link href="/dashboards/services" className="underline">
            Services under watch
          </Link>
          {/* The same thresholds as Prometheus alerting rules (generated from the runbook catalog). */}
          <a href="/api/alerts/rules?format=rules" className="underline" download>
            Alert rules (Prometheus)
          </a>
          <a href="/api/alerts/rules?format=prometheusrule" className="underline" download>
            PrometheusRule
          </a>
        </div>
      </div>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        The SEV level is computed from the runbook&apos;s thresholds: raised after 2 breaching samples in a
        row, cleared after 4 clean ones.
      </p>
      <OverviewLive initialData={data} refreshMs={overviewRefreshMs(intervalMsOf("fast"))} />
    </div>
  );
}
