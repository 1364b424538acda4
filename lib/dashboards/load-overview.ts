import "server-only";

import { listOpenIncidentsForServices } from "@/lib/incidents/queries";
import { METRICS, type MetricKey } from "@/lib/runbook/catalog";
import { fetchActiveAlerts } from "@/lib/metrics/sources/optimizer";
import { querySeries } from "@/lib/metrics/store";
import { listServices, type WatchedService } from "@/lib/services/queries";

import { type Severity } from "@/lib/runbook/sev-levels";
import { isDeclarable } from "@/lib/severity/transition";
import { listSevStates, type SevStateDto } from "@/lib/severity/state";
import { compareOverview, hasNoData } from "./overview-order";
import type { SeriesPoint } from "./table-rows";
import { latestValue } from "./table-rows";

/** The overview's sparklines: last hour of p95, error rate and cache hit. */
const SPARK_METRICS: MetricKey[] = ["p95_latency_ms", "error_rate_pct", "cache_hit_pct"];
const SPARK_WINDOW_MS = 3_600_000;
const SPARK_POINTS = 60;
/** /alerts/active must answer quickly or the overview says "alerts unavailable". */
const ALERTS_TIMEOUT_MS = 2_000;

export type OverviewAlerts =
  | { ok: true; items: Array<{ name: string; severity: string; message: string }> }
  | { ok: false; error: string }
  | { ok: null; reason: string };

export type OverviewService = {
  id: number;
  name: string;
  level: Severity | null;
  candidate: Severity | null;
  reasons: Array<{ level: Severity; metric: MetricKey; text: string; source: string }>;
  evaluatedAt: number | null;
  latestSampleAt: number | null;
  /** No metric value at all yet: shown grey as "no data", never as a healthy "no SEV". */
  noData: boolean;
  declarable: boolean;
  autoDeclare: boolean;
  openIncidents: Array<{ id: number; severity: string; title: string }>;
  sparklines: Array<{
    metric: MetricKey;
    label: string;
    unit: string;
    latest: number | null;
    points: SeriesPoint[];
  }>;
  alerts: OverviewAlerts;
};

export type OverviewData = { generatedAt: number; services: OverviewService[] };

/** Every watched service with its current SEV, reasons, sparklines and active alerts, worst SEV first. */
export async function loadOverview(now = new Date()): Promise<OverviewData> {
  const [services, states] = await Promise.all([listServices(), listSevStates()]);
  const open = await listOpenIncidentsForServices(services.map((s) => s.name));
  const rows = await Promise.all(
    services.map((s) =>
      loadOne(
        s,
        states.get(s.id) ?? null,
        open.filter((i) => i.service === s.name),
        now,
      ),
    ),
  );
  return { generatedAt: now.getTime(), services: rows.sort(compareOverview) };
}

async function loadOne(
  service: WatchedService,
  sev: SevStateDto | null,
  openIncidents: Array<{ id: number; severity: string; title: string }>,
  now: Date,
): Promise<OverviewService> {
  const from = new Date(now.getTime() - SPARK_WINDOW_MS);
  const [sparklines, alerts] = await Promise.all([
    Promise.all(
      SPARK_METRICS.map(async (metric) => {
        const s = await querySeries({
          serviceId: service.id,
          metric,
          from,
          to: now,
          maxPoints: SPARK_POINTS,
        });
        const def = METRICS[metric];
        // The number beside the sparkline is the latest sample (what the SEV was computed
        // from), not the last bucket's average; a failed latest poll reads "no data".
        const snap = sev?.snapshot.values;
        const latest = snap && metric in snap ? (snap[metric] ?? null) : latestValue(s.points);
        return { metric, label: def.label, unit: def.unit, latest, points: s.points };
      }),
    ),
    loadAlerts(service),
  ]);
  const level = sev?.level ?? null;
  return {
    id: service.id,
    name: service.name,
    level,
    candidate: sev?.candidate ?? null,
    reasons: (sev?.reasons ?? []).map((r) => ({
      level: r.level,
      metric: r.metric,
      text: r.text,
      source: r.source,
    })),
    evaluatedAt: sev?.evaluatedAt.getTime() ?? null,
    latestSampleAt: sev?.snapshot.at ? Date.parse(sev.snapshot.at) : null,
    noData: hasNoData(sev?.snapshot),
    declarable: isDeclarable(level),
    autoDeclare: service.autoDeclare,
    openIncidents: openIncidents.map(({ id, severity, title }) => ({ id, severity, title })),
    sparklines,
    alerts,
  };
}

/** Every open overview polls every few seconds; one /alerts/active call per service per
 * ALERTS_TTL_MS is shared between them. */
const ALERTS_TTL_MS = 2_500;
const alertsCache = new Map<string, { at: number; result: Promise<OverviewAlerts> }>();

/** Active alerts come from the optimizer's own /alerts/active; a Prometheus-sourced service
 * has no such endpoint. A failure is shown ("alerts unavailable"), never an empty list. */
async function loadAlerts(service: WatchedService): Promise<OverviewAlerts> {
  if (service.metricsSource !== "optimizer")
    return { ok: null, reason: "this service's metrics come from Prometheus; it has no /alerts/active" };
  const now = Date.now();
  const hit = alertsCache.get(service.metricsBaseUrl);
  if (hit && now - hit.at < ALERTS_TTL_MS) return hit.result;
  const result = fetchAlerts(service.metricsBaseUrl);
  alertsCache.set(service.metricsBaseUrl, { at: now, result });
  return result;
}

async function fetchAlerts(baseUrl: string): Promise<OverviewAlerts> {
  try {
    const alerts = await fetchActiveAlerts(baseUrl, ALERTS_TIMEOUT_MS);
    return {
      ok: true,
      items: alerts.map((a) => ({
        name: a.name,
        severity: a.severity,
        message: typeof a.message === "string" ? a.message : a.name,
      })),
    };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
