"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";

import type { OverviewData } from "@/lib/dashboards/load-overview";

import { metricKeys } from "@/lib/query-keys";

import { fetchOverview } from "./overview-query";
import { ServiceCard } from "./service-card";

/** The overview, refreshed live; a failed refresh is said plainly and the last data stays. */
export function OverviewLive({ initialData, refreshMs }: { initialData: OverviewData; refreshMs: number }) {
  const query = useQuery({
    queryKey: metricKeys.overview(),
    queryFn: fetchOverview,
    initialData,
    refetchInterval: refreshMs,
  });
  const data = query.data;
  return (
    <div className="space-y-3">
      {query.isError ? (
        <p role="alert" className="rounded border border-sev-1 px-3 py-2 text-sm">
          Live refresh failed ({query.error.message}); showing data from{" "}
          {new Date(data.generatedAt).toLocaleTimeString()}.
        </p>
      ) : null}
      {data.services.length === 0 ? (
        <p className="text-zinc-600 dark:text-zinc-400">
          No service is under watch yet. Add one under{" "}
          <Link className="underline" href="/dashboards/services">
            Services
          </Link>
          .
        </p>
      ) : (
        <div className="grid gap-3 xl:grid-cols-2">
          {data.services.map((s) => (
            <ServiceCard key={s.id} service={s} />
          ))}
        </div>
      )}
    </div>
  );
}
