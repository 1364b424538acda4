import Link from "next/link";
import { notFound } from "next/navigation";
import { clsx } from "clsx";

import { RangePicker } from "@/components/charts/range-picker";
import { SeverityBadge } from "@/components/severity-badge";
import { loadPanelCached } from "@/lib/dashboards/panel-cache";
import { PANEL_KEYS, PANEL_LABELS, parsePanel, type PanelKey } from "@/lib/dashboards/panels";
import { parseRange, type RangeKey } from "@/lib/dashboards/ranges";
import { getSevState } from "@/lib/severity/state";
import { getServiceByName } from "@/lib/services/queries";

import { PanelCharts } from "./panel-charts";

type Props = {
  params: Promise<{ service: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props) {
  const { service } = await params;
  return { title: `${decodeURIComponent(service)} · Dashboards` };
}

export default async function ServiceDashboardPage({ params, searchParams }: Props) {
  const name = decodeURIComponent((await params).service);
  const sp = await searchParams;
  const panel = parsePanel(sp.tab);
  const range = parseRange(sp.range);
  const service = await getServiceByName(name);
  if (!service) notFound();
  const [initial, sev] = await Promise.all([
    loadPanelCached(service.name, panel, range),
    getSevState(service.id),
  ]);
  const href = (p: PanelKey, r: RangeKey) =>
    `/dashboards/${encodeURIComponent(service.name)}?tab=${p}&range=${r}`;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <Link href="/dashboards" className="text-sm text-zinc-500 hover:underline">
          Dashboards
        </Link>
        <h1 className="text-xl font-semibold">{service.name}</h1>
        {sev?.level ? (
          <SeverityBadge severity={sev.level} />
        ) : (
          <span className="text-sm text-zinc-500">no SEV</span>
        )}
      </div>
      <nav
        aria-label="Dashboards"
        className="flex flex-wrap gap-1 border-b border-zinc-200 dark:border-zinc-800"
      >
        {PANEL_KEYS.map((p) => (
          <Link
            key={p}
            href={href(p, range)}
            aria-current={p === panel ? "page" : undefined}
            className={clsx(
              "-mb-px border-b-2 px-3 py-1.5 text-sm",
              p === panel
                ? "border-zinc-900 font-medium dark:border-zinc-100"
                : "border-transparent text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100",
            )}
          >
            {PANEL_LABELS[p]}
          </Link>
        ))}
      </nav>
      <RangePicker current={range} hrefFor={(r) => href(panel, r)} />
      <PanelCharts initialData={initial} />
    </div>
  );
}
