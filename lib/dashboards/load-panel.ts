import "server-only";

import { listRunsInWindow } from "@/lib/remediation/store";
import { AppError } from "@/lib/errors";
import { listIncidentsInWindow } from "@/lib/incidents/queries";
import { querySeries } from "@/lib/metrics/store";
import { listScannerRuns } from "@/lib/scanner/queries";
import { getServiceByName } from "@/lib/services/queries";

import { bucketPoints } from "./bucket-points";
import { buildMarkers, type Marker } from "./markers";
import { scanWindows, type ScanWindow } from "./scan-windows";
import { scansInWindow } from "@/lib/scanner/operations/scan-windows-query";
import { chartThresholds, PANELS, scannerValue, type ChartSpec, type PanelKey } from "./panels";
import { rangeWindow, type RangeKey } from "./ranges";
import { listSevChanges } from "@/lib/severity/state";
import type { SeriesPoint } from "./table-rows";
import type { ThresholdLine } from "./thresholds";

/** At most this many points per series, whatever the range, so a 30-day chart stays light to draw. */
export const MAX_POINTS = 1000;
/** Scanner runs read per window before bucketing to MAX_POINTS. */
const SCANNER_RUNS_LIMIT = 5_000;

export type ChartData = {
  id: string;
  title: string;
  unit: string;
  points: SeriesPoint[];
  thresholds: ThresholdLine[];
  bucketMs: number | null;
  note?: string;
};

/** Plain JSON (numbers for times): what the series API returns and the page hands the client. */
export type PanelData = {
  service: string;
  panel: PanelKey;
  range: RangeKey;
  from: number;
  to: number;
  charts: ChartData[];
  markers: Marker[];
  /** When ApiHunter scanned (every environment), shaded on the charts. */
  windows: ScanWindow[];
};

/** Everything one dashboard tab draws for a service over a range. */
export async function loadPanel(
  serviceName: string,
  panel: PanelKey,
  range: RangeKey,
  now = new Date(),
): Promise<PanelData> {
  const service = await getServiceByName(serviceName);
  if (!service) throw new AppError("NOT_FOUND", `No service named "${serviceName}" is under watch.`);
  const { from, to } = rangeWindow(range, now);
  const specs = PANELS[panel];
  const needsScanner = specs.some((s) => s.kind === "scanner");
  const [runs, markers, scans] = await Promise.all([
    needsScanner ? listScannerRuns({ from, to, limit: SCANNER_RUNS_LIMIT }) : Promise.resolve([]),
    loadMarkers(service.id, service.name, from, to),
    scansInWindow(from, to),
  ]);
  const charts = await Promise.all(
    specs.map(async (spec): Promise<ChartData> => {
      const base = {
        id: spec.id,
        title: spec.title,
        unit: spec.unit,
        thresholds: chartThresholds(spec, service.thresholdOverrides),
      };
      if (spec.kind === "metric") {
        const s = await querySeries({
          serviceId: service.id,
          metric: spec.metric,
          from,
          to,
          maxPoints: MAX_POINTS,
        });
        return { ...base, points: s.points, bucketMs: s.bucketMs };
      }
      return { ...base, ...scannerChart(spec, runs, from.getTime(), to.getTime()) };
    }),
  );
  const windows = scanWindows(scans, from.getTime(), to.getTime(), now.getTime());
  return {
    service: service.name,
    panel,
    range,
    from: from.getTime(),
    to: to.getTime(),
    charts,
    markers,
    windows,
  };
}

type Run = Awaited<ReturnType<typeof listScannerRuns>>[number];

function scannerChart(
  spec: ChartSpec,
  runs: Run[],
  from: number,
  to: number,
): Pick<ChartData, "points" | "bucketMs" | "note"> {
  if (spec.kind !== "scanner") return { points: [], bucketMs: null };
  const raw = runs.map((r) => ({ t: r.generatedAt.getTime(), v: scannerValue(spec.field, r[spec.field]) }));
  return {
    points: bucketPoints(raw, from, to, MAX_POINTS),
    bucketMs: null,
    note:
      "One point per ApiHunter run report (all scanner runs, not per service); " +
      "a run with 0 requests has no retry ratio.",
  };
}

/** Incidents of the service overlapping the window (start/end), the Kubernetes actions taken on
 * it (the action_runs audit trail) and its SEV changes. */
async function loadMarkers(serviceId: number, serviceName: string, from: Date, to: Date): Promise<Marker[]> {
  const [incidents, actions, sevChanges] = await Promise.all([
    listIncidentsInWindow(serviceName, from, to),
    listRunsInWindow(serviceName, from, to),
    listSevChanges(serviceId, from, to),
  ]);
  return buildMarkers({
    incidents,
    actions: actions.map((a) => ({
      incidentId: a.incidentId,
      occurredAt: new Date(a.startedAt),
      label: `${a.kind} ${a.targetName} (${a.outcome})`,
    })),
    sevChanges,
    from,
    to,
  });
}
